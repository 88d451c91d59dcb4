//! The browser entry points: the standalone page, and mounting widgets into host elements.

use crate::app::{App, AppProps};
use crate::config::{self, Config, Notice};
use std::rc::Rc;
use web_sys::Element;

/// Renders one widget into `root` with `config`; several widgets on one page are independent.
pub fn mount_config(root: Element, config: Config, notices: Vec<Notice>, sync_url: bool) {
    let props = AppProps {
        config: Rc::new(config),
        notices: Rc::new(notices),
        sync_url,
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}

/// Starts the standalone page: reads the address, marks embed mode, mounts into `#loss-explorer`.
pub fn start_page() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let (config, notices) = config::parse_query(&query);
    if config.embed {
        if let Some(html) = document.document_element() {
            // CSS hides the page's own header and text, leaving only the widget.
            let _ = html.class_list().add_1("le-embed");
        }
    }
    let root = document
        .get_element_by_id("loss-explorer")
        .or_else(|| document.body().map(Into::into));
    if let Some(root) = root {
        mount_config(root, config, notices, true);
    }
}
