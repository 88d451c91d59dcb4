//! The wasm module's binary. Everything lives in the library; `static/loss-explorer.js`
//! loads this module and calls the library's exported `mountAll`.

// Linked for its exports (`mountAll`, `mount`), which nothing here calls.
use loss_explorer as _;

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!(
        "Loss Explorer runs in the browser: use `make serve`, then open http://127.0.0.1:8080"
    );
}
