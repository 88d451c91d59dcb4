// Phones, end to end in Chromium and Firefox (issue 15): at 360 × 740, 390 × 844 and 740 × 360,
// on the standalone page and in an embed with every part, a finger on any word's slider and
// what it moves (the Loss readout and the main plot) are on screen together; the layout does
// not jump during a drag, keeps a focused control clear of the pinned dock, leaves desktops
// as they were, and has no axe-core violations. Screenshots of each size mid-drag go to
// docs/screenshots/.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { suite, assertNoProblems, slider, fixed3, DEFAULT_WORDS, editWords } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

const SIZES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
  { width: 740, height: 360 },
];
// A tutorial's article with a widget of every part between two paragraphs, as a phone shows it.
const ARTICLE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>An article</title><link rel="icon" href="/favicon.svg">
<style>body { margin: 0; padding: 12px; font: 17px/1.6 Georgia, serif; }</style>
<script type="module" src="/loss-explorer.js"></script></head>
<body><main><h1>Cross-entropy on a phone</h1>
<p>${'The loss of one prediction is the negative log of the probability given to the word that came next. '.repeat(4)}</p>
<div data-loss-explorer data-panels="all"></div>
<p>${'Averaged over a sentence, the same quantity becomes the loss a language model reports. '.repeat(6)}</p>
</main></body></html>`;

const PAGES = [
  ['the standalone page', ''],
  ['the page embedded (?embed=1) with every part', '?embed=1&panels=all'],
  ['a widget in an article with every part', 'article.html'],
];
const PHONE = { deviceScaleFactor: 2, hasTouch: true, isMobile: true };

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  });
}

/** The viewport-relative top and bottom of the slider, the Loss output and the main plot. */
function layout(page, word) {
  return page.evaluate((word) => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const input = [...leRoots()[0].querySelectorAll('input[type=range]')].find((e) => e.getAttribute('aria-label') === word);
    return {
      slider: box(input),
      loss: box(leRoots()[0].querySelector('output[aria-label="Loss"]')),
      plot: box(leRoots()[0].querySelector('canvas.le-curve')),
      label: leRoots()[0].querySelector('canvas.le-curve').getAttribute('aria-label'),
      viewport: { width: innerWidth, height: innerHeight },
    };
  }, word);
}

function assertOnScreen(what, box, viewport) {
  const inside = box.bottom > 0 && box.top < viewport.height && box.right > 0 && box.left < viewport.width;
  assert.ok(inside, `${what} (${Math.round(box.top)}–${Math.round(box.bottom)} px) is outside the ${viewport.height} px viewport`);
}

/**
 * Drags `word`'s slider by touch from 20 % to 70 % of its width, checking at each move that
 * the slider, the Loss output and the plot are on screen and that the slider has not moved.
 * Returns the layout mid-drag; `during` runs then (a screenshot), before the finger lifts.
 */
async function dragAndWatch(page, word, during) {
  const s = slider(page, word);
  await s.scrollIntoViewIfNeeded();
  const start = await layout(page, word);
  const y = (start.slider.top + start.slider.bottom) / 2;
  const x = (f) => start.slider.left + (start.slider.right - start.slider.left) * f;
  const touch = await page.touchscreen.touchStart(x(0.2), y);
  let mid;
  for (let i = 1; i <= 5; i++) {
    await touch.move(x(0.2 + 0.1 * i), y);
    await page.nextFrame();
    const now = await layout(page, word);
    for (const what of ['slider', 'loss', 'plot']) assertOnScreen(`${word}: the ${what}`, now[what], now.viewport);
    // Within a pixel: Firefox may snap a row to the other device pixel while a part below
    // re-lays out; a dock that grows or shrinks moves the slider by tens of pixels.
    assert.ok(Math.abs(now.slider.top - start.slider.top) <= 1, `${word}: the slider moved from ${start.slider.top} to ${now.slider.top} px during the drag`);
    if (i === 3) {
      mid = now;
      await during?.();
    }
  }
  await touch.end();
  return mid;
}

suite('phones', { routes: { '/article.html': { body: ARTICLE } } }, (env) => {
  for (const [where, query] of PAGES) {
    for (const viewport of SIZES) {
      const size = `${viewport.width} × ${viewport.height}`;
      test(`${where} at ${size}: each word's slider, the Loss readout and the plot are on screen together during a touch drag`, async () => {
        const page = await env.open(query, { viewport, ...PHONE });
        await page.locator('canvas.le-curve').waitFor();
        for (const word of DEFAULT_WORDS) {
          const before = (await layout(page, word)).label;
          await dragAndWatch(page, word);
          await page.nextFrame();
          const after = await layout(page, word);
          for (const what of ['slider', 'loss', 'plot']) assertOnScreen(`${word}: the ${what}`, after[what], after.viewport);
          // The plot's description follows the drag: it names the correct word's new p.
          const pc = Number(await slider(page, 'chai').inputValue());
          assert.ok(after.label.includes(`has p = ${fixed3(pc)}`), `${word}: "${after.label}" does not say p = ${fixed3(pc)}`);
          assert.notEqual(after.label, before, `${word}: the plot's description did not change`);
        }
        assertNoProblems(page);
      });
    }
  }

  test('screenshots at each size mid-drag (docs/screenshots)', async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    for (const viewport of SIZES) {
      const page = await env.open('', { viewport, ...PHONE });
      await page.locator('canvas.le-curve').waitFor();
      const path = `${SCREENSHOTS}${env.browserName}-phone-${viewport.width}x${viewport.height}-drag.png`;
      await dragAndWatch(page, 'coffee', () => page.screenshot({ path }));
      assertNoProblems(page);
    }
  });

  test('the standalone page starts the widget on the first screen, with the short introduction', async () => {
    for (const viewport of SIZES) {
      const page = await env.open('', { viewport, ...PHONE });
      const top = await page.locator('[data-loss-explorer] >>> .loss-explorer').evaluate((e) => e.getBoundingClientRect().top);
      assert.ok(top < viewport.height / 2, `at ${viewport.width} × ${viewport.height} the widget starts at ${top} px`);
      assert.equal(await page.getByText('A language model guesses the next word').visibility(), 'hidden');
      assert.equal(await page.getByText('Drag a slider to change the probability').isVisible(), true);
    }
  });

  test('the Loss readout shows its number and unit whole, from 320 px up', async () => {
    for (const viewport of [{ width: 320, height: 700 }, ...SIZES]) {
      const page = await env.open('?units=bits&p=0.00001,0.99999,0,0,0', { viewport, ...PHONE });
      const loss = page.getByRole('status', { name: 'Loss' });
      assert.equal((await loss.textContent()).trim(), '16.610 bits');
      const fit = await loss.evaluate((e) => [e.scrollWidth, e.clientWidth]);
      assert.ok(fit[0] <= fit[1], `at ${viewport.width} px the Loss readout needs ${fit[0]} px and has ${fit[1]}`);
    }
  });

  test('readout formulas break only between terms on a phone', async () => {
    for (const viewport of SIZES) {
      const page = await env.open('?smoothing=0.1&units=bits', { viewport, ...PHONE });
      const terms = await page.locator('.le-readouts').evaluate((r) =>
        [...r.querySelectorAll('.le-term')].map((t) => [t.textContent, t.getClientRects().length]));
      assert.ok(terms.length >= 4, `terms: ${JSON.stringify(terms)}`);
      for (const [text, lines] of terms) assert.equal(lines, 1, `"${text}" breaks across ${lines} lines at ${viewport.width} px`);
    }
  });

  test('a control that gets focus under the pinned dock is scrolled clear of it', async () => {
    const page = await env.open('', { viewport: SIZES[0], ...PHONE });
    await page.locator('canvas.le-curve').waitFor();
    await editWords(page);
    // Scroll until the second word's name box sits just under the dock's bottom edge.
    await page.evaluate(() => {
      const input = leRoots()[0].querySelectorAll('.le-name-input')[1];
      const dock = leRoots()[0].querySelector('.le-dock');
      window.scrollBy(0, input.getBoundingClientRect().top - 300);
      window.scrollBy(0, input.getBoundingClientRect().top - (dock.getBoundingClientRect().bottom - 20));
    });
    const covered = await page.evaluate(() => {
      const dock = leRoots()[0].querySelector('.le-dock').getBoundingClientRect();
      const input = leRoots()[0].querySelectorAll('.le-name-input')[1].getBoundingClientRect();
      return input.top < dock.bottom;
    });
    assert.ok(covered, 'the set-up should leave the name box under the dock');
    // Tab from the first row's last control lands on the second row's name box.
    await page.evaluate(() => leRoots()[0].querySelector('button[aria-label="Remove chai"]').focus({ preventScroll: true }));
    await page.keyboard.press('Tab');
    await page.nextFrame();
    const result = await page.evaluate(() => {
      const dock = leRoots()[0].querySelector('.le-dock').getBoundingClientRect();
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      return { name: el.getAttribute('aria-label'), top: r.top, bottom: r.bottom, dock: dock.bottom, height: innerHeight };
    });
    assert.equal(result.name, 'Word 2');
    assert.ok(result.top >= result.dock, `the focused box (top ${result.top}) is under the dock (bottom ${result.dock})`);
    assert.ok(result.bottom <= result.height, 'the focused box is below the viewport');
    assertNoProblems(page);
  });

  test('a desktop window keeps its layout: nothing pinned, readouts and plot beside the sliders, the long introduction', async () => {
    const page = await env.open('', { viewport: { width: 1100, height: 900 } });
    await page.locator('canvas.le-curve').waitFor();
    const desk = await page.evaluate(() => {
      const dock = leRoots()[0].querySelector('.le-dock');
      const box = (sel) => {
        const r = leRoots()[0].querySelector(sel).getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      };
      return { display: getComputedStyle(dock).display, words: box('.le-words'), readouts: box('.le-readouts'), plot: box('canvas.le-curve') };
    });
    assert.equal(desk.display, 'contents');
    assert.ok(desk.readouts.left >= desk.words.right, 'the readouts sit right of the sliders');
    assert.ok(desk.plot.left >= desk.words.right && desk.plot.top >= desk.readouts.bottom, 'the plot is beside the sliders, under the readouts');
    assert.equal(await page.getByText('A language model guesses the next word').isVisible(), true);
    // Focusing a control in view moves nothing on a desktop.
    await page.evaluate(() => window.scrollTo(0, 200));
    const y = await page.evaluate(() => scrollY);
    await slider(page, 'dudh').focus();
    await page.keyboard.press('ArrowRight');
    await page.nextFrame();
    assert.equal(await page.evaluate(() => scrollY), y);
  });

  for (const viewport of SIZES) {
    for (const [where, query] of PAGES) {
      test(`axe-core finds no violations: ${where} at ${viewport.width} × ${viewport.height}`, async () => {
        const page = await env.open(query, { viewport, ...PHONE });
        await page.locator('canvas.le-curve').waitFor();
        await slider(page, 'dudh').scrollIntoViewIfNeeded();
        assert.deepEqual(await axe(page), []);
        assertNoProblems(page);
      });
    }
  }
});

// A phone on a flaky network may get the script but not the stylesheet: the widget must still
// work, and its canvases must not grow without end (with no CSS a canvas is as tall as its
// backing store, which the widget sizes from the canvas's height times the pixel ratio).
const NO_CSS = { '/article.html': { body: ARTICLE }, '/loss-explorer.css': { body: '', type: 'text/css; charset=utf-8' } };
suite('phones without the stylesheet', { routes: NO_CSS }, (env) => {
  test('the readouts work and every canvas keeps a bounded size', async () => {
    const page = await env.open('article.html', { viewport: SIZES[0], ...PHONE });
    assert.equal((await page.getByRole('status', { name: 'Loss' }).textContent()).trim(), '0.916 nats');
    await page.locator('canvas.le-curve').waitFor();
    const sizes = () => page.evaluate(() => leRoots().flatMap((r) => [...r.querySelectorAll('canvas')]).map((c) => [c.width, c.height]));
    for (let i = 0; i < 10; i++) await page.nextFrame();
    const first = await sizes();
    await new Promise((ok) => setTimeout(ok, 500));
    for (let i = 0; i < 10; i++) await page.nextFrame();
    const later = await sizes();
    assert.deepEqual(later, first, 'the canvases kept resizing');
    for (const [w, h] of later) assert.ok(w <= 4096 && h <= 4096, `a canvas of ${w} × ${h}`);
    await slider(page, 'paani').fill('0.5');
    assert.equal((await page.getByRole('status', { name: 'Loss' }).textContent()).trim(), fixed3(-Math.log((0.4 * 0.5) / 0.75)) + ' nats');
    assertNoProblems(page);
  });
});
