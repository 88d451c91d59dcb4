//! The "Loss history" canvas: loss and p of the correct word after each step.

use super::canvas_kit::{palette, prepare, use_redraw_signal, warn, FrameScheduler};
use crate::format::fixed3;
use crate::loss::Units;
use crate::model::HistoryPoint;
use crate::plot;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Props for [`HistoryPlot`]: only what it draws, so slider moves do not re-render it.
#[derive(Properties, PartialEq)]
pub struct HistoryPlotProps {
    /// Loss and p of the correct word per step.
    pub history: Rc<Vec<HistoryPoint>>,
    /// The unit of the loss axis.
    pub units: Units,
}

/// The second plot, named "Loss history".
#[function_component]
pub fn HistoryPlot(props: &HistoryPlotProps) -> Html {
    let canvas_ref = use_node_ref();
    let redraw = use_redraw_signal(canvas_ref.clone());
    let units = props.units;
    let points: Vec<(f64, f64)> = props
        .history
        .iter()
        .map(|h| (units.from_nats(h.loss_nats), h.p_correct))
        .collect();
    let caption = format!("loss ({})", units.name());
    let description = match (points.first(), points.last()) {
        (Some(first), Some(last)) if points.len() > 1 => format!(
            "Loss history over {} steps: the loss went from {} to {} {}, and p of the correct word from {} to {}.",
            points.len() - 1,
            fixed3(first.0),
            fixed3(last.0),
            units.name(),
            fixed3(first.1),
            fixed3(last.1)
        ),
        _ => "Loss history: no steps yet. Press Step or Play.".into(),
    };
    let scheduler = use_memo((), |_| FrameScheduler::default());
    {
        let canvas_ref = canvas_ref.clone();
        use_effect_with((points, caption, redraw), move |(points, caption, _)| {
            let (points, caption) = (points.clone(), caption.clone());
            scheduler.schedule(move || {
                let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
                    return;
                };
                let Some(scale) = prepare(&canvas) else {
                    return;
                };
                let palette = palette(&canvas);
                if let Err(e) = plot::draw_history(canvas, &points, &caption, &palette, scale) {
                    warn("the loss history", &e);
                }
            });
        });
    }
    html! {
        <figure class="le-history">
            <canvas ref={canvas_ref} role="img" aria-label="Loss history"></canvas>
            <figcaption>{ description }</figcaption>
        </figure>
    }
}
