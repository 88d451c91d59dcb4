mod into_prop_value;
mod to_html;

pub use into_prop_value::*;
pub use to_html::*;
