//! The standalone page's entry point: everything else lives in the library.

fn main() {
    #[cfg(target_arch = "wasm32")]
    loss_explorer::web::start_page();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!(
        "Loss Explorer runs in the browser: use `make serve`, then open http://127.0.0.1:8080"
    );
}
