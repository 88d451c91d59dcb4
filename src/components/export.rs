//! "Copy link", "Copy as PyTorch", "Download PNG", "Download CSV", and the snippet.

use crate::config::PARTS;
use crate::embed::{self, Form};
use crate::export::{history_csv, pytorch_snippet};
use crate::model::Model;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlAnchorElement, HtmlCanvasElement};
use yew::prelude::*;

/// Props for [`Export`].
#[derive(Properties)]
pub struct ExportProps {
    /// The state to copy and download.
    pub model: Rc<Model>,
    /// The address the permalink starts with: the standalone page, which reads the query.
    pub page_url: AttrValue,
    /// The main plot's canvas, which Download PNG saves.
    pub canvas: NodeRef,
}

/// Every change of the state is a new model: the same allocation is the same state.
impl PartialEq for ExportProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.model, &other.model)
            && self.page_url == other.page_url
            && self.canvas == other.canvas
    }
}

/// What the buttons last did, shown to the learner.
#[derive(Clone, Debug, Default, PartialEq)]
struct Status {
    /// One sentence, e.g. "Link copied."
    message: &'static str,
    /// Text to select by hand where the clipboard was refused.
    fallback: Option<String>,
}

fn copy_to_clipboard(text: String, status: UseStateHandle<Status>, done: &'static str) {
    let refused = Status {
        message: "The browser did not allow copying; select the text below instead.",
        fallback: Some(text.clone()),
    };
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        status.set(refused);
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let copied = JsFuture::from(clipboard.write_text(&text)).await.is_ok();
        status.set(if copied {
            Status {
                message: done,
                fallback: None,
            }
        } else {
            refused
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

/// A blob URL that lives until it is replaced or the widget goes: revoking it right after
/// `click()` can cancel the download in browsers that fetch it later.
#[derive(Default)]
struct ObjectUrl(RefCell<Option<String>>);

impl ObjectUrl {
    fn replace(&self, url: Option<String>) {
        if let Some(old) = self.0.replace(url) {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
    }
}

impl Drop for ObjectUrl {
    fn drop(&mut self) {
        self.replace(None);
    }
}

fn download_text(text: &str, filename: &str, mime: &str, keep: &ObjectUrl) -> Option<()> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    download(&url, filename);
    keep.replace(Some(url));
    Some(())
}

/// The export buttons, what they last did, and the PyTorch snippet once asked for.
#[function_component]
pub fn Export(props: &ExportProps) -> Html {
    let status = use_state(Status::default);
    let show_snippet = use_state(|| false);
    let object_url = use_memo((), |_| ObjectUrl::default());
    let m = props.model.clone();

    // The embed's own choices, kept while the learner goes on dragging.
    let parts = use_state(|| m.parts());
    let form = use_state(Form::default);
    // One search for the settings per render (it recreates the widget to check its readouts):
    // the code and the preview share it, and the permalink waits for its button.
    let settings = embed::settings(&m, *parts);
    let code = embed::code(&settings, *form, &props.page_url);
    // The preview is a page of its own (static/preview.html): two frames of the ?embed=1
    // page, at a column's and a phone's width, cost nothing here until opened.
    let preview = format!(
        "{}preview.html{}",
        embed::folder(&props.page_url),
        embed::query(&settings)
    );
    let copy_code = {
        let (status, code) = (status.clone(), code.clone());
        Callback::from(move |_: MouseEvent| {
            copy_to_clipboard(code.clone(), status.clone(), "Embed code copied.")
        })
    };
    let copy_link = {
        let (m, status, page_url) = (m.clone(), status.clone(), props.page_url.clone());
        Callback::from(move |_: MouseEvent| {
            copy_to_clipboard(
                embed::permalink(&m, &page_url),
                status.clone(),
                "Link copied.",
            )
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
        let (canvas, status) = (props.canvas.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let saved = canvas
                .cast::<HtmlCanvasElement>()
                .and_then(|c| c.to_data_url().ok())
                .and_then(|url| download(&url, "loss-explorer.png"));
            status.set(Status {
                message: if saved.is_some() {
                    "Plot saved as PNG."
                } else {
                    "There is no plot here to save."
                },
                fallback: None,
            });
        })
    };
    let csv = {
        let (m, status) = (m.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let message = if m.history().is_empty() {
                "No history yet: press Step or Play first."
            } else if download_text(
                &history_csv(&m),
                "loss-history.csv",
                "text/csv",
                &object_url,
            )
            .is_some()
            {
                "Loss history saved as CSV."
            } else {
                "Could not save the CSV."
            };
            status.set(Status {
                message,
                fallback: None,
            });
        })
    };
    html! {
        <section class="le-export">
            <div class="le-buttons">
                <button type="button" class="le-secondary" onclick={copy_link}>{ "Copy link" }</button>
                <button type="button" class="le-secondary" onclick={copy_torch}>{ "Copy as PyTorch" }</button>
                <button type="button" class="le-secondary" onclick={png}>{ "Download PNG" }</button>
                <button type="button" class="le-secondary" onclick={csv}>{ "Download CSV" }</button>
            </div>
            <p class="le-status" role="status" aria-live="polite">{ status.message }</p>
            if let Some(text) = &status.fallback {
                <textarea class="le-fallback" readonly=true aria-label="Text to copy" rows="2" value={text.clone()} />
            }
            <fieldset class="le-embed-parts">
                <legend>{ "Embed parts" }</legend>
                { for PARTS.iter().map(|&(part, name)| {
                    let on = parts.has(part);
                    let parts = parts.clone();
                    html! {
                        <label class="le-check-label">
                            <input type="checkbox" checked={on} onchange={Callback::from(move |_: Event| {
                                parts.set(if on { parts.without(part) } else { parts.with(part) })
                            })} />
                            { name }
                        </label>
                    }
                }) }
            </fieldset>
            <fieldset class="le-choice">
                <legend>{ "Embed as" }</legend>
                { for [(Form::Script, "script"), (Form::Iframe, "iframe")].into_iter().map(|(f, name)| {
                    let form = form.clone();
                    html! {
                        <label class={if *form == f { "le-chip le-chip-on" } else { "le-chip" }}>
                            <input type="radio" checked={*form == f} onchange={Callback::from(move |_: Event| form.set(f))} />
                            { name }
                        </label>
                    }
                }) }
            </fieldset>
            <button type="button" onclick={copy_code}>{ "Copy embed code" }</button>
            <p class="le-caption">{ if *form == Form::Script {
                "Paste the script tag once per page, in the head or before the first widget, and the div where the widget goes."
            } else {
                "Paste both where the widget goes; the script sets the frame's height from the widget's own."
            } }</p>
            <div role="region" aria-label="Embed code" class="le-snippet">
                <pre tabindex="0">{ code }</pre>
            </div>
            <a class="le-button le-secondary" href={preview} target="_blank" rel="noopener">
                { "Preview (new tab)" }
            </a>
            if *show_snippet {
                <div role="region" aria-label="PyTorch snippet" class="le-snippet">
                    // Focusable, so keyboard users can scroll its long lines.
                    <pre tabindex="0">{ pytorch_snippet(&m) }</pre>
                </div>
            }
        </section>
    }
}
