// Shared pieces of the end-to-end suite: the server and browser for a test file, the
// contract's maths in plain JS (an independent check of the wasm), and accessors by role.
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch, openPage } from './browser.mjs';

export const DIST = fileURLToPath(new URL('../dist', import.meta.url));
export const DEFAULT_WORDS = ['chai', 'paani', 'dudh', 'coffee', 'lassi'];

/** Starts a server on dist/ and a browser for the calling test file. */
export function setup(serverOptions) {
  const env = {};
  before(async () => {
    env.server = await serve(DIST, serverOptions);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  env.open = async (query = '', options = {}) => {
    const page = await openPage(env.browser, { viewport: { width: 1100, height: 900 }, ...options });
    await page.goto(env.server.url + '/' + query);
    await page.getByRole('status', { name: 'Loss' }).first().waitFor();
    return page;
  };
  return env;
}

/** Fails with every console error, warning and page error the page has seen. */
export function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], 'console errors or page errors');
}

/** Every Content-Security-Policy violation the page has reported. */
export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations);
}

export const slider = (page, word) => page.getByRole('slider', { name: word, exact: true });
export const radio = (page, name) => page.getByRole('radio', { name, exact: true });
export const button = (page, name) => page.getByRole('button', { name, exact: true });

export async function readout(page, name) {
  return (await page.getByRole('status', { name, exact: true }).textContent()).trim();
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

export const fixed3 = (x) => (x === Infinity ? '∞' : x.toFixed(3));
