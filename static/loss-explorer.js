// Loss Explorer: the one script a page includes.
//
//   <script type="module" src="https://example.org/loss-explorer/loss-explorer.js"></script>
//   <div data-loss-explorer data-words="six,four,dot" data-p="0.1,0.2,0.7" data-correct="six"></div>
//
// Loads the widget's stylesheet and its wasm module (once per page, however many widgets),
// mounts a widget into every element with `data-loss-explorer`, now and whenever one is added
// later, destroys a widget whose element leaves the document, and exports `mount()` for pages
// that build widgets themselves. It does not wait for the document: elements are mounted as
// the parser (or a client-side router) adds them. Works under a CSP of
// default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'.
import init, { mount as mountInWasm, mountPage } from './loss-explorer-app.js';

const base = new URL('./', import.meta.url);
/** Every widget this script mounted, by its element (the standalone page's has no handle). */
const widgets = new Map();

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

/** Mounts `element`, configured by its data attributes (or, on the standalone page, the address). */
function mountElement(element) {
  if (widgets.has(element) || element.hasAttribute('data-loss-explorer-mounted')) return;
  if (element.hasAttribute('data-loss-explorer-page')) {
    mountPage(element);
    widgets.set(element, null);
    return;
  }
  // "Copy link" in a widget on another site points at the standalone page next to this file.
  widgets.set(element, mountInWasm(element, { ...element.dataset }, base.href));
}

function mountWithin(node) {
  if (node.matches?.('[data-loss-explorer]')) mountElement(node);
  for (const element of node.querySelectorAll?.('[data-loss-explorer]') ?? []) mountElement(element);
}

/** Destroys every widget whose element is no longer in the document. */
function destroyDetached() {
  for (const [element, handle] of widgets) {
    if (!element.isConnected) {
      handle?.destroy();
      widgets.delete(element);
    }
  }
}

performance.mark('loss-explorer:loader');
ensureStylesheet();

/** Resolves once the wasm module runs; by then every `[data-loss-explorer]` element has its widget. */
export const ready = init({ module_or_path: new URL('loss-explorer-app_bg.wasm', base) }).then((wasm) => {
  performance.mark('loss-explorer:instantiated');
  mountWithin(document);
  new MutationObserver((records) => {
    let removed = false;
    for (const record of records) {
      for (const node of record.addedNodes) mountWithin(node);
      removed ||= record.removedNodes.length > 0;
    }
    if (removed) destroyDetached();
  }).observe(document.documentElement, { childList: true, subtree: true });
  return wasm;
});

/**
 * Mounts a widget into `element`. `options` takes the same keys as the data attributes
 * (`words`, `p`, `correct`, … as strings, arrays or numbers). Resolves to a handle with
 * `destroy()`; the widget is also destroyed when its element leaves the document.
 */
export async function mount(element, options = {}) {
  await ready;
  const handle = mountInWasm(element, options, base.href);
  widgets.set(element, handle);
  return handle;
}
