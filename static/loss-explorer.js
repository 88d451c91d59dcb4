// Loss Explorer: the one script a page includes.
//
//   <script type="module" src="https://example.org/loss-explorer/loss-explorer.js"></script>
//   <div data-loss-explorer data-words="six,four,dot" data-p="0.1,0.2,0.7" data-correct="six"></div>
//
// Loads the widget's wasm module once per page, however many widgets, and mounts a widget into
// every element with `data-loss-explorer`, now and whenever one is added later (one far below
// the fold as it nears the viewport); destroys a
// widget whose element leaves the document; exports `mount()` for pages that build widgets
// themselves. Each widget lives in an open shadow root attached to its element, with the
// stylesheet adopted there: the host's own DOM (which a framework such as React may hydrate)
// is never changed, host rules do not reach in, and a host that replaces its <head> (instant
// navigation) cannot take the styles away. Works under a CSP of
// default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'.
import init, { mount as mountInWasm, mountPage } from './__APP__.js';

const base = new URL('./', import.meta.url);
const cssUrl = new URL('loss-explorer.css', base).href;
/** Every widget this script mounted, by its element (the standalone page's has no handle). */
const widgets = new Map();
let sheet;

/** The widget stylesheet as one constructed sheet, shared by every shadow root; null if it cannot be read. */
function stylesheet() {
  sheet ??= fetch(cssUrl)
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${cssUrl}: HTTP ${r.status}`))))
    .then((text) => {
      const s = new CSSStyleSheet();
      s.replaceSync(text);
      return s;
    })
    .catch((e) => {
      console.warn(`Loss Explorer: could not load its stylesheet (${e.message}); linking it instead.`);
      return null;
    });
  return sheet;
}

/**
 * The widget's root element, made the first child of a shadow root on `element`. An element
 * that cannot hold a shadow root (an <li>, say) gets the root as a plain child, and the page
 * gets the stylesheet in its <head>.
 */
async function rootFor(element) {
  const root = document.createElement('div');
  let shadow = element.shadowRoot;
  if (!shadow) {
    try {
      shadow = element.attachShadow({ mode: 'open' });
    } catch {
      shadow = null;
    }
  }
  const css = await stylesheet();
  if (shadow) {
    if (css) shadow.adoptedStyleSheets = [css];
    shadow.replaceChildren(root);
    if (!css) shadow.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: cssUrl }));
  } else {
    if (![...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === cssUrl)) {
      document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: cssUrl }));
    }
    root.classList.add('le-light-dom');
    element.replaceChildren(root);
  }
  return root;
}

/** Mounts `element`, configured by its data attributes (or, on the standalone page, the address). */
async function mountElement(element, options) {
  if (widgets.has(element)) throw new Error('Loss Explorer: this element has a widget; destroy() it first');
  if (element.hasAttribute('data-loss-explorer-page')) {
    widgets.set(element, null);
    mountPage(element);
    return null;
  }
  // Held while the stylesheet loads; an element removed (or mounted again) meanwhile drops it.
  const pending = {};
  widgets.set(element, pending);
  const root = await rootFor(element);
  if (widgets.get(element) !== pending) return null;
  // "Copy link" in a widget on another site points at the standalone page next to this file.
  const widget = mountInWasm(root, options ?? { ...element.dataset }, base.href);
  const handle = {
    /** Removes the widget; the element can then take another. Calling it twice does nothing. */
    destroy() {
      widget.destroy();
      if (widgets.get(element) === handle) widgets.delete(element);
    },
  };
  widgets.set(element, handle);
  return handle;
}

/** Resolves in a task of its own (a message-channel task: no timer clamping). */
const nextTask = () => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    // A port that listens stays alive while its partner does: closed, both can go.
    channel.port1.close();
    resolve();
  };
  channel.port2.postMessage(0);
});
// Widgets are built one per task, so a page of several never blocks the reader for all of
// them at once; the standalone page's own widget is built at once.
let queue = Promise.resolve();
const mountNow = (element) => {
  // By its turn the element may have left the page or been mounted by mount().
  const build = () => (widgets.has(element) || !element.isConnected
    ? null
    : mountElement(element).catch((e) => console.error(e)));
  if (element.hasAttribute('data-loss-explorer-page')) return build();
  queue = queue.then(nextTask).then(build);
  return queue;
};

// A page of many widgets (a tutorial) builds only those within two screens of the viewport at
// load; the others wait until they come within a screen of it, so no widget far below the
// fold costs the reader's first seconds. A waiting element that leaves the page is let go.
const near = new IntersectionObserver((entries) => {
  for (const { target, isIntersecting } of entries) {
    if (isIntersecting || !target.isConnected) near.unobserve(target);
    if (isIntersecting && !widgets.has(target)) mountNow(target);
  }
}, { rootMargin: '100% 0px' });

function mountWithin(node) {
  const found = node.matches?.('[data-loss-explorer]') ? [node] : [];
  for (const element of [...found, ...(node.querySelectorAll?.('[data-loss-explorer]') ?? [])]) {
    if (widgets.has(element)) continue;
    // The standalone page's widget is the page: built at once, without a forced layout.
    const page = element.hasAttribute('data-loss-explorer-page');
    if (!page && element.getBoundingClientRect().top > 2 * innerHeight) near.observe(element);
    else mountNow(element);
  }
}

/** Destroys every widget whose element is no longer in the document. */
function destroyDetached() {
  for (const [element, handle] of widgets) {
    if (!element.isConnected) {
      handle?.destroy?.();
      widgets.delete(element);
    }
  }
}

performance.mark('loss-explorer:loader');

// On someone else's page the module, the largest thing the page downloads, is asked for once
// the page's own first frame is out: it never competes with the text the reader came for (on
// a phone's slow network that text's paint waited for it). The standalone page, where the
// widget is the page and its module is preloaded, starts at once. The timer is there for a
// page loaded in a background tab, where no frame comes.
const pageFirst = document.querySelector('[data-loss-explorer-page]')
  ? Promise.resolve()
  : new Promise((ok) => {
    requestAnimationFrame(() => setTimeout(ok));
    setTimeout(ok, 200);
  });

/** Resolves once the wasm module runs; by then every `[data-loss-explorer]` element is being mounted. */
export const ready = pageFirst.then(() => init({ module_or_path: new URL('__APP___bg.wasm', base) })).then((wasm) => {
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
  near.unobserve(element);
  return mountElement(element, options);
}
