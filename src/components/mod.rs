//! One file per component; each turns DOM events into `Action`s at the edge.

mod controls;
mod notices;
mod plot_view;
mod readouts;
mod word_rows;

pub use controls::Controls;
pub use notices::Notices;
pub use plot_view::PlotView;
pub use readouts::Readouts;
pub use word_rows::WordRows;
