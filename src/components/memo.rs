//! `Memo`: a part of the widget that is rendered again only when what it shows has changed,
//! so that dragging a slider does not rebuild and compare the controls it leaves alone.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::rc::Rc;
use yew::prelude::*;

/// Props for [`Memo`].
#[derive(Properties)]
pub struct MemoProps {
    /// A fingerprint of everything `view` reads; the part renders again when it changes.
    pub deps: u64,
    /// Renders the part.
    pub view: Rc<dyn Fn() -> Html>,
}

impl PartialEq for MemoProps {
    fn eq(&self, other: &Self) -> bool {
        self.deps == other.deps
    }
}

/// Renders `view` again only when `deps` changes.
#[function_component]
pub fn Memo(props: &MemoProps) -> Html {
    (props.view)()
}

/// A fingerprint of `value`, for [`MemoProps::deps`].
pub fn deps(value: impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}
