//! Work done once per animation frame, however often it is asked for.

use gloo_render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;

/// Runs at most one piece of work per animation frame: a new request replaces the one still
/// waiting, so a burst of input events costs one redraw, done just before the paint. The
/// waiting request is gloo-render's `AnimationFrame`, which cancels itself when dropped, so
/// replacing it or dropping the scheduler (an unmount) leaves no frame behind.
#[derive(Default)]
pub struct FrameScheduler {
    pending: RefCell<Option<AnimationFrame>>,
}

impl FrameScheduler {
    /// Runs `draw` in the next animation frame, instead of anything still waiting.
    pub fn schedule(&self, draw: impl FnOnce() + 'static) {
        let frame = request_animation_frame(move |_| draw());
        // The old request is cancelled as it is dropped here.
        *self.pending.borrow_mut() = Some(frame);
    }
}
