//! The widget's parts. The components own DOM nodes or state of their own (a slider's input,
//! a canvas, the export buttons' status); the rest are plain functions from the model to
//! markup, turning DOM events into `Action`s at the edge.

mod canvas;
mod controls;
mod export;
mod logits;
mod models;
mod part;
mod readouts;
mod sentence;
mod slider;
mod teach;
mod words;

pub use canvas::{PlotCanvas, Scene};
pub use controls::{units, Training};
pub use export::Export;
pub use logits::LogitsPart;
pub use models::ComparePart;
pub use part::part;
pub use readouts::readouts;
pub use sentence::{mistakes, SentencePart};
pub use slider::put_back;
pub use teach::{challenges, notices, preset_select, soft_targets, use_preset_menu};
pub use words::{word_rows, EditToggle};
