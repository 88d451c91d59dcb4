//! The root component: holds the lesson, wires the side effects, lays out the parts a page
//! asked for.

use crate::components::{
    challenges, mistakes, notices, part, preset_select, put_back, readouts, soft_targets, units,
    use_preset_menu, word_rows, ComparePart, EditToggle, Export, LogitsPart, PlotCanvas, Scene,
    SentencePart, Training,
};
use crate::config::{Config, Notice, Part, Parts};
use crate::format::{history_caption, plot_description, readout, PLOT_HIDDEN};
use crate::geometry;
use crate::lesson::Lesson;
use crate::model::{Action, GradientView, Model};
use crate::plot::{HistoryScene, MainScene};
use crate::side_effects::{
    use_address_sync, use_build_stage, use_change_event, use_live_announcement, use_play_timer,
    use_theme,
};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use yew::prelude::*;

impl Reducible for Lesson {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().apply(action))
    }
}

/// What a widget is created with.
#[derive(Properties)]
pub struct AppProps {
    /// The widget's root element (class `loss-explorer`), which the app renders into.
    pub root: web_sys::Element,
    /// The validated starting state.
    pub config: Rc<Config>,
    /// What was ignored while reading the config, shown as alerts.
    pub notices: Rc<Vec<Notice>>,
    /// The standalone page's address, which permalinks start with.
    pub page_url: AttrValue,
    /// Whether this is the standalone page's widget: it mirrors the state into the address
    /// and follows the reader's colour scheme rather than a host page's.
    #[prop_or_default]
    pub standalone: bool,
}

/// A widget's props are set once, when it is mounted: the same config and notices are the
/// same allocations (a deep comparison is code the module would carry for nothing).
impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        self.root == other.root
            && Rc::ptr_eq(&self.config, &other.config)
            && Rc::ptr_eq(&self.notices, &other.notices)
            && self.page_url == other.page_url
            && self.standalone == other.standalone
    }
}

/// A fresh `le-N` for element ids and radio-group names, so several widgets on one page
/// keep theirs apart.
fn unique_id() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("le-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

fn main_scene(m: &Model, curve: Rc<Vec<(f64, f64)>>) -> MainScene {
    let units = m.units();
    MainScene {
        labels: m.names().iter().map(|w| w.to_string()).collect(),
        probs: m.probs().to_vec(),
        gradient: m.gradient(),
        correct: m.correct(),
        curve,
        y_max: geometry::y_max(units),
        marker: geometry::marker(m.p_correct(), m.one_hot_loss(), units),
        slope: m.slope(),
        slope_label: format!("slope {}", readout(m.slope())),
        y_caption: format!("−{} p ({})", units.log_symbol(), units.name()),
        units,
        logit_view: m.gradient_view() == GradientView::Logits,
        point_hidden: m.hides_loss(),
    }
}

fn history_figure(m: &Model, theme: u32) -> Html {
    let units = m.units();
    let scene = HistoryScene {
        points: m
            .history()
            .iter()
            .map(|h| (h.step, units.from_nats(h.loss_nats), h.p_correct))
            .collect(),
        y_caption: format!("loss ({})", units.name()),
    };
    let caption = match (scene.points.first(), scene.points.last()) {
        (Some(&first), Some(&last)) => history_caption(units, first, last),
        _ => history_caption(units, (0, 0.0, 0.0), (0, 0.0, 0.0)),
    };
    html! {
        <figure class="le-history">
            <PlotCanvas scene={Scene::History(Rc::new(scene))} label="Loss history"
                class="le-history-canvas" {theme} />
            <figcaption>{ caption }</figcaption>
        </figure>
    }
}

/// The parts below the prediction's, and where each is found.
const BELOW: [(Part, &str); 7] = [
    (Part::Logits, ".le-logits"),
    (Part::Sentence, ".le-sentence"),
    (Part::Compare, ".le-compare"),
    (Part::Mistakes, ".le-mistakes"),
    (Part::Smoothing, ".le-soft"),
    (Part::Challenges, ".le-challenges"),
    (Part::Export, ".le-export"),
];

/// The parts below the prediction's that are wholly outside the viewport, as `root` is laid
/// out now (a press on a slider comes between frames, when nothing waits to be laid out).
fn out_of_view(root: &web_sys::Element) -> Parts {
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok()?.as_f64())
        .unwrap_or(0.0);
    BELOW.iter().fold(Parts::NONE, |out, &(part, selector)| {
        let away = match root.query_selector(selector) {
            Ok(Some(e)) => {
                let r = e.get_bounding_client_rect();
                r.bottom() <= 0.0 || r.top() >= height
            }
            _ => false,
        };
        if away {
            out.with(part)
        } else {
            out
        }
    })
}

/// One Loss Explorer widget.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let lesson = use_reducer({
        let config = props.config.clone();
        move || Lesson::new((*config).clone())
    });
    let id = use_memo((), |_| unique_id());
    let on_action = use_memo((), {
        let dispatcher = lesson.dispatcher();
        move |_| Callback::from(move |a: Action| dispatcher.dispatch(a))
    });
    let root = &props.root;
    let main_canvas = use_node_ref();
    let preset_menu = use_node_ref();
    let m = lesson.shared_model();
    let parts = props.config.parts;
    use_play_timer(m.playing(), lesson.dispatcher());
    use_address_sync(props.standalone, m.clone());
    use_change_event(root.clone(), m.reported());
    let announcement = use_live_announcement(m.clone());
    // The words and the readouts are rendered first, the rest of the prediction's part in the
    // next frame, before it is painted; on the standalone page (not framed) each part below
    // follows a frame after the one above it.
    let core = parts.core();
    let one_by_one = props.standalone && !props.config.embed && core;
    let stage = use_build_stage(root.clone(), parts.last_stage(), one_by_one);
    // After the line above: the theme's first look at the colours then comes in the same
    // frame as the rest of the widget, laid out once.
    let theme_changes = use_theme(root.clone(), props.config.theme, !props.standalone);
    // The curve never changes for a unit, so it is sampled once per unit, not per frame.
    let curve = use_memo(m.units(), |&units| geometry::curve(units));
    use_preset_menu(preset_menu.clone(), m.preset());
    let sentence_menu = use_node_ref();
    use_preset_menu(sentence_menu.clone(), m.sentence_preset());
    let editing = use_state(|| false);
    {
        let root = props.root.clone();
        use_effect(move || put_back(&root));
    }

    // A word's slider pressed holds the parts below that are out of view until the pointer
    // comes up (the slider captures it, so the release comes here too).
    let hold = {
        let (dispatcher, root, held) = (lesson.dispatcher(), root.clone(), lesson.holds());
        Callback::from(move |e: PointerEvent| {
            // No button down: a release (or a cancel), which ends any hold.
            let on_slider = e.buttons() != 0
                && e.target_unchecked_into::<web_sys::Element>()
                    .get_attribute("data-v")
                    .is_some();
            let parts = if on_slider {
                out_of_view(&root)
            } else {
                Parts::NONE
            };
            if parts != Parts::NONE || held {
                dispatcher.dispatch(Action::Hold(parts));
            }
        })
    };
    let on_action = &*on_action;
    let edit_toggle = parts.has(Part::Edit).then(|| EditToggle {
        on: *editing,
        toggle: Callback::from(move |_| editing.set(!*editing)),
    });
    // Without the core (a sentence alone), the part shown is what the reader looks at first.
    let built = if core { parts.built(stage) } else { parts };
    let has = |part| built.has(part);
    let train = has(Part::Train).then(|| part(Training::of(&m, id.clone(), on_action.clone())));
    let plot = has(Part::Plot).then(|| {
        let units = m.units();
        html! {
            <PlotCanvas scene={Scene::Main(Rc::new(main_scene(&m, curve.clone())))}
                label={if m.hides_loss() {
                    PLOT_HIDDEN.to_string()
                } else {
                    plot_description(units, m.correct_word(), m.p_correct(), m.loss(), m.slope())
                }}
                class="le-curve" theme={theme_changes} node={main_canvas.clone()} />
        }
    });
    let sentence = has(Part::Sentence).then(|| {
        let menu = parts.has(Part::Presets).then(|| sentence_menu.clone());
        part(SentencePart::of(
            lesson.below(Part::Sentence),
            id.clone(),
            menu,
            theme_changes,
            on_action.clone(),
        ))
    });
    let history = has(Part::History).then(|| history_figure(&m, theme_changes));
    // Beside the Step button with the core; a part of its own without.
    let (history_beside, history_alone) = if core {
        (history, None)
    } else {
        (None, history)
    };
    let logits = has(Part::Logits).then(|| {
        part(LogitsPart::of(
            lesson.below(Part::Logits),
            on_action.clone(),
        ))
    });
    let compare = has(Part::Compare).then(|| {
        part(ComparePart::of(
            lesson.below(Part::Compare),
            curve.clone(),
            theme_changes,
            on_action.clone(),
        ))
    });
    // With nothing beside the readouts, they stack in a narrow column next to the sliders.
    let side = parts.has(Part::Train) || parts.has(Part::Units) || parts.has(Part::History);
    let main_class = format!(
        "le-layout le-main{}{}",
        if side { "" } else { " le-compact" },
        if parts.has(Part::Plot) {
            " le-has-plot"
        } else {
            ""
        },
    );
    html! {
        <>
            { notices(&props.notices) }
            if parts.has(Part::Presets) {
                <div class="le-toolbar">{ preset_select(&m, preset_menu, on_action) }</div>
            }
            if !core && has(Part::Units) {
                <div class="le-toolbar">{ units(&m, &id, on_action) }</div>
            }
            // The dock holds what a drag moves: beside and below the sliders on a wide
            // screen, pinned above them on a phone (static/loss-explorer.css).
            if core {
            <div class={main_class} onpointerdown={hold.clone()}
                onpointerup={hold.clone()} onpointercancel={hold}>
                <div class="le-column le-words">{ word_rows(&m, &id, edit_toggle, on_action) }</div>
                <div class="le-dock">
                    { readouts(&m, &id, on_action) }
                    { plot.unwrap_or_default() }
                </div>
                if side {
                    <div class="le-column le-side">
                        if has(Part::Units) { { units(&m, &id, on_action) } }
                        { train.unwrap_or_default() }
                        // Beside the Step button it records.
                        { history_beside.unwrap_or_default() }
                    </div>
                }
            </div>
            }
            if let Some(logits) = logits {
                <div class="le-layout le-teach">{ logits }</div>
            }
            { sentence.unwrap_or_default() }
            if let Some(compare) = compare {
                <div class="le-layout le-teach">{ compare }</div>
            }
            // The mistakes and the soft targets print the loss: an exercise shows them once
            // its answer is checked.
            if has(Part::Mistakes) && !m.hides_loss() { { mistakes(lesson.below(Part::Mistakes)) } }
            if let Some(history) = history_alone {
                <div class="le-layout le-teach">{ history }</div>
            }
            if has(Part::Smoothing) && !m.hides_loss() {
                <div class="le-layout le-teach">{ soft_targets(lesson.below(Part::Smoothing), on_action) }</div>
            }
            if has(Part::Challenges) || has(Part::Export) {
                <div class="le-layout le-teach">
                    if has(Part::Challenges) { { challenges(lesson.met(), lesson.below(Part::Challenges)) } }
                    if has(Part::Export) {
                        <Export model={lesson.below(Part::Export).clone()} page_url={props.page_url.clone()} canvas={main_canvas} />
                    }
                </div>
            }
            <div class="le-sr-only" aria-live="polite">{ announcement }</div>
        </>
    }
}
