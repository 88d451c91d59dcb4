//! The wasm module's binary. Everything lives in the library; `static/loss-explorer.js`
//! loads this module and calls the library's exported `mount` (a widget into a root) and
//! `mountPage` (the standalone page's).

// Linked for its exports (`mount`, `mountPage`), which nothing here calls.
use loss_explorer as _;

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!(
        "Loss Explorer runs in the browser: use `make serve`, then open http://127.0.0.1:8080"
    );
}

// Talc instead of Rust's default dlmalloc: 3.2 kB less gzipped wasm, and no slower here
// (`make bench` reports the script time per update).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
