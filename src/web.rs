//! The browser entry points the loader (`static/loss-explorer.js`) calls: `mount()` for a
//! widget's root element (the loader makes it the first child of a shadow root attached to the
//! host page's element, and reads that element's data attributes into options), and
//! `mountPage()` for the standalone page's element, configured by the address.

use crate::app::{App, AppProps};
use crate::config::{self, Config, Notice, PARAMS};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, ResizeObserver};
use yew::AppHandle;

/// The class of every widget's root element, which the stylesheet scopes everything under.
const ROOT_CLASS: &str = "loss-explorer";

/// A mounted widget, as `mount()` returns it to JavaScript.
#[wasm_bindgen]
pub struct Handle {
    app: Option<AppHandle<App>>,
    root: Element,
}

#[wasm_bindgen]
impl Handle {
    /// Unmounts the widget and removes its root element; calling it twice does nothing.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
            self.root.remove();
        }
    }
}

/// Renders one widget into `root`; widgets on one page share nothing but the wasm module.
fn render(
    root: &Element,
    config: Config,
    notices: Vec<Notice>,
    page_url: String,
    standalone: bool,
) -> AppHandle<App> {
    let _ = root.class_list().add_1(ROOT_CLASS);
    let props = AppProps {
        root: root.clone(),
        config: Rc::new(config),
        notices: Rc::new(notices),
        page_url: page_url.into(),
        standalone,
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render()
}

/// Mounts a widget into `root`, an empty element of its own (the loader's, inside a shadow
/// root), configured by `options`: an object with any of the URL parameters as keys (strings
/// as in the URL; arrays and numbers are accepted too). Its permalinks open `page_url`, the
/// standalone page. Returns a handle whose `destroy()` removes the widget and `root`.
#[wasm_bindgen]
pub fn mount(root: Element, options: JsValue, page_url: String) -> Handle {
    let pairs = option_pairs(&options);
    let (config, notices) = config::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    let app = render(&root, config, notices, page_url, false);
    Handle {
        app: Some(app),
        root,
    }
}

/// Reads the known options from a JS object as strings: arrays are joined with commas,
/// numbers and booleans written out, anything else ignored.
fn option_pairs(options: &JsValue) -> Vec<(&'static str, String)> {
    if !options.is_object() {
        return Vec::new();
    }
    PARAMS
        .iter()
        .filter_map(|&key| {
            let v = js_sys::Reflect::get(options, &JsValue::from_str(key)).ok()?;
            let text = if js_sys::Array::is_array(&v) {
                String::from(js_sys::Array::from(&v).join(","))
            } else if let Some(s) = v.as_string() {
                s
            } else if let Some(n) = v.as_f64() {
                // The shortest text that reads back as the same number.
                crate::num::shortest(n)
            } else if let Some(b) = v.as_bool() {
                if b { "1" } else { "0" }.to_string()
            } else {
                return None;
            };
            Some((key, text))
        })
        .collect()
}

/// The page's own address without its query: the standalone page's permalinks start here.
fn here() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            format!(
                "{}{}",
                l.origin().unwrap_or_default(),
                l.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// Mounts the standalone page's widget into a root element it adds to `host` (the page is
/// ours, so no shadow root): configured by the address, which it keeps current; in embed
/// mode it hides the page's own text and reports its height to the embedding page, and inside
/// a frame nothing in it is sized by the frame's height. It lives as long as the page.
#[wasm_bindgen(js_name = mountPage)]
pub fn mount_page(host: &Element) {
    let window = web_sys::window();
    let query = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let (config, notices) = config::parse_query(&query);
    let embed = config.embed;
    let Some(document) = window.as_ref().and_then(|w| w.document()) else {
        return;
    };
    let Ok(root) = document.create_element("div") else {
        return;
    };
    let _ = root.class_list().add_1("le-light-dom");
    let framed = window
        .as_ref()
        .is_some_and(|w| w.parent().ok().flatten().is_some_and(|p| p != *w));
    if embed && framed {
        // A frame sized to the reported height must report that same height back.
        let _ = root.class_list().add_1("le-framed");
        if let Some(html) = document.document_element() {
            let _ = html.class_list().add_1("le-in-frame");
        }
    }
    let _ = host.append_child(&root);
    std::mem::forget(render(&root, config, notices, here(), true));
    if embed {
        if let Some(html) = document.document_element() {
            let _ = html.class_list().add_1("le-embed");
        }
        report_height();
    }
}

/// Posts `{type: "loss-explorer:resize", height}` to the parent whenever the body's height
/// changes. The body's own height, not the viewport's, so an iframe sized to it never grows
/// in a loop.
fn report_height() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(body) = window.document().and_then(|d| d.body()) else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let last = std::cell::Cell::new(-1.0);
    let measured = body.clone();
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil();
        if height != last.get() {
            last.set(height);
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &"loss-explorer:resize".into());
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            let _ = parent.post_message(&message, "*");
        }
    });
    if let Ok(observer) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&body);
        // Both live as long as the page.
        std::mem::forget(observer);
    }
    on_resize.forget();
}
