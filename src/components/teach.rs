//! The teaching extras: the Preset menu, the Challenges list, and copy / download.

use crate::challenges::CHALLENGES;
use crate::export::{history_csv, pytorch_snippet};
use crate::model::{Action, Model};
use crate::presets::PRESETS;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlAnchorElement, HtmlCanvasElement, HtmlSelectElement};
use yew::prelude::*;

/// Props for [`Export`].
#[derive(Properties, PartialEq)]
pub struct ExportProps {
    /// The state to copy and download.
    pub model: Rc<Model>,
    /// Whether this is the standalone page's widget (its own address is the permalink).
    pub standalone: bool,
}

/// Props for [`PresetSelect`].
#[derive(Properties, PartialEq)]
pub struct PresetProps {
    /// The preset last loaded, if nothing was changed by hand since.
    pub preset: Option<usize>,
    /// Where the menu sends the choice.
    pub on_action: Callback<Action>,
}

/// The "Preset" select: the tutorial's examples and a few extremes.
#[function_component]
pub fn PresetSelect(props: &PresetProps) -> Html {
    let onchange = props.on_action.reform(|e: Event| {
        let index = e
            .target_unchecked_into::<HtmlSelectElement>()
            .value()
            .parse()
            .unwrap_or(usize::MAX);
        Action::LoadPreset(index)
    });
    let current = props.preset;
    html! {
        <label class="le-preset">
            <span>{ "Preset" }</span>
            <select aria-label="Preset" {onchange}>
                <option value="" selected={current.is_none()} disabled=true>{ "Choose an example…" }</option>
                { for PRESETS.iter().enumerate().map(|(i, p)| html! {
                    <option value={i.to_string()} selected={current == Some(i)}>{ p.name }</option>
                }) }
            </select>
        </label>
    }
}

/// Props for [`Challenges`].
#[derive(Properties, PartialEq)]
pub struct ChallengesProps {
    /// One flag per challenge: whether it has been met.
    pub done: Rc<Vec<bool>>,
}

/// The "Challenges" list; a met challenge reads "✓ done".
#[function_component]
pub fn Challenges(props: &ChallengesProps) -> Html {
    let done = props.done.as_slice();
    html! {
        <section class="le-challenges">
            // Not a heading element: the widget sits inside pages whose outline it cannot know.
            <p class="le-heading" aria-hidden="true">{ "Challenges" }</p>
            <ul aria-label="Challenges">
                { for CHALLENGES.iter().zip(done).map(|(c, &d)| html! {
                    <li class={classes!(d.then_some("le-done"))}>
                        <span class="le-check" aria-hidden="true">{ if d { "✓" } else { "○" } }</span>
                        { c.task }
                        if d { <strong class="le-done-tag">{ " ✓ done" }</strong> }
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// The address that reopens the current state: on the standalone page, the page itself;
/// for a widget mounted into someone else's page, the standalone page beside the script that
/// loaded it (that page reads the query; the host page would not).
fn permalink(model: &Model, standalone: bool) -> String {
    let mut config = model.to_config();
    config.embed = false;
    let query = config.to_query();
    let page = match (standalone, crate::web::standalone_page_url()) {
        (false, Some(url)) => url,
        _ => web_sys::window()
            .map(|w| {
                let l = w.location();
                format!(
                    "{}{}",
                    l.origin().unwrap_or_default(),
                    l.pathname().unwrap_or_default()
                )
            })
            .unwrap_or_default(),
    };
    format!("{page}{query}")
}

fn copy_to_clipboard(text: String, status: UseStateHandle<String>, done: &'static str) {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        status.set("Copying is not available here; select the text instead.".into());
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let result = JsFuture::from(clipboard.write_text(&text)).await;
        status.set(match result {
            Ok(_) => done.into(),
            Err(_) => "The browser did not allow copying; select the text instead.".into(),
        });
    });
}

/// Starts a download of `href` as `filename`.
fn download(href: &str, filename: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let a: HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(href);
    a.set_download(filename);
    a.click();
    Some(())
}

fn download_text(text: &str, filename: &str, mime: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    download(&url, filename);
    // The download has its own reference to the blob by now.
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

/// "Copy link", "Copy as PyTorch", "Download PNG", "Download CSV", and the snippet.
#[function_component]
pub fn Export(props: &ExportProps) -> Html {
    let status = use_state(String::new);
    let show_snippet = use_state(|| false);
    let root = use_node_ref();
    let m = props.model.clone();

    let copy_link = {
        let (m, status, standalone) = (m.clone(), status.clone(), props.standalone);
        Callback::from(move |_: MouseEvent| {
            copy_to_clipboard(permalink(&m, standalone), status.clone(), "Link copied.")
        })
    };
    let copy_torch = {
        let (m, status, show) = (m.clone(), status.clone(), show_snippet.clone());
        Callback::from(move |_: MouseEvent| {
            show.set(true);
            copy_to_clipboard(
                pytorch_snippet(&m),
                status.clone(),
                "PyTorch snippet copied.",
            );
        })
    };
    let png = {
        let (root, status) = (root.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let canvas = root
                .cast::<Element>()
                .and_then(|r| r.closest(".loss-explorer").ok().flatten())
                .and_then(|w| w.query_selector("canvas.le-curve").ok().flatten())
                .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok());
            let ok = canvas
                .and_then(|c| c.to_data_url().ok())
                .and_then(|url| download(&url, "loss-explorer.png"));
            status.set(
                if ok.is_some() {
                    "Plot saved as PNG."
                } else {
                    "Could not save the plot."
                }
                .into(),
            );
        })
    };
    let csv = {
        let (m, status) = (m.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            if m.history().is_empty() {
                status.set("No history yet: press Step or Play first.".into());
                return;
            }
            let ok = download_text(&history_csv(&m), "loss-history.csv", "text/csv");
            status.set(
                if ok.is_some() {
                    "Loss history saved as CSV."
                } else {
                    "Could not save the CSV."
                }
                .into(),
            );
        })
    };
    html! {
        <section class="le-export" ref={root}>
            <div class="le-buttons">
                <button type="button" class="le-secondary" onclick={copy_link}>{ "Copy link" }</button>
                <button type="button" class="le-secondary" onclick={copy_torch}>{ "Copy as PyTorch" }</button>
                <button type="button" class="le-secondary" onclick={png}>{ "Download PNG" }</button>
                <button type="button" class="le-secondary" onclick={csv}>{ "Download CSV" }</button>
            </div>
            <p class="le-status" role="status" aria-live="polite">{ (*status).clone() }</p>
            if *show_snippet {
                <div role="region" aria-label="PyTorch snippet" class="le-snippet">
                    <pre>{ pytorch_snippet(&m) }</pre>
                </div>
            }
        </section>
    }
}
