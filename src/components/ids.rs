//! Element ids and radio-group names that stay unique when a page holds several widgets.

use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh `prefix-N`; call it once per component instance (inside `use_memo`).
pub fn unique(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
