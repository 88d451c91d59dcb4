//! Work done once per animation frame, however often it is asked for.

use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Runs at most one piece of work per animation frame: a new request replaces the one still
/// waiting, so a burst of input events costs one redraw, done just before the paint.
#[derive(Default)]
pub struct FrameScheduler {
    pending: RefCell<Option<PendingFrame>>,
}

/// A requested animation frame: its id, and the callback it will run.
type PendingFrame = (i32, Closure<dyn FnMut()>);

impl FrameScheduler {
    /// Runs `draw` in the next animation frame, instead of anything still waiting.
    pub fn schedule(&self, draw: impl FnOnce() + 'static) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some((id, _)) = self.pending.borrow_mut().take() {
            let _ = window.cancel_animation_frame(id);
        }
        let mut draw = Some(draw);
        // The closure stays in `pending` after it runs (it cannot drop itself while running);
        // the next schedule() or the unmount drops it.
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(d) = draw.take() {
                d();
            }
        });
        if let Ok(id) = window.request_animation_frame(callback.as_ref().unchecked_ref()) {
            *self.pending.borrow_mut() = Some((id, callback));
        }
    }
}

impl Drop for FrameScheduler {
    fn drop(&mut self) {
        if let (Some((id, _)), Some(window)) = (self.pending.get_mut().take(), web_sys::window()) {
            let _ = window.cancel_animation_frame(id);
        }
    }
}
