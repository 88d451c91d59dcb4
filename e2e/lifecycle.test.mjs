// Sites that navigate without reloading (CONTRACT §4, lifecycle), end to end in Chromium and
// Firefox: widgets whose elements leave the document are destroyed and leave nothing running,
// and elements added later are mounted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suite, assertNoProblems } from './helpers.mjs';
import { measureMemory } from './memory.mjs';

// Counts what is running on the page: pending timers and animation frames, intervals,
// observers that observe something, and listeners on window, document and media queries
// (listeners on elements that leave the document go with them).
const PROBE = `
(() => {
  const live = { timeouts: new Set(), intervals: new Set(), frames: new Set(), observers: new Set(), listeners: new Map() };
  window.__live = live;
  const st = window.setTimeout, ct = window.clearTimeout, si = window.setInterval, ci = window.clearInterval;
  window.setTimeout = function (f, ...rest) {
    const id = st.call(window, (...a) => { live.timeouts.delete(id); typeof f === 'function' ? f(...a) : 0; }, ...rest);
    live.timeouts.add(id);
    return id;
  };
  window.clearTimeout = function (id) { live.timeouts.delete(id); return ct.call(window, id); };
  window.setInterval = function (...a) { const id = si.apply(window, a); live.intervals.add(id); return id; };
  window.clearInterval = function (id) { live.intervals.delete(id); return ci.call(window, id); };
  const raf = window.requestAnimationFrame, caf = window.cancelAnimationFrame;
  window.requestAnimationFrame = function (f) {
    const id = raf.call(window, (t) => { live.frames.delete(id); f(t); });
    live.frames.add(id);
    return id;
  };
  window.cancelAnimationFrame = function (id) { live.frames.delete(id); return caf.call(window, id); };
  for (const Observer of [MutationObserver, ResizeObserver]) {
    const observe = Observer.prototype.observe, disconnect = Observer.prototype.disconnect;
    Observer.prototype.observe = function (...a) { live.observers.add(this); return observe.apply(this, a); };
    Observer.prototype.disconnect = function () { live.observers.delete(this); return disconnect.call(this); };
  }
  const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
  const watched = (t) => t === window || t === document || (typeof MediaQueryList !== 'undefined' && t instanceof MediaQueryList);
  EventTarget.prototype.addEventListener = function (type, f, o) {
    if (watched(this)) live.listeners.set(this.constructor.name + ' ' + type + ' ' + String(f).slice(0, 40) + live.listeners.size, [this, type, f]);
    return add.call(this, type, f, o);
  };
  EventTarget.prototype.removeEventListener = function (type, f, o) {
    for (const [k, [t, ty, g]] of live.listeners) if (t === this && ty === type && g === f) live.listeners.delete(k);
    return remove.call(this, type, f, o);
  };
  window.__counts = () => ({
    timeouts: live.timeouts.size, intervals: live.intervals.size, frames: live.frames.size,
    observers: live.observers.size, listeners: live.listeners.size,
  });
})();`;

const SPA = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A site that navigates on the client</title>
<link rel="icon" href="/favicon.svg"><script src="/probe.js"></script>
<script type="module" src="/loss-explorer.js"></script></head><body><main id="view"></main></body></html>`;

const routes = {
  '/spa.html': { body: SPA },
  '/probe.js': { body: PROBE, type: 'text/javascript' },
};

/** Shows a "page" of the client-side site: replaces the view with a widget in a section. */
function navigate(page, html) {
  return page.evaluate((html) => { document.getElementById('view').innerHTML = html; }, html);
}

suite('client-side navigation', { routes }, (env) => {
  const open = async () => {
    const p = await env.blank();
    await p.goto(`${env.server.url}/spa.html`);
    await p.evaluate(async () => { await (await import('/loss-explorer.js')).ready; });
    // Let the first frame's work settle before counting.
    await p.nextFrame();
    return p;
  };
  const settle = async (p) => {
    // Within a second, whatever the widget left behind must be gone.
    await new Promise((ok) => setTimeout(ok, 1000));
    return p.evaluate(() => window.__counts());
  };

  test('an element added later is mounted; one removed is destroyed and leaves nothing running', async () => {
    const p = await open();
    const before = await settle(p);
    await navigate(p, '<section><div id="w" data-loss-explorer data-panels="plot,train,history"></div></section>');
    await p.locator('#w').getByRole('status', { name: 'Loss' }).waitFor();
    await p.locator('#w >>> canvas.le-history-canvas').waitFor();
    await p.locator('#w').getByRole('button', { name: 'Play' }).click();
    await p.locator('#w').getByRole('button', { name: 'Pause' }).waitFor();
    const running = await p.evaluate(() => window.__counts());
    assert.ok(running.intervals > before.intervals && running.observers > before.observers, JSON.stringify({ before, running }));
    // The site navigates away: the widget's element leaves the document.
    await navigate(p, '<p>Another page</p>');
    assert.deepEqual(await settle(p), before);
    assert.equal(await p.evaluate(() => leRoots().length), 0);
    // And back: a new element gets a new widget.
    await navigate(p, '<div id="again" data-loss-explorer data-words="six,four,dot" data-p="0.1,0.2,0.7"></div>');
    assert.equal((await p.locator('#again').getByRole('status', { name: 'Loss' }).textContent()).trim(), '2.303 nats');
    assertNoProblems(p);
  });

  test('mount() widgets are destroyed with their element, and destroy() stays safe to call', async () => {
    const p = await open();
    const before = await settle(p);
    await p.evaluate(async () => {
      const { mount } = await import('/loss-explorer.js');
      const el = document.createElement('div');
      document.getElementById('view').append(el);
      window.__handle = await mount(el, { words: 'a,b', panels: 'plot,train' });
    });
    await p.locator('#view').getByRole('button', { name: 'Play' }).click();
    await navigate(p, '');
    assert.deepEqual(await settle(p), before);
    await p.evaluate(() => { window.__handle.destroy(); window.__handle.destroy(); });
    assertNoProblems(p);
  });

  test('200 mount and remove cycles with Play running leave memory flat (the JS heap in Chromium only)', { timeout: 10 * 60 * 1000 }, async () => {
    const p = await open();
    const cycle = (n) => p.evaluate(async (n) => {
      const view = document.getElementById('view');
      for (let i = 0; i < n; i++) {
        view.innerHTML = '<div data-loss-explorer data-panels="plot,train,history"></div>';
        // The parts beyond the core come a frame after it: wait for Play (up to 60 frames).
        let play;
        for (let f = 0; f < 60 && !play; f++) {
          await new Promise((ok) => requestAnimationFrame(ok));
          const widget = view.firstElementChild.shadowRoot;
          play = widget && [...widget.querySelectorAll('button')].find((b) => b.textContent === 'Play');
        }
        if (!play) throw new Error(`cycle ${i}: no Play button after 60 frames`);
        play.click();
        await new Promise((ok) => setTimeout(ok, 130));
        view.innerHTML = '';
        await new Promise((ok) => setTimeout(ok, 0));
      }
    }, n);
    await cycle(20);
    const before = await measureMemory(p);
    await cycle(200);
    await settle(p);
    const after = await measureMemory(p);
    const kb = (b) => (b / 1024).toFixed(1);
    const heap = before.heap === null ? 'JS heap not reported'
      : `JS heap ${kb(before.heap)} → ${kb(after.heap)} KiB (${kb(after.heap - before.heap)} KiB)`;
    console.log(`200 mount/remove cycles [${env.browserName}]: ${heap}, wasm memory ${kb(before.wasm)} → ${kb(after.wasm)} KiB`);
    // Flat: at most one 64 KiB page of wasm memory more (the allocator's high-water mark may
    // rise once), and less than 0.8 KiB of JS heap per cycle (it leaked 1.3 KiB a cycle before the fix in vendor/yew).
    assert.ok(after.wasm - before.wasm <= 64 * 1024, 'wasm memory grew');
    if (before.heap !== null) assert.ok(after.heap - before.heap < 160 * 1024, 'JS heap grew by more than 160 KiB');
    assertNoProblems(p);
  });
});
