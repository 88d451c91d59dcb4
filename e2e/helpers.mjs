// Shared pieces of the end-to-end suite: one suite per browser with its server and browser,
// the contract's maths in plain JS (an independent check of the wasm), and accessors by role.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { BROWSERS, launch, openPage } from './browser.mjs';

export const DIST = fileURLToPath(new URL('../dist', import.meta.url));
export const DEFAULT_WORDS = ['chai', 'paani', 'dudh', 'coffee', 'lassi'];

/**
 * Runs `body(env)` once per browser of the suite, as a `describe` named after the browser, so
 * every test is reported with the browser it ran in. `env` has the server, `env.browserName`,
 * and `env.open(query, options)`, which opens a page of the built site and waits for the
 * first widget's first readout.
 */
export function suite(title, serverOptions, body) {
  for (const name of BROWSERS) {
    describe(`${title} [${name}]`, () => {
      const env = { browserName: name, pages: [] };
      before(async () => {
        env.server = await serve(DIST, typeof serverOptions === "function" ? serverOptions(name) : serverOptions);
        env.browser = await launch(name);
      });
      afterEach(async () => {
        for (const p of env.pages.splice(0)) await p.context.close().catch(() => {});
      });
      after(async () => {
        await env.browser?.close();
        await env.darkBrowser?.close();
        await env.server?.close();
      });
      /** The browser for `options`: Firefox needs one launched dark for a dark colour scheme. */
      env.browserFor = async (options = {}) => {
        if (name === 'firefox' && options.colorScheme === 'dark') {
          env.darkBrowser ??= await launch(name, { dark: true });
          return env.darkBrowser;
        }
        return env.browser;
      };
      env.blank = async (options = {}) => {
        const page = await openPage(await env.browserFor(options), name, { origin: env.server.url, ...options });
        env.pages.push(page);
        return page;
      };
      env.open = async (query = '', options = {}) => {
        const page = await env.blank(options);
        await page.goto(env.server.url + '/' + query);
        // The first readout of the first widget (a sentence alone has no Loss, but readouts).
        await page.waitForFunction(() => leRoots().some((r) => r.querySelector('output')), undefined, { timeout: 10000 });
        return page;
      };
      body(env);
    });
  }
}

/** Fails with every console error, warning and page error the page has seen. */
export function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], 'console errors or page errors');
}

/** Every Content-Security-Policy violation the page has reported. */
export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations);
}

export const slider = (page, word) => page.getByRole('slider', { name: word });
export const radio = (page, name) => page.getByRole('radio', { name });
export const button = (page, name) => page.getByRole('button', { name });

export async function readout(page, name) {
  return (await page.getByRole('status', { name }).textContent()).trim();
}

export async function values(page, words = DEFAULT_WORDS) {
  const out = [];
  for (const w of words) out.push(Number(await slider(page, w).inputValue()));
  return out;
}

/** Asserts two probability vectors agree to `tol`. */
export function assertClose(got, want, tol = 1e-9, what = 'probabilities') {
  assert.equal(got.length, want.length, `${what}: length`);
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]) <= tol, `${what}[${i}]: got ${got}, want ${want}`));
}

/** The slider rule of CONTRACT §1, in plain JS. */
export function sliderRule(p, i, v) {
  const others = p.reduce((s, x, j) => (j === i ? s : s + x), 0);
  return p.map((x, j) => (j === i ? v : others > 0 ? (x / others) * (1 - v) : (1 - v) / (p.length - 1)));
}

/** One gradient step of CONTRACT §1 with a one-hot target, in plain JS. */
export function stepRule(p, c, lr) {
  const z = p.map((x, i) => Math.log(Math.max(x, 1e-9)) - lr * (x - (i === c ? 1 : 0)));
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** A readout as the widget writes it: 3 decimals, ∞, and from 1000 up 6 significant digits. */
export const fixed3 = (x) => {
  if (x === Infinity) return '∞';
  const text = Math.abs(x) >= 1000 ? x.toExponential(5) : x.toFixed(3);
  return text.replace('-', '−').replace('e−', 'e-');
};

/** A finger drag across `locator` from fraction `from` to `to` of its width, in `steps` moves. */
export async function touchDrag(page, locator, from, to, steps = 8) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  const y = box.y + box.height / 2;
  const x = (f) => box.x + box.width * f;
  const touch = await page.touchscreen.touchStart(x(from), y);
  for (let i = 1; i <= steps; i++) await touch.move(x(from + ((to - from) * i) / steps), y);
  await touch.end();
}

/**
 * The top-left pixel (just inside the border) of the canvas `selector` as "r,g,b", or null
 * while it has no size. Read through a fresh 1×1 canvas, so polling does not make Chromium
 * warn about repeated readbacks from the widget's own canvas.
 */
export function canvasCorner(page, selector) {
  return page.evaluate((sel) => {
    // `#host >>> canvas`: a canvas inside the widget mounted on #host.
    const [host, inner] = sel.split('>>>').map((x) => x.trim());
    const canvas = inner ? leRoot(host)?.querySelector(inner) : document.querySelector(sel);
    if (!canvas || canvas.width === 0) return null;
    const t = document.createElement('canvas');
    t.width = 1;
    t.height = 1;
    const cx = t.getContext('2d', { willReadFrequently: true });
    cx.drawImage(canvas, 1, 1, 1, 1, 0, 0, 1, 1);
    return [...cx.getImageData(0, 0, 1, 1).data.slice(0, 3)].join();
  }, selector);
}

/** Waits (up to 100 frames) until the canvas `selector` has the corner colour `rgb`; returns the last colour read. */
export async function waitForCorner(page, selector, rgb) {
  let got = await canvasCorner(page, selector);
  for (let i = 0; i < 100 && got !== rgb; i++) {
    await page.nextFrame();
    got = await canvasCorner(page, selector);
  }
  return got;
}

/** Turns on the "Edit words" toggle of the widget `target` (a page or a widget locator). */
export async function editWords(target) {
  const toggle = target.getByRole('button', { name: 'Edit words' });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
}
