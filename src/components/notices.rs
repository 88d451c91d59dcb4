//! The alerts that say which configuration values were ignored and why.

use crate::config::Notice;
use std::rc::Rc;
use yew::prelude::*;

/// Props for [`Notices`].
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// The notices, in the order the parameters were read.
    pub notices: Rc<Vec<Notice>>,
}

/// One `role="alert"` box per ignored parameter; nothing when all were fine.
#[function_component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    html! {
        <div class="le-notices">
            { for props.notices.iter().map(|n| html! {
                <p class="le-notice" role="alert">{ n.to_string() }</p>
            }) }
        </div>
    }
}
