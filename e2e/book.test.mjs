// A real documentation site: a small mdBook (e2e/book/) whose chapters embed widgets with a
// raw `<div data-loss-explorer …>` and the script tag, tested with mdBook's default light
// theme and its dark "coal" theme, switched with mdBook's own theme picker.
import assert from 'node:assert/strict';
import { test, before } from 'node:test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { suite, assertNoProblems, waitForCorner } from './helpers.mjs';

const SOURCE = fileURLToPath(new URL('./book/', import.meta.url));
const BUILT = fileURLToPath(new URL('./output/book/', import.meta.url));

before(async () => {
  await promisify(execFile)('mdbook', ['build', SOURCE, '--dest-dir', BUILT]);
});

/** The computed styles of the book's own elements that a stylesheet could disturb. */
const bookStyles = (page) => page.evaluate(() => {
  const pick = (sel, props) => {
    const e = document.querySelector(sel);
    const s = getComputedStyle(e);
    return props.map((p) => `${sel} ${p}: ${s.getPropertyValue(p)}`);
  };
  return [
    ...pick('html', ['font-size', 'background-color']),
    ...pick('body', ['font-family', 'font-size', 'line-height', 'color', 'margin']),
    ...pick('main h1', ['font-size', 'font-weight', 'margin-top', 'color']),
    ...pick('main p', ['font-size', 'line-height', 'letter-spacing', 'margin-bottom']),
    ...pick('#mdbook-sidebar, nav.sidebar, .sidebar', ['width', 'font-size', 'background-color']),
    ...pick('button#mdbook-theme-toggle', ['font-size', 'background-color', 'border-top-width']),
  ];
});

/** The widget's own sizes and type, which the book's styles must not change. */
const widgetStyles = (page, id) => page.evaluate((id) => {
  const root = leRoot(`#${id}`);
  const s = (sel) => getComputedStyle(root.querySelector(sel));
  const box = (sel) => { const r = root.querySelector(sel).getBoundingClientRect(); return `${Math.round(r.width)}x${Math.round(r.height)}`; };
  return {
    rootFont: getComputedStyle(root).fontSize,
    family: getComputedStyle(root).fontFamily,
    value: s('output').fontSize,
    slider: box('input[type=range]'),
    chip: box('.le-chip'),
    legend: s('legend').fontSize,
  };
}, id);

async function widgetTheme(page, id) {
  return page.evaluate((id) => leRoot(`#${id}`).dataset.leTheme, id);
}

suite('an mdBook', { mounts: { '/book/': BUILT } }, (env) => {
  const open = async (chapter, options) => {
    const p = await env.blank(options);
    await p.goto(`${env.server.url}/book/${chapter}`);
    await p.locator('[data-loss-explorer] >>> .loss-explorer output').first().waitFor();
    return p;
  };

  test('widgets mount in the chapters and take the book\'s light theme', async () => {
    const p = await open('one-guess.html');
    assert.equal(await p.evaluate(() => document.documentElement.classList.contains('light')), true);
    assert.equal((await p.locator('#cricket').getByRole('status', { name: 'Loss' }).textContent()).trim(), '2.303 nats');
    assert.equal(await widgetTheme(p, 'cricket'), 'light');
    // Only the parts each chapter asked for, counted once the plot (drawn with the rest of
    // the parts, a frame after the readouts) is there.
    await p.locator('#cricket >>> canvas.le-curve').waitFor();
    assert.equal(await p.locator('#cricket').getByRole('button', { name: 'Step' }).count(), 0);
    const next = await open('training.html');
    await next.locator('#chai').getByRole('button', { name: 'Step' }).click();
    await next.locator('#chai').getByText(/^Loss history over 1 step:/).waitFor();
    assertNoProblems(p);
    assertNoProblems(next);
  });

  test('mdBook\'s theme picker switches the widgets to coal and back', async () => {
    const p = await open('one-guess.html');
    await p.locator('#cricket >>> canvas.le-curve').waitFor();
    await p.locator('#mdbook-theme-toggle').click();
    await p.locator('#mdbook-theme-coal').click();
    await p.waitForFunction(() => document.documentElement.classList.contains('coal'));
    await p.waitForFunction(() => leRoot('#cricket').dataset.leTheme === 'dark');
    // The plot is redrawn in the dark colours.
    assert.equal(await waitForCorner(p, '#cricket >>> canvas', '17,24,39'), '17,24,39');
    // mdBook remembers the choice: the next chapter's widget starts dark.
    await p.goto(`${env.server.url}/book/training.html`);
    await p.locator('#chai >>> .loss-explorer output').first().waitFor();
    await p.waitForFunction(() => leRoot('#chai').dataset.leTheme === 'dark');
    // And back to light.
    await p.locator('#mdbook-theme-toggle').click();
    await p.locator('#mdbook-theme-light').click();
    await p.waitForFunction(() => leRoot('#chai').dataset.leTheme === 'light');
    assertNoProblems(p);
  });

  test('no styles leak either way', async () => {
    // A chapter with a widget and the same chapter without it (nor the loader).
    const withWidgets = await open('one-guess.html', { viewport: { width: 1200, height: 900 } });
    await withWidgets.locator('#cricket >>> canvas.le-curve').waitFor();
    const without = await env.blank({ viewport: { width: 1200, height: 900 } });
    await without.goto(`${env.server.url}/book/without-widgets.html`);
    await without.locator('main h1').waitFor();
    assert.deepEqual(await bookStyles(withWidgets), await bookStyles(without));
    // mdBook's 62.5 % root font size and its fonts stop at the widget's edge.
    assert.equal(await withWidgets.evaluate(() => getComputedStyle(document.documentElement).fontSize), '10px');
    const inBook = await widgetStyles(withWidgets, 'cricket');
    assert.equal(inBook.rootFont, '16px');
    // The big numbers are sized by their box (at most 34 px), not by the root font.
    assert.ok(parseFloat(inBook.value) > 24 && parseFloat(inBook.value) <= 34, inBook.value);
    assert.equal(inBook.legend, '16px');
    assert.match(inBook.family, /system-ui/);
    // The same widget on a plain page has the same sizes.
    const plain = await env.open('?embed=1&words=six,four,dot&p=0.1,0.2,0.7&panels=plot', { viewport: { width: 1200, height: 900 } });
    const alone = await plain.evaluate(() => {
      const root = leRoots()[0];
      const box = (sel) => { const r = root.querySelector(sel).getBoundingClientRect(); return `${Math.round(r.height)}`; };
      return { slider: box('input[type=range]'), chip: box('.le-chip') };
    });
    assert.equal(inBook.slider.split('x')[1], alone.slider);
    assert.equal(inBook.chip.split('x')[1], alone.chip);
    assertNoProblems(withWidgets);
  });
});
