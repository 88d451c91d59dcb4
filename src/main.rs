//! The wasm module's entry point: mounts a widget into every `[data-loss-explorer]` element.
//! Everything else lives in the library; `static/loss-explorer.js` loads this module.

fn main() {
    #[cfg(target_arch = "wasm32")]
    loss_explorer::web::mount_all();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!(
        "Loss Explorer runs in the browser: use `make serve`, then open http://127.0.0.1:8080"
    );
}
