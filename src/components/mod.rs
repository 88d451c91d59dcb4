//! One file per component; each turns DOM events into `Action`s at the edge.

mod canvas_kit;
mod controls;
mod history_plot;
mod ids;
mod notices;
mod plot_view;
mod readouts;
mod soft_targets;
mod teach;
mod word_rows;

pub use controls::Controls;
pub use history_plot::HistoryPlot;
pub use notices::Notices;
pub use plot_view::PlotView;
pub use readouts::Readouts;
pub use soft_targets::SoftTargets;
pub use teach::{Challenges, Export, PresetSelect};
pub use word_rows::WordRows;
