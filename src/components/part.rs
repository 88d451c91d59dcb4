//! `Part`: one component type for every part of the widget that should render again only when
//! what it shows changes. A part is a struct holding exactly what its view reads, with a derived
//! `PartialEq`; the view is a method of that struct, so it cannot read anything else, and Yew
//! compares the structs to decide whether to render it again. One component type for all of
//! them, because each Yew component type costs kilobytes of lifecycle code in the module.

use std::any::Any;
use std::rc::Rc;
use yew::prelude::*;

/// A part of the widget: what it reads (the struct's fields) and how it looks.
pub trait View: PartialEq + 'static {
    /// The part, from `self` alone.
    fn view(&self) -> Html;
}

/// A [`View`] behind a pointer, compared with another of any type.
trait AnyView {
    fn render(&self) -> Html;
    fn same(&self, other: &dyn Any) -> bool;
    fn as_any(&self) -> &dyn Any;
}

impl<T: View> AnyView for T {
    fn render(&self) -> Html {
        self.view()
    }

    fn same(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<T>().is_some_and(|o| o == self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Props for [`Part`].
#[derive(Properties)]
pub struct PartProps {
    of: Rc<dyn AnyView>,
}

impl PartialEq for PartProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.of, &other.of) || self.of.same(other.of.as_any())
    }
}

/// Renders a [`View`]; again only when the view's fields change.
#[function_component]
fn Part(props: &PartProps) -> Html {
    props.of.render()
}

/// `view` as a part of its own, rendered again only when it differs from the last one.
pub fn part(view: impl View) -> Html {
    let of: Rc<dyn AnyView> = Rc::new(view);
    html! { <Part {of} /> }
}
