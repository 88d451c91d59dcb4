// Loss Explorer: the one script a page includes.
//
//   <script type="module" src="https://example.org/loss-explorer/loss-explorer.js"></script>
//   <div data-loss-explorer data-words="six,four,dot" data-p="0.1,0.2,0.7" data-correct="six"></div>
//
// Loads the widget's stylesheet and its wasm module (once per page, however many widgets),
// mounts a widget into every element with `data-loss-explorer`, and exports `mount()` for
// elements a page adds later. Works under a CSP of
// default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'.
import init, { mount as mountInWasm, mountAll } from './loss-explorer-app.js';

const base = new URL('./', import.meta.url);

function ensureStylesheet() {
  const href = new URL('loss-explorer.css', base).href;
  const present = [...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href);
  if (!present) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.append(link);
  }
}

ensureStylesheet();

/** Resolves once the wasm module runs; by then every `[data-loss-explorer]` element has its widget. */
export const ready = init({ module_or_path: new URL('loss-explorer-app_bg.wasm', base) }).then((wasm) => {
  // "Copy link" in a widget on another site points at the standalone page next to this file.
  mountAll(base.href);
  return wasm;
});

/**
 * Mounts a widget into `element`. `options` takes the same keys as the data attributes:
 * `words`, `p`, `correct`, `units`, `lr`, `smoothing` (strings as in a URL, or arrays and
 * numbers). Resolves to a handle with `destroy()`.
 */
export async function mount(element, options = {}) {
  await ready;
  return mountInWasm(element, options, base.href);
}
