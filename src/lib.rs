//! Loss Explorer: an interactive widget that teaches cross-entropy loss.

pub mod config;
pub mod loss;
pub mod model;
