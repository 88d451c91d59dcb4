//! Loss Explorer: an interactive widget that teaches cross-entropy loss.
//!
//! Data flow: URL or attributes → [`config`] → [`model`] (pure) → [`lesson`] → components
//! (Yew) → `plot` (canvas). Everything above the line builds and is tested natively; the
//! browser half compiles only for wasm32.

pub mod challenges;
pub mod compare;
pub mod config;
pub mod embed;
pub mod export;
pub mod format;
pub mod geometry;
pub mod lesson;
pub mod logits;
pub mod loss;
pub mod model;
pub mod num;
pub mod presets;
pub mod quiz;
pub mod sentence;
pub mod theme;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod frame;
#[cfg(target_arch = "wasm32")]
mod plot;
#[cfg(target_arch = "wasm32")]
mod side_effects;
#[cfg(target_arch = "wasm32")]
pub mod web;
