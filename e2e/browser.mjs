// Drives Debian's Chromium and Firefox ESR through puppeteer-core (Chromium over CDP, Firefox
// over WebDriver BiDi; no browser download, no separate driver), and gives the tests one small
// API for both: pages that collect console problems, and locators by role and accessible name.
//
// Role-and-name queries go through puppeteer's ARIA query handler, which asks the browser's own
// accessibility tree, so a test finds a control exactly as an outside page's test would.
import puppeteer from 'puppeteer-core';
import { deepQuery, findByRole } from './roles.mjs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EXECUTABLES = {
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
};

/** The browsers the suite runs in: `E2E_BROWSERS=chromium` (or `firefox`) narrows it. */
export const BROWSERS = (process.env.E2E_BROWSERS ?? 'chromium,firefox').split(',').filter(Boolean);

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launches `name`. Firefox cannot emulate a colour scheme per page (that needs CDP), so a dark
 * Firefox is a browser of its own, launched with the content colour scheme set in its prefs.
 */
export async function launch(name, { dark = false } = {}) {
  if (name === 'firefox') {
    return puppeteer.launch({
      browser: 'firefox',
      executablePath: EXECUTABLES.firefox,
      headless: true,
      extraPrefsFirefox: {
        // 0: dark, 1: light, for the pages' prefers-color-scheme.
        'layout.css.prefers-color-scheme.content-override': dark ? 0 : 1,
      },
    });
  }
  return puppeteer.launch({ executablePath: EXECUTABLES.chromium, headless: true, args: CHROMIUM_ARGS });
}

/** `"` or `'`, whichever `s` does not contain, for a selector's attribute value. */
function quoted(s) {
  return s.includes('"') ? `'${s}'` : `"${s}"`;
}

/** ARIA roles as both engines name them in their accessibility trees, where they differ. */
const ENGINE_ROLE = { img: 'image' };

/** The accessible-name text a regular expression is matched against: the label, else the text. */
function nameOf(el) {
  return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
}

async function sleep(ms) {
  await new Promise((ok) => setTimeout(ok, ms));
}

/** A scope as an element handle in the page: the element, or a frame's document. */
async function inPage(root) {
  return typeof root.asElement === 'function' ? root : root.evaluateHandle(() => document);
}

/** A query's name as it crosses into the page: a RegExp as its source and flags. */
function serializable(name) {
  return name instanceof RegExp ? { source: name.source, flags: name.flags } : name ?? null;
}

/**
 * Whether the element `e` (still in the document) still answers the query `q`, checked in the
 * page: a CSS query by `matches` (the last part of a `>>>` chain), a role query by the name the
 * element gives itself (`aria-label`, its label or legend, else its text). A query this cannot
 * check is answered false, so the caller asks the browser again.
 */
function stillMatches(e, q) {
  if (!e.isConnected) return false;
  if (q.css) {
    const last = q.css.split('>>>').pop().trim();
    try { return e.matches(last); } catch { return false; }
  }
  if (!q.role) return false;
  const text = (x) => (x?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const name = e.getAttribute('aria-label')
    ?? (e.labels?.length ? text(e.labels[0]) : null)
    ?? (e.localName === 'fieldset' ? text(e.querySelector('legend')) : null)
    ?? text(e);
  if (q.name === undefined) return true;
  return q.name.source !== undefined ? new RegExp(q.name.source, q.name.flags).test(name) : name === q.name;
}

/**
 * A lazy query, resolved when it is used and retried until it matches (like a Playwright
 * locator): a role with an exact accessible name (or a RegExp over the label), a CSS selector
 * (matched in shadow roots too; `host >>> inner` looks inside the widget mounted on `host`
 * only: see `deepQuery`), or text (also in shadow roots); chained under another locator, a
 * frame or the page.
 *
 * In Chromium, role queries ask the browser's accessibility tree (about 30 ms each). Firefox's
 * tree takes about half a second a query, so there they are answered in the page by the
 * rules of e2e/roles.mjs, which e2e/a11y.test.mjs holds against Firefox's own tree for every
 * named control. Either way the element found is kept per page and used again while it is
 * still in the document and still carries that name (checked in the page, a millisecond).
 */
export class Locator {
  constructor(page, scope, query, index = 0, key = '') {
    this.page = page;
    this.scope = scope; // () => Promise<Frame | ElementHandle>
    this.query = query;
    this.index = index;
    this.key = `${key} > ${JSON.stringify(this.describe())}`;
  }

  async all_handles() {
    const root = await this.scope();
    if (!root) return [];
    const q = this.query;
    if (q.css) {
      const list = await (await inPage(root)).evaluateHandle(deepQuery, q.css, null);
      const props = await list.getProperties();
      return [...props.values()].map((p) => p.asElement()).filter(Boolean);
    }
    if (q.role && this.page.browserName === 'firefox') {
      const list = await (await inPage(root)).evaluateHandle(findByRole, q.role, serializable(q.name), null);
      const props = await list.getProperties();
      return [...props.values()].map((p) => p.asElement()).filter(Boolean);
    }
    if (q.role) {
      const role = ENGINE_ROLE[q.role] ?? q.role;
      if (typeof q.name === 'string') return root.$$(`::-p-aria([role="${role}"][name=${quoted(q.name)}])`);
      const candidates = await root.$$(`::-p-aria([role="${role}"])`);
      if (!q.name) return candidates;
      const out = [];
      for (const h of candidates) {
        const name = await h.evaluate(nameOf);
        if (q.name.test(name)) out.push(h);
      }
      return out;
    }
    // Text: the innermost elements whose text contains (or matches) it.
    const source = typeof q.text === 'string' ? q.text : null;
    const pattern = typeof q.text === 'string' ? null : [q.text.source, q.text.flags];
    // A frame is searched from its body; an element from itself.
    const base = typeof root.asElement === 'function' ? root : await root.$('body');
    const list = await base.evaluateHandle((r, source, pattern) => {
      const re = pattern && new RegExp(pattern[0], pattern[1]);
      const hit = (el) => (re ? re.test(el.textContent) : el.textContent.includes(source));
      // Every element, through open shadow roots (a widget's lives in one).
      const all = [];
      const walk = (scope) => {
        for (const e of scope.querySelectorAll('*')) {
          all.push(e);
          if (e.shadowRoot) walk(e.shadowRoot);
        }
      };
      walk(r.shadowRoot ?? r);
      const kids = (el) => [...el.children, ...(el.shadowRoot?.children ?? [])];
      return all.filter((el) => hit(el) && !kids(el).some(hit));
    }, source, pattern);
    const props = await list.getProperties();
    return [...props.values()].map((p) => p.asElement()).filter(Boolean);
  }

  /** The element, or null: one query (a CSS query by `$`, which costs one round trip). */
  async find() {
    const cacheable = this.query.role || this.query.css;
    const cached = cacheable && this.page.found.get(this.key);
    if (cached) {
      const q = { ...this.query, name: this.query.name instanceof RegExp ? { source: this.query.name.source, flags: this.query.name.flags } : this.query.name };
      if (await cached.evaluate(stillMatches, q).catch(() => false)) return cached;
      this.page.found.delete(this.key);
    }
    let found;
    if (this.query.css) {
      const root = await this.scope();
      const handle = root && await (await inPage(root)).evaluateHandle(deepQuery, this.query.css, this.index);
      found = handle?.asElement() ?? null;
    } else if (this.query.role && this.page.browserName === 'firefox') {
      const root = await this.scope();
      const handle = root && await (await inPage(root)).evaluateHandle(findByRole, this.query.role, serializable(this.query.name), this.index);
      found = handle?.asElement() ?? null;
    } else {
      found = (await this.all_handles())[this.index] ?? null;
    }
    if (found && cacheable) this.page.found.set(this.key, found);
    return found;
  }

  /** The element, waiting up to `timeout` ms for it to exist. */
  async handle({ timeout = 5000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const found = await this.find().catch(() => null);
      if (found) return found;
      if (Date.now() > end) throw new Error(`no element for ${JSON.stringify(this.describe())}`);
      await sleep(50);
    }
  }

  describe() {
    const q = this.query;
    return { ...q, name: q.name instanceof RegExp ? String(q.name) : q.name, text: q.text instanceof RegExp ? String(q.text) : q.text, index: this.index };
  }

  child(query) {
    return new Locator(this.page, () => this.handle(), query, 0, this.key);
  }

  getByRole(role, { name } = {}) { return this.child({ role, name }); }
  locator(css) { return this.child({ css }); }
  getByText(text) { return this.child({ text }); }
  nth(i) { return new Locator(this.page, this.scope, this.query, i, this.key.slice(0, this.key.lastIndexOf(' > '))); }
  first() { return this.nth(0); }
  async count() { return (await this.all_handles()).length; }
  async all() { return (await this.all_handles()).map((_, i) => this.nth(i)); }
  async allTextContents() {
    return Promise.all((await this.all_handles()).map((h) => h.evaluate((e) => e.textContent)));
  }

  async evaluate(fn, arg) { return (await this.handle()).evaluate(fn, arg); }
  async textContent() { return this.evaluate((e) => e.textContent); }
  async innerText() { return this.evaluate((e) => e.innerText); }
  async innerHTML() { return this.evaluate((e) => e.innerHTML); }
  async inputValue() { return this.evaluate((e) => e.value); }
  async getAttribute(name) { return this.evaluate((e, n) => e.getAttribute(n), name); }
  async isChecked() { return this.evaluate((e) => e.checked); }
  async isDisabled() { return this.evaluate((e) => e.disabled); }
  async isEnabled() { return !(await this.isDisabled()); }

  /** `absent` when nothing matches, else `visible` or `hidden`: a test that expects something hidden must see it exist. */
  async visibility() {
    const found = await this.find().catch(() => null);
    if (!found) return 'absent';
    const shown = await found.evaluate((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    });
    return shown ? 'visible' : 'hidden';
  }

  /** Whether the element exists and is visible. */
  async isVisible() {
    return (await this.visibility()) === 'visible';
  }

  /** Waits until the element exists and is visible. */
  async waitFor({ timeout = 5000 } = {}) {
    const end = Date.now() + timeout;
    while (!(await this.isVisible().catch(() => false))) {
      if (Date.now() > end) throw new Error(`not visible: ${JSON.stringify(this.describe())}`);
      await sleep(50);
    }
  }

  async click() { await (await this.handle()).click(); }
  async focus() { await (await this.handle()).focus(); }
  async check() { if (!(await this.isChecked())) await this.click(); }
  async boundingBox() { return (await this.handle()).boundingBox(); }
  async scrollIntoViewIfNeeded() { await (await this.handle()).scrollIntoView(); }
  async screenshot(options) { return (await this.handle()).screenshot(options); }

  /**
   * Replaces what a text or number box holds, typing as a user does (select all, then type, so
   * the browser's own rules for the box apply), or sets a range input's value and fires
   * `input` and `change`, as a drag would.
   */
  async fill(value) {
    const text = String(value);
    const h = await this.handle();
    if (await h.evaluate((e) => e.type === 'range')) {
      await h.evaluate((e, v) => {
        e.value = v;
        e.dispatchEvent(new Event('input', { bubbles: true }));
        e.dispatchEvent(new Event('change', { bubbles: true }));
      }, text);
      return;
    }
    // Select what the box holds (a key chord would need the browser's editing commands).
    await h.evaluate((e) => { e.focus(); e.select(); });
    if (text === '') await this.page.keyboard.press('Backspace');
    else await this.page.keyboard.type(text);
  }

  /** Chooses an option of a `<select>` by `{label}`, `{index}` or value. */
  async selectOption(which) {
    await this.evaluate((e, which) => {
      const options = [...e.options];
      const o = typeof which === 'string' ? options.find((x) => x.value === which)
        : which.label !== undefined ? options.find((x) => x.textContent === which.label)
          : options[which.index];
      if (!o) throw new Error(`no option ${JSON.stringify(which)}`);
      e.value = o.value;
      e.dispatchEvent(new Event('input', { bubbles: true }));
      e.dispatchEvent(new Event('change', { bubbles: true }));
    }, which);
  }
}

/** A page of the suite: the puppeteer page, the browser it runs in, and what went wrong on it. */
export class TestPage {
  constructor(raw, browserName, context) {
    this.raw = raw;
    this.browserName = browserName;
    this.context = context;
    this.problems = [];
    /** Elements found by role or CSS, by query, used again while they still match. */
    this.found = new Map();
    this.keyboard = raw.keyboard;
    this.mouse = raw.mouse;
    this.touchscreen = raw.touchscreen;
  }

  scope() { return async () => this.raw.mainFrame(); }
  getByRole(role, { name } = {}) { return new Locator(this, this.scope(), { role, name }, 0, 'page'); }
  locator(css) { return new Locator(this, this.scope(), { css }, 0, 'page'); }
  getByText(text) { return new Locator(this, this.scope(), { text }, 0, 'page'); }
  /** The document inside the iframe `css`. */
  frameLocator(css) {
    const frame = async () => (await this.raw.$(css))?.contentFrame();
    const key = `frame ${css}`;
    return {
      locator: (sel) => new Locator(this, frame, { css: sel }, 0, key),
      getByRole: (role, { name } = {}) => new Locator(this, frame, { role, name }, 0, key),
      getByText: (text) => new Locator(this, frame, { text }, 0, key),
    };
  }

  async goto(url) {
    this.found.clear();
    await this.raw.goto(url);
    // The standalone page builds its parts one a frame: a test starts from the whole widget.
    // (A page whose widget never comes fails on what it looks for next, with its own message.)
    await this.raw.waitForFunction(
      () => !document.querySelector('[data-loss-explorer-page]:empty, .page-widget > .le-building'),
      { timeout: 10000, polling: 'raf' },
    ).catch(() => {});
  }
  url() { return this.raw.url(); }
  evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }
  /** Waits until `fn(arg)` in the page is truthy (Playwright's argument order). */
  async waitForFunction(fn, arg, { timeout = 10000 } = {}) {
    return this.raw.waitForFunction(fn, { timeout, polling: 50 }, arg);
  }
  /** Waits for the next animation frame of the page to have run. */
  async nextFrame() {
    await this.raw.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  }
  async setViewportSize({ width, height }) {
    const v = this.raw.viewport() ?? {};
    await this.raw.setViewport({ ...v, width, height });
  }
  screenshot(options) { return this.raw.screenshot(options); }
  addScriptTag(options) { return this.raw.addScriptTag(options); }
  on(event, fn) { this.raw.on(event, fn); }
}

/**
 * A new page in a context of its own: `viewport` ({width, height}), `deviceScaleFactor`,
 * `hasTouch`, `isMobile`, `colorScheme` ('light' or 'dark'; in Firefox the browser must have
 * been launched for it), `permissions` (clipboard access, which Chromium grants per origin and
 * Firefox gives a click without asking), `origin` (where permissions apply).
 */
export async function openPage(browser, name, options = {}) {
  const downloads = await mkdtemp(join(tmpdir(), 'le-downloads-'));
  const context = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
  const raw = await context.newPage();
  const page = new TestPage(raw, name, context);
  page.downloads = downloads;
  const { viewport = { width: 1100, height: 900 }, deviceScaleFactor = 1, hasTouch = false, isMobile = false } = options;
  await raw.setViewport({ ...viewport, deviceScaleFactor, hasTouch, isMobile });
  if (name === 'chromium') {
    await raw.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: options.colorScheme ?? 'light' }]);
    if (options.permissions && options.origin) {
      // Chromium's writeText also asks for the sanitized-write permission.
      const permissions = [...options.permissions, 'clipboard-sanitized-write'];
      await context.overridePermissions(options.origin, permissions);
    }
  }
  // Runs before any page script, whatever the page's CSP says.
  await raw.evaluateOnNewDocument(() => {
    // Widget roots: a script-mounted widget's is the first child of its element's shadow root
    // (CONTRACT §3); the standalone page's is a plain child of its element.
    const rootOf = (e) => {
      const r = e?.shadowRoot?.firstElementChild ?? e?.querySelector(':scope > .loss-explorer');
      return r?.classList.contains('loss-explorer') ? r : null;
    };
    window.leRoot = (selector) => rootOf(document.querySelector(selector));
    window.leRoots = () => [...document.querySelectorAll('[data-loss-explorer]')].map(rootOf).filter(Boolean);
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile ?? ''}:${e.lineNumber ?? ''} ${e.sample ?? ''}`);
    });
  });
  raw.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warn' || msg.type() === 'warning') {
      page.problems.push(`console ${msg.type()}: ${msg.text()}`);
    }
  });
  raw.on('pageerror', (err) => page.problems.push(`page error: ${err.message ?? err}`));
  return page;
}
