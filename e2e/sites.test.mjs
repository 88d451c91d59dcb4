// Real documentation sites, end to end in Chromium and Firefox (CONTRACT §4; issue 19): a
// MkDocs Material 9.8.1 site with navigation.instant and its light/slate palette toggle, and a
// Docusaurus 3.10.2 site with its dark-mode toggle, each built from e2e/mkdocs/ and
// e2e/docusaurus/ exactly as docs/EMBEDDING.md's recipes say. Each has a page with a compact
// widget, a page with the full widget and a page without one; the widget is served beside
// them at /loss-explorer.js, as from a CDN folder of one's own.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { rm } from 'node:fs/promises';
import { suite, assertNoProblems, readout } from './helpers.mjs';
import { serve } from './server.mjs';
import { measureMemory } from './memory.mjs';
import { buildDocusaurus, buildMkdocs, OUTPUT } from './sites.mjs';
import { DIST } from './helpers.mjs';

const SITES = {
  mkdocs: {
    title: 'MkDocs Material',
    prefix: '/mkdocs/',
    pages: { compact: '', full: 'training/', none: 'plain/' },
    /** The navigation link to page `key`. */
    link: (key) => ({ compact: 'One guess', full: 'Training', none: 'Without widgets' })[key],
    linkSelector: 'nav.md-nav--primary a.md-nav__link',
    /** Clicks the site's own theme switch (the label showing in the header). */
    toggle: () => [...document.querySelectorAll('form[data-md-component=palette] label')].find((l) => !l.hidden && l.offsetParent)?.click(),
    dark: () => document.body.getAttribute('data-md-color-scheme') === 'slate',
    content: 'article.md-content__inner',
  },
  docusaurus: {
    title: 'Docusaurus',
    prefix: '/docusaurus/',
    pages: { compact: '', full: 'training', none: 'plain' },
    link: (key) => ({ compact: 'One guess', full: 'Training', none: 'Without widgets' })[key],
    linkSelector: 'nav.menu a.menu__link',
    toggle: () => document.querySelector('button[class*=toggleButton]')?.click(),
    dark: () => document.documentElement.dataset.theme === 'dark',
    content: 'article .markdown',
  },
};

// The site folders, per browser run (the MkDocs site is built for the address it is served at).
const built = {};

for (const [name, site] of Object.entries(SITES)) {
  // The widget's files at the root, the site under its prefix; and a second server whose
  // /loss-explorer.js is an empty module: the same site without the widget, to compare with.
  const mounts = (browser) => ({ [site.prefix]: `${OUTPUT}${name}-${browser}/` });
  suite(`a ${site.title} site`, (browser) => ({ mounts: mounts(browser) }), (env) => {
    let bare;
    before(async () => {
      const dir = `${OUTPUT}${name}-${env.browserName}/`;
      await rm(dir, { recursive: true, force: true });
      if (name === 'mkdocs') await buildMkdocs(env.server.url, dir);
      else await (await import('node:fs/promises')).cp(await buildDocusaurus(), dir, { recursive: true });
      const bareRoutes = { '/loss-explorer.js': { body: '', type: 'text/javascript' } };
      const bareDir = `${OUTPUT}${name}-${env.browserName}-bare/`;
      bare = await serve(DIST, { routes: bareRoutes, mounts: { [site.prefix]: bareDir } });
      await rm(bareDir, { recursive: true, force: true });
      if (name === 'mkdocs') await buildMkdocs(bare.url, bareDir);
      else await (await import('node:fs/promises')).cp(dir, bareDir, { recursive: true });
      built[name] = dir;
    });
    after(() => bare?.close());

    const url = (server, key) => `${server.url}${site.prefix}${site.pages[key]}`;
    /** How many widget elements the page has, and how many show a widget with readouts. */
    const counts = (page) => page.evaluate(() => [
      document.querySelectorAll('[data-loss-explorer]').length,
      leRoots().filter((r) => r.querySelector('output')).length,
    ]);
    const waitForWidgets = (page) => page.waitForFunction(() => {
      const n = document.querySelectorAll('[data-loss-explorer]').length;
      return leRoots().filter((r) => r.querySelector('output')).length === n;
    });
    /** Follows the site's own navigation link to page `key`, as a reader clicks it. */
    const follow = async (page, key) => {
      const text = site.link(key);
      await page.evaluate(({ selector, text }) => {
        const a = [...document.querySelectorAll(selector)].find((l) => l.textContent.trim() === text);
        if (!a) throw new Error(`no link ${text}`);
        a.click();
      }, { selector: site.linkSelector, text });
      await page.waitForFunction((path) => location.pathname.replace(/\/$/, '') === path.replace(/\/$/, ''), `${site.prefix}${site.pages[key]}`);
      await waitForWidgets(page);
      // A site may change the address before it swaps the page's content (the old page's
      // widgets then pass): wait again once the swap has had time to happen.
      await new Promise((ok) => setTimeout(ok, 250));
      await waitForWidgets(page);
    };
    const widgetTheme = (page) => page.evaluate(() => leRoots()[0]?.dataset.leTheme);
    /** WCAG contrast of the widget's text on its background, and the two colours. */
    const contrast = (page) => page.evaluate(() => {
      const root = leRoots()[0];
      const s = getComputedStyle(root);
      const lum = (c) => {
        const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
          const x = Number(v) / 255;
          return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [a, b] = [lum(s.color), lum(s.backgroundColor)].sort((x, y) => y - x);
      return { ratio: (a + 0.05) / (b + 0.05), fg: s.color, bg: s.backgroundColor };
    });

    test('every widget mounts on a first load of each page, with no console or page error', async () => {
      for (const key of ['compact', 'full', 'none']) {
        const page = await env.blank();
        await page.goto(url(env.server, key));
        await page.waitForFunction(() => document.readyState === 'complete');
        await waitForWidgets(page);
        const [containers, widgets] = await counts(page);
        assert.equal(widgets, containers, `${key}: ${widgets} widgets for ${containers} elements`);
        assert.equal(containers, key === 'none' ? 0 : 1, key);
        if (key === 'compact') assert.equal(await readout(page, 'Loss'), '2.303 nats');
        // Give a late hydration error time to show.
        await new Promise((ok) => setTimeout(ok, 300));
        assertNoProblems(page);
      }
    });

    test('10 client-side navigations back and forth: as many widgets as elements, no errors, memory as without the widget', { timeout: 120000 }, async () => {
      const walk = async (server, widgets) => {
        const page = await env.blank();
        await page.goto(url(server, 'compact'));
        await page.waitForFunction(() => document.readyState === 'complete');
        if (widgets) await waitForWidgets(page);
        // A reload would lose this mark: every step below must be the site's own navigation.
        await page.evaluate(() => { window.__noReload = true; });
        const heap0 = (await measureMemory(page, { wasm: false })).heap;
        // Ending where it started: what is left is growth, not the size of another page's widget.
        const order = ['full', 'none', 'compact', 'full', 'compact', 'none', 'full', 'none', 'full', 'compact'];
        for (const key of order) {
          if (widgets) await follow(page, key);
          else {
            const text = site.link(key);
            await page.evaluate(({ selector, text }) => [...document.querySelectorAll(selector)].find((l) => l.textContent.trim() === text).click(), { selector: site.linkSelector, text });
            await page.waitForFunction((path) => location.pathname.replace(/\/$/, '') === path.replace(/\/$/, ''), `${site.prefix}${site.pages[key]}`);
          }
          assert.equal(await page.evaluate(() => window.__noReload), true, `${key} was a full page load`);
          if (widgets) {
            const [containers, mounted] = await counts(page);
            assert.equal(mounted, containers, `after navigating to ${key}`);
          }
        }
        await new Promise((ok) => setTimeout(ok, 1200));
        const heap1 = (await measureMemory(page, { wasm: false })).heap;
        assertNoProblems(page);
        return heap0 === null ? null : heap1 - heap0;
      };
      const withWidget = await walk(env.server, true);
      // The site alone grows by 185 to 285 KiB from one walk to the next (its own caches):
      // the higher of two walks is its baseline, so one low walk does not fail the widget.
      const bareWalks = [await walk(bare, false), await walk(bare, false)];
      const without = bareWalks.includes(null) ? null : Math.max(...bareWalks);
      if (withWidget !== null) {
        const kb = (b) => (b / 1024).toFixed(1);
        console.log(`${site.title} [${env.browserName}]: JS heap over 10 navigations ${kb(withWidget)} KiB with the widget, ${kb(without)} KiB without`);
        assert.ok(withWidget - without <= 200 * 1024, `the widget adds ${kb(withWidget - without)} KiB over 10 navigations`);
      }
    });

    test("the site's own theme switch turns the widget both ways within a second, readable", async () => {
      const page = await env.blank();
      await page.goto(url(env.server, 'compact'));
      await waitForWidgets(page);
      assert.equal(await page.evaluate(site.dark), false);
      assert.equal(await widgetTheme(page), 'light');
      for (const [dark, theme] of [[true, 'dark'], [false, 'light']]) {
        const started = Date.now();
        await page.evaluate(site.toggle);
        await page.waitForFunction(`(${site.dark})() === ${dark}`, undefined, { timeout: 3000 })
          .catch(() => { throw new Error(`the site did not switch to ${theme}`); });
        await page.waitForFunction((t) => leRoots()[0].dataset.leTheme === t, theme, { timeout: 1000 });
        const took = Date.now() - started;
        const c = await contrast(page);
        console.log(`${site.title} [${env.browserName}]: ${theme} in ${took} ms, contrast ${c.ratio.toFixed(1)} (${c.fg} on ${c.bg})`);
        assert.ok(took <= 1000, `${theme} after ${took} ms`);
        assert.ok(c.ratio >= 7, `contrast ${c.ratio}`);
      }
      assertNoProblems(page);
    });

    test("after navigating, the widget keeps its styles; the site's own styles are as without it", async () => {
      const styles = (page) => page.evaluate((content) => {
        const pick = (e, props) => props.map((p) => getComputedStyle(e).getPropertyValue(p));
        const article = document.querySelector(content);
        return {
          html: pick(document.documentElement, ['font-size', 'background-color']),
          body: pick(document.body, ['font-family', 'font-size', 'line-height', 'color', 'margin']),
          heading: pick(article.querySelector('h1'), ['font-size', 'font-weight', 'margin-top', 'color']),
          paragraph: pick(article.querySelector('p'), ['font-size', 'line-height', 'margin-bottom']),
        };
      }, site.content);
      const page = await env.blank({ viewport: { width: 1280, height: 900 } });
      await page.goto(url(env.server, 'none'));
      await follow(page, 'full');
      // The parts beyond the core come a frame after it.
      await page.waitForFunction(() => [...(leRoots()[0]?.querySelectorAll('button') ?? [])].some((b) => b.textContent === 'Step'));
      const widget = await page.evaluate(() => {
        const root = leRoots()[0];
        const s = (sel) => getComputedStyle(sel ? root.querySelector(sel) : root);
        return {
          background: s().backgroundColor,
          font: s().fontSize,
          step: getComputedStyle([...root.querySelectorAll('button')].find((b) => b.textContent === 'Step')).backgroundColor,
          slider: Math.round(root.querySelector('input[type=range]').getBoundingClientRect().height),
          sheets: root.getRootNode().adoptedStyleSheets?.length ?? 0,
        };
      });
      assert.deepEqual(widget, { background: 'rgb(255, 255, 255)', font: '16px', step: 'rgb(4, 120, 87)', slider: 32, sheets: 1 });
      const plain = await env.blank({ viewport: { width: 1280, height: 900 } });
      await plain.goto(url(bare, 'full'));
      await plain.waitForFunction((sel) => document.querySelector(sel), site.content);
      assert.deepEqual(await styles(page), await styles(plain));
      assertNoProblems(page);
    });

    test('a mouse drag on a slider changes the Loss', async () => {
      const page = await env.blank({ viewport: { width: 1280, height: 900 } });
      await page.goto(url(env.server, 'none'));
      await follow(page, 'full');
      const before = await readout(page, 'Loss');
      const chai = page.getByRole('slider', { name: 'chai' });
      await chai.scrollIntoViewIfNeeded();
      const box = await chai.boundingBox();
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width * 0.4, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.85, y, { steps: 5 });
      await page.mouse.up();
      const after = await readout(page, 'Loss');
      assert.notEqual(after, before);
      const p = Number(await chai.inputValue());
      assert.equal(after, `${(-Math.log(p)).toFixed(3)} nats`);
      assertNoProblems(page);
    });
  });
}
