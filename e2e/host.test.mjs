// Widgets in other people's pages (CONTRACT §4), end to end in Chromium and Firefox: chosen
// parts, the host's theme, layout by the widget's own width, and host styles kept out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { suite, assertNoProblems, readout, canvasCorner } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));

const page = (title, css, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="/favicon.svg"><style>${css}</style>
<script type="module" src="/loss-explorer.js"></script></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

// docs/EMBEDDING.md's iframe route, its few lines of script in a file of their own.
const SIZE_FRAMES = `addEventListener('message', (e) => {
  if (e.data?.type !== 'loss-explorer:resize') return;
  for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source) f.height = e.data.height;
  (window.__resizes ??= []).push(e.data.height);
});`;
const COLUMNS = [760, 700, 480, 360];

const routes = {
  '/size-frames.js': { body: SIZE_FRAMES, type: 'text/javascript' },
  ...Object.fromEntries(COLUMNS.flatMap((w) => [
    [`/frame-${w}.html`, {
      body: page('Frame', `body { margin: 0; } .col { width: ${w}px; } iframe { display: block; width: 100%; border: 0; }`,
        '<div class="col"><iframe title="Loss Explorer" src="/?embed=1"></iframe></div>')
        .replace('</head>', '<script src="/size-frames.js"></script></head>'),
    }],
    [`/script-${w}.html`, {
      body: page('Script', `body { margin: 0; } .col { width: ${w}px; }`, '<div class="col"><div id="w" data-loss-explorer></div></div>'),
    }],
  ])),
  '/parts.html': {
    body: page('Parts', 'body { margin: 0; padding: 16px; }', `
<div id="plot" data-loss-explorer data-panels="plot"></div>
<div id="core" data-loss-explorer data-panels=""></div>
<div id="train" data-loss-explorer data-panels="plot,train"></div>
<div id="all" data-loss-explorer></div>
<div id="typo" data-loss-explorer data-panels="plot,charts"></div>`),
  },
  '/light-page.html': { body: page('Light page', 'body { background: #fafaf9; color: #1c1917; }', '<div id="w" data-loss-explorer data-panels="plot,train,units"></div>') },
  '/dark-page.html': { body: page('Dark page', 'body { background: #0c0a09; color: #e7e5e4; }', '<div id="w" data-loss-explorer data-panels="plot,train,units"></div>') },
  // A documentation site's theme switcher: a class on the root changes every colour.
  '/switcher.html': {
    body: page('Switcher', 'html.light { background: #ffffff; color: #111; } html.dark { background: #15171a; color: #ddd; }',
      '<div id="w" data-loss-explorer data-panels="plot,history,smoothing"></div>').replace('<html lang="en">', '<html lang="en" class="light">'),
  },
  '/forced.html': {
    body: page('Forced', 'body { background: #0c0a09; color: #e7e5e4; }', `
<div id="light" data-loss-explorer data-theme="light" data-panels="plot"></div>
<section data-theme="light"><div id="ancestor" data-loss-explorer data-panels="plot"></div></section>`),
  },
  // A 700 px column of a 1400 px page, and a host whose type rules would reach everything.
  '/column.html': { body: page('Column', 'body { margin: 0; width: 1400px; } .col { width: 700px; }', '<div class="col"><div id="w" data-loss-explorer></div></div>') },
  '/hostile.html': {
    body: page('Hostile styles', `html { font-size: 62.5%; } body { font: 1.3rem/2 "Courier New", monospace; }
      body * { font-family: Georgia, serif; letter-spacing: 3px; word-spacing: 6px; overflow-wrap: anywhere; word-break: break-all; text-transform: uppercase; }
      .col { width: 700px; }`, '<div class="col"><div id="w" data-loss-explorer></div></div>'),
  },
};

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  });
}

/** The widget in `#id`: its resolved theme and its main canvas's top-left pixel. */
async function themeOf(page, id) {
  const style = await page.evaluate((id) => {
    const root = leRoot(`#${id}`);
    return { theme: root.dataset.leTheme ?? null, background: getComputedStyle(root).backgroundColor };
  }, id);
  return { ...style, pixel: await canvasCorner(page, `#${id} >>> canvas`) };
}

const LIGHT = { theme: 'light', background: 'rgb(255, 255, 255)', pixel: '255,255,255' };
const DARK = { theme: 'dark', background: 'rgb(17, 24, 39)', pixel: '17,24,39' };

async function waitForTheme(page, id, want) {
  for (let i = 0; i < 60; i++) {
    const got = await themeOf(page, id);
    if (got.theme === want.theme && got.pixel === want.pixel) return;
    await page.nextFrame();
  }
  assert.deepEqual(await themeOf(page, id), want, `#${id} did not take the ${want.theme} theme`);
}

suite('host pages', { routes }, (env) => {
  const openHost = async (path, options) => {
    const p = await env.blank(options);
    await p.goto(`${env.server.url}/${path}`);
    await p.locator('[data-loss-explorer] >>> .loss-explorer output').first().waitFor();
    return p;
  };

  test('parts: each widget shows its core and exactly the parts it asked for', async () => {
    const p = await openHost('parts.html');
    await p.locator('#all >>> canvas.le-history-canvas').waitFor();
    const inside = (id) => ({
      role: (role, name) => p.locator(`#${id}`).getByRole(role, { name }).count(),
    });
    for (const id of ['plot', 'core', 'train', 'all']) {
      const w = inside(id);
      // The core, always.
      assert.equal(await w.role('group', 'Correct word'), 1, id);
      for (const word of ['chai', 'paani', 'dudh', 'coffee', 'lassi']) assert.equal(await w.role('slider', word), 1, `${id} ${word}`);
      assert.equal(await w.role('status', 'Loss'), 1, id);
      assert.equal(await w.role('status', 'Perplexity'), 1, id);
    }
    const counts = async (id) => ({
      plot: await p.locator(`#${id} >>> canvas.le-curve`).count(),
      step: await inside(id).role('button', 'Step'),
      units: await inside(id).role('radio', 'bits'),
      history: await inside(id).role('img', 'Loss history'),
      smoothing: await inside(id).role('slider', 'Label smoothing'),
      preset: await inside(id).role('combobox', 'Preset'),
      edit: await inside(id).role('button', 'Edit words'),
      challenges: await inside(id).role('list', 'Challenges'),
      export: await inside(id).role('button', 'Copy link'),
    });
    // Absent parts are absent from the DOM, not hidden.
    assert.deepEqual(await counts('plot'), { plot: 1, step: 0, units: 0, history: 0, smoothing: 0, preset: 0, edit: 0, challenges: 0, export: 0 });
    assert.deepEqual(await counts('core'), { plot: 0, step: 0, units: 0, history: 0, smoothing: 0, preset: 0, edit: 0, challenges: 0, export: 0 });
    assert.deepEqual(await counts('train'), { plot: 1, step: 1, units: 0, history: 0, smoothing: 0, preset: 0, edit: 0, challenges: 0, export: 0 });
    assert.deepEqual(await counts('all'), { plot: 1, step: 1, units: 1, history: 1, smoothing: 1, preset: 1, edit: 1, challenges: 1, export: 1 });
    // The core still works without the rest.
    await p.locator('#core').getByRole('slider', { name: 'chai' }).fill('0.7');
    assert.equal((await p.locator('#core').getByRole('status', { name: 'Loss' }).textContent()).trim(), '0.357 nats');
    // An unknown part is named in an alert; the parts around it apply.
    const alert = await p.locator('#typo').getByRole('alert').textContent();
    assert.match(alert, /“charts” is not a part/);
    assert.equal(await p.locator('#typo >>> canvas.le-curve').count(), 1);
    assertNoProblems(p);
  });

  test('parts: the compact widgets, at 320 px and 900 px (screenshots)', async () => {
    await mkdir(OUTPUT, { recursive: true });
    const heights = {};
    for (const width of [320, 900]) {
      for (const panels of ['plot', 'plot,train', 'all']) {
        const p = await env.open(`?embed=1&panels=${panels}`, { viewport: { width, height: 900 } });
        if (panels !== 'all') await p.locator('canvas.le-curve').waitFor();
        else await p.locator('canvas.le-history-canvas').waitFor();
        await p.nextFrame();
        const box = await p.locator('[data-loss-explorer] >>> .loss-explorer').boundingBox();
        heights[`${panels} @ ${width}`] = Math.round(box.height);
        // Nothing sticks out of the widget.
        const sticking = await p.evaluate(() => {
          const edge = leRoots()[0].getBoundingClientRect().right;
          return [...leRoots()[0].querySelectorAll('*')]
            .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > edge + 0.5)
            .map((e) => e.tagName + '.' + e.className);
        });
        assert.deepEqual(sticking, [], `${panels} at ${width}`);
        await p.locator('[data-loss-explorer] >>> .loss-explorer').screenshot({ path: `${OUTPUT}parts-${env.browserName}-${panels.replace(',', '+')}-${width}.png` });
        assertNoProblems(p);
      }
    }
    console.log(`widget heights [${env.browserName}]: ${JSON.stringify(heights)}`);
    // The compact figure is far shorter than the whole widget.
    assert.ok(heights['plot @ 900'] < 0.6 * heights['all @ 900'], JSON.stringify(heights));
  });

  test('theme: a light page with a dark system setting gets a light widget', async () => {
    const p = await openHost('light-page.html', { colorScheme: 'dark' });
    assert.equal(await p.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), true);
    await waitForTheme(p, 'w', LIGHT);
    assert.deepEqual(await axe(p), []);
    assertNoProblems(p);
  });

  test('theme: a dark page with a light system setting gets a dark widget', async () => {
    const p = await openHost('dark-page.html', { colorScheme: 'light' });
    assert.equal(await p.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), false);
    await waitForTheme(p, 'w', DARK);
    assert.deepEqual(await axe(p), []);
    assertNoProblems(p);
  });

  test('theme: a theme switch on the host page reaches the widget and its plots', async () => {
    const p = await openHost('switcher.html');
    await waitForTheme(p, 'w', LIGHT);
    assert.deepEqual(await axe(p), []);
    await p.evaluate(() => document.documentElement.classList.replace('light', 'dark'));
    await waitForTheme(p, 'w', DARK);
    // The history plot is redrawn too.
    assert.equal(await canvasCorner(p, '#w >>> canvas.le-history-canvas'), '17,24,39');
    assert.deepEqual(await axe(p), []);
    await p.evaluate(() => document.documentElement.classList.replace('dark', 'light'));
    await waitForTheme(p, 'w', LIGHT);
    assert.equal(await canvasCorner(p, '#w >>> canvas.le-history-canvas'), '255,255,255');
    assertNoProblems(p);
  });

  test('theme: data-theme on the widget or an ancestor, or ?theme=, forces it', async () => {
    const p = await openHost('forced.html', { colorScheme: 'dark' });
    await waitForTheme(p, 'light', LIGHT);
    await waitForTheme(p, 'ancestor', LIGHT);
    await p.locator('section').evaluate((e) => e.setAttribute('data-theme', 'dark'));
    await waitForTheme(p, 'ancestor', DARK);
    const embedded = await env.open('?embed=1&theme=dark&panels=plot', { colorScheme: 'light' });
    assert.equal(await embedded.evaluate(() => leRoots()[0].dataset.leTheme), 'dark');
    // The standalone page follows the reader's colour scheme: no theme of its own.
    const standalone = await env.open('?panels=plot', { colorScheme: 'dark' });
    assert.equal(await standalone.evaluate(() => leRoots()[0].dataset.leTheme ?? null), null);
    assert.equal(await standalone.evaluate(() => getComputedStyle(leRoots()[0]).backgroundColor), 'rgb(17, 24, 39)');
    assertNoProblems(p);
    assertNoProblems(embedded);
  });

  /** The positions and sizes of the widget's controls, relative to the widget. */
  const layout = (p) => p.evaluate(() => {
    const root = leRoots()[0];
    const r0 = root.getBoundingClientRect();
    const pick = 'output, input, button, select, canvas, legend';
    return [...root.querySelectorAll(pick)].map((e) => {
      const r = e.getBoundingClientRect();
      return [e.tagName, Math.round(r.left - r0.left), Math.round(r.top - r0.top), Math.round(r.width), Math.round(r.height)].join(' ');
    });
  });

  /**
   * Two layouts are the same: the same controls, each within 1 px. Firefox snaps some boxes to
   * whole device pixels relative to the page, so a widget placed at a fractional offset (a
   * host heading of another height) can see a row land 1 px away; a size or a break that
   * changed moves things by far more.
   */
  function assertSameLayout(got, want) {
    assert.equal(got.length, want.length, `${got.length} controls, want ${want.length}`);
    got.forEach((g, i) => {
      const [gt, ...gn] = g.split(' ');
      const [wt, ...wn] = want[i].split(' ');
      const close = gt === wt && gn.every((v, k) => Math.abs(Number(v) - Number(wn[k])) <= 1);
      assert.ok(close, `control ${i}: "${g}", want "${want[i]}"`);
    });
  }

  test('an iframe in a 760, 700, 480 or 360 px column: height from its width alone, as a script embed lays out', { timeout: 120000 }, async () => {
    for (const width of COLUMNS) {
      // A laptop's window, shorter than the widget: nothing in the frame may follow its height.
      const host = await env.blank({ viewport: { width: 1280, height: 800 } });
      await host.goto(`${env.server.url}/frame-${width}.html`);
      const frame = await (await host.raw.$('iframe')).contentFrame();
      await frame.waitForFunction(() => leRoots()[0]?.querySelector('canvas.le-history-canvas'), { polling: 50, timeout: 10000 });
      // Settled: two reports in a row name the height the frame already has, then quiet.
      await host.waitForFunction(() => {
        const r = window.__resizes ?? [];
        return r.length > 0 && document.querySelector('iframe').getBoundingClientRect().height === r.at(-1);
      });
      await new Promise((ok) => setTimeout(ok, 600));
      const resizes = await host.evaluate(() => window.__resizes);
      const reported = resizes.at(-1);
      const content = await frame.evaluate(() => Math.ceil(leRoots()[0].getBoundingClientRect().bottom + scrollY));
      console.log(`iframe in a ${width} px column [${env.browserName}]: reported ${resizes.join(' → ')} px, content ${content} px`);
      assert.ok(resizes.length <= 3, `the height kept changing: ${resizes}`);
      assert.ok(Math.abs(reported - content) <= 2, `reported ${reported}, content ${content}`);
      assert.equal(Math.round((await host.locator('iframe').boundingBox()).height), reported);
      // The same widget by the script tag in a column of that width lays out the same.
      const script = await openHost(`script-${width}.html`, { viewport: { width: 1280, height: 800 } });
      await script.locator('#w >>> canvas.le-history-canvas').waitFor();
      await script.nextFrame();
      assertSameLayout(await layout(frame), await layout(script));
      assertNoProblems(host);
      assertNoProblems(script);
    }
  });

  test('layout follows the widget\'s own width, not the window\'s', async () => {
    // Windows taller than the widget, so no scrollbar takes width from either.
    const column = await openHost('column.html', { viewport: { width: 1400, height: 7000 } });
    await column.locator('canvas.le-history-canvas').waitFor();
    await column.nextFrame();
    const window700 = await env.open('?embed=1', { viewport: { width: 700, height: 7000 } });
    await window700.locator('canvas.le-history-canvas').waitFor();
    await window700.nextFrame();
    assert.equal(Math.round((await column.locator('[data-loss-explorer] >>> .loss-explorer').boundingBox()).width), 700);
    assert.equal(Math.round((await window700.locator('[data-loss-explorer] >>> .loss-explorer').boundingBox()).width), 700);
    assertSameLayout(await layout(column), await layout(window700));
    assertNoProblems(column);
    assertNoProblems(window700);
  });

  test('host styles do not reach in: root font size, fonts, spacing, word breaking', async () => {
    const plain = await openHost('column.html', { viewport: { width: 1000, height: 4000 } });
    const hostile = await openHost('hostile.html', { viewport: { width: 1000, height: 4000 } });
    for (const p of [plain, hostile]) {
      await p.locator('canvas.le-history-canvas').waitFor();
      await p.nextFrame();
    }
    assertSameLayout(await layout(hostile), await layout(plain));
    const style = (p) => p.locator('#w >>> output').first().evaluate((e) => {
      const s = getComputedStyle(e);
      return [s.fontSize, s.fontFamily, s.letterSpacing, s.textTransform, s.overflowWrap, s.wordBreak].join(' | ');
    });
    assert.equal(await style(hostile), await style(plain));
    assert.equal(await readout(hostile, 'Loss'), '0.916 nats');
    assertNoProblems(hostile);
  });

  test('nothing overflows or breaks inside a number from 280 px up', async () => {
    for (const width of [280, 320, 360, 480, 560, 700, 900]) {
      const p = await env.open('?embed=1&smoothing=0.1', { viewport: { width, height: 900 } });
      await p.locator('canvas.le-history-canvas').waitFor();
      const problems = await p.evaluate(() => {
        const root = leRoots()[0];
        const edge = root.getBoundingClientRect().right;
        const out = [];
        for (const e of root.querySelectorAll('*')) {
          if (e.getClientRects().length && e.getBoundingClientRect().right > edge + 0.5) out.push(`sticks out: ${e.tagName}.${e.className}`);
        }
        // Every number shown (readouts, shares, formula terms) sits on one line.
        const numbers = /[−-]?\d+(\.\d+)?(e[+-]\d+)?%?/g;
        for (const e of root.querySelectorAll('output, .le-percent, .le-term')) {
          const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            for (const m of n.textContent.matchAll(numbers)) {
              const range = document.createRange();
              range.setStart(n, m.index);
              range.setEnd(n, m.index + m[0].length);
              const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
              if (lines.size > 1) out.push(`"${m[0]}" breaks in ${e.className || e.tagName}`);
            }
          }
        }
        return out;
      });
      assert.deepEqual(problems, [], `at ${width} px`);
      assertNoProblems(p);
    }
  });
});
