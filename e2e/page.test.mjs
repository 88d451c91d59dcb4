// The standalone page, end to end in Chromium and Firefox, as a learner uses it (CONTRACT §2, §3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  suite, assertNoProblems, slider, radio, button, readout, values, assertClose, sliderRule,
  stepRule, fixed3, touchDrag, DEFAULT_WORDS,
} from './helpers.mjs';

const DEFAULT_P = [0.4, 0.25, 0.15, 0.1, 0.1];
const SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/** How many pixels of the canvas have the colour `rgb` (within 8 per channel), and how many colours it has. */
function canvasColours(canvas, rgb) {
  return canvas.evaluate((c, rgb) => {
    // A copy, read once: reading the widget's own canvas again and again makes Chromium warn.
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const cx = copy.getContext('2d', { willReadFrequently: true });
    cx.drawImage(c, 0, 0);
    const d = cx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    let matching = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (i % (4 * 7) === 0) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
      if (Math.abs(d[i] - rgb[0]) <= 8 && Math.abs(d[i + 1] - rgb[1]) <= 8 && Math.abs(d[i + 2] - rgb[2]) <= 8) matching++;
    }
    return { colours: seen.size, matching };
  }, rgb);
}

suite('the standalone page', {}, (env) => {
test('default state: five words, the readouts and every named control', async () => {
  const page = await env.open();
  assertClose(await values(page), DEFAULT_P, 1e-12);
  for (const w of DEFAULT_WORDS) {
    const s = slider(page, w);
    assert.equal(await s.getAttribute('type'), 'range');
    assert.equal(await s.getAttribute('min'), '0');
    assert.equal(await s.getAttribute('max'), '1');
  }
  assert.equal(await slider(page, 'chai').getAttribute('aria-valuetext'), '40.0%');
  assert.equal(await readout(page, 'Loss'), '0.916 nats');
  assert.equal(await readout(page, 'Perplexity'), '2.500');
  const group = page.getByRole('group', { name: 'Correct word' });
  for (const w of DEFAULT_WORDS) await group.getByRole('radio', { name: w, exact: true }).waitFor();
  assert.equal(await radio(page, 'chai').isChecked(), true);
  assert.equal(await radio(page, 'nats').isChecked(), true);
  assert.equal(await radio(page, 'bits').isChecked(), false);
  for (const b of ['Step', 'Play', 'Reset']) await button(page, b).waitFor();
  assert.equal(await page.getByRole('spinbutton', { name: 'Learning rate' }).inputValue(), '1');
  const canvas = page.getByRole('img', { name: /^Plot of the loss/ });
  assert.match(await canvas.getAttribute('aria-label'), /p = 0\.400, so the loss is 0\.916 nats/);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.equal(await page.locator('.loss-explorer').count(), 1);
  assertNoProblems(page);
});

test('the tutorial\'s numbers through URL parameters', async () => {
  const cases = [
    ['?words=six,four,dot&p=0.1,0.2,0.7&correct=six', '2.303', '10.000'],
    ['?words=six,four,dot&p=0.7,0.2,0.1&correct=six', '0.357', '1.429'],
    ['?words=chai,paani,dudh,coffee&p=0.40,0.30,0.20,0.10&correct=chai', '0.916', '2.500'],
    ['?words=chai,paani,dudh,coffee&p=0.75,0.15,0.07,0.03&correct=chai', '0.288', '1.333'],
    ['?words=chai,paani,dudh&p=0.6,0.3,0.1&correct=paani', '1.204', '3.333'],
    ['?words=a,b,c&p=0.9,0.05,0.05', '0.105', '1.111'],
    ['?words=a,b&p=1,1&units=bits', '1.000', '2.000'],
  ];
  const page = await env.open();
  for (const [query, loss, ppl] of cases) {
    await page.goto(env.server.url + '/' + query);
    await page.getByRole('status', { name: 'Loss' }).waitFor();
    assert.ok((await readout(page, 'Loss')).startsWith(loss), `${query}: ${await readout(page, 'Loss')}`);
    assert.equal(await readout(page, 'Perplexity'), ppl, query);
    assert.equal(await page.getByRole('alert').count(), 0, query);
  }
  assertNoProblems(page);
});

test('dragging a slider with the mouse rescales the others and updates the readouts live', async () => {
  const page = await env.open();
  const box = await slider(page, 'chai').boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.4, y);
  await page.mouse.down();
  // Readouts follow during the drag, not only on release.
  await page.mouse.move(box.x + box.width * 0.55, y, { steps: 4 });
  const midDrag = Number(await slider(page, 'chai').inputValue());
  assert.ok(midDrag > 0.45, `mid-drag value ${midDrag}`);
  assert.equal(await readout(page, 'Loss'), `${fixed3(-Math.log(midDrag))} nats`);
  await page.mouse.move(box.x + box.width * 0.8, y, { steps: 6 });
  await page.mouse.up();
  const p = await values(page);
  const v = p[0];
  assert.ok(v > 0.7 && v < 0.9, `dragged to ${v}`);
  assertClose(p, sliderRule(DEFAULT_P, 0, v));
  assert.ok(Math.abs(p.reduce((a, b) => a + b) - 1) < 1e-12);
  assert.equal(await readout(page, 'Loss'), `${fixed3(-Math.log(v))} nats`);
  assert.equal(await readout(page, 'Perplexity'), fixed3(1 / v));
  assertNoProblems(page);
});

test('a drag updates at once what is in view; the parts out of view catch up on release, and a key updates all', async () => {
  const text = (page, selector) => page.evaluate((s) => leRoots()[0].querySelector(s).textContent, selector);
  // The logits (part of the prediction's state) and two parts that print p(chai): the mistakes
  // and the sentence, whose "chai" is the correct word.
  const parts = async (page) => ({
    logits: await text(page, '.le-logits'),
    mistakes: await text(page, '.le-mistakes'),
    sentence: await text(page, '.le-sentence'),
  });
  const drag = async (page, during) => {
    const box = await slider(page, 'chai').boundingBox();
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.4, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, y, { steps: 5 });
    await during();
    await page.mouse.up();
  };
  // 1100 × 900: the logits are in view under the prediction's part, the rest far below.
  const page = await env.open('', { viewport: { width: 1100, height: 900 } });
  const before = await parts(page);
  let during;
  await drag(page, async () => { during = await parts(page); });
  assert.notEqual(during.logits, before.logits, 'the logits, in view, follow the drag');
  assert.equal(during.mistakes, before.mistakes, 'the mistakes, out of view, wait for the release');
  assert.equal(during.sentence, before.sentence, 'so does the sentence');
  // Caught up: as a page opened at the state the drag left.
  const opened = await env.open(`?p=${(await values(page)).join(',')}`, { viewport: { width: 1100, height: 900 } });
  assert.deepEqual(await parts(page), await parts(opened));
  // A key press is no drag: every part follows it at once.
  await slider(page, 'chai').focus();
  await page.keyboard.press('ArrowUp');
  const keyed = await parts(page);
  assert.notEqual(keyed.mistakes, during.mistakes);
  const openedKeyed = await env.open(`?p=${(await values(page)).join(',')}`, { viewport: { width: 1100, height: 900 } });
  assert.deepEqual(keyed, await parts(openedKeyed));
  // With every part in view, nothing waits.
  const tall = await env.open('', { viewport: { width: 1100, height: 4000 } });
  const tallBefore = await parts(tall);
  await drag(tall, async () => { during = await parts(tall); });
  assert.notEqual(during.mistakes, tallBefore.mistakes, 'the mistakes, in view, follow the drag');
  assert.notEqual(during.sentence, tallBefore.sentence);
  for (const p of [page, opened, openedKeyed, tall]) assertNoProblems(p);
});

test('arrow keys move a slider by 0.01 and the others follow the rule', async () => {
  const page = await env.open();
  await slider(page, 'paani').focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight');
  let want = sliderRule(sliderRule(DEFAULT_P, 1, 0.26), 1, 0.27);
  assertClose(await values(page), want);
  assert.equal(await slider(page, 'paani').getAttribute('aria-valuetext'), '27.0%');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  want = sliderRule(sliderRule(sliderRule(want, 1, 0.26), 1, 0.25), 1, 0.24);
  assertClose(await values(page), want);
  assert.equal(await readout(page, 'Loss'), `${fixed3(-Math.log(want[0]))} nats`);
  // The correct word itself: up by exactly 0.01.
  await slider(page, 'chai').focus();
  await page.keyboard.press('ArrowUp');
  want = sliderRule(want, 0, want[0] + 0.01);
  assertClose(await values(page), want);
  assert.equal(await readout(page, 'Loss'), `${fixed3(-Math.log(want[0]))} nats`);
  assertNoProblems(page);
});

test('units switch between nats and bits; perplexity stays', async () => {
  const page = await env.open();
  await radio(page, 'bits').check();
  assert.equal(await readout(page, 'Loss'), `${fixed3(-Math.log2(0.4))} bits`);
  assert.equal(await readout(page, 'Perplexity'), '2.500');
  assert.match(await page.getByRole('img', { name: /^Plot of the loss/ }).getAttribute('aria-label'), /1\.322 bits/);
  await radio(page, 'nats').check();
  assert.equal(await readout(page, 'Loss'), '0.916 nats');
  assertNoProblems(page);
});

test('choosing another correct word', async () => {
  const page = await env.open();
  await radio(page, 'paani').check();
  assert.equal(await radio(page, 'chai').isChecked(), false);
  assert.equal(await readout(page, 'Loss'), `${fixed3(-Math.log(0.25))} nats`);
  assert.equal(await readout(page, 'Perplexity'), '4.000');
  assert.match(await page.getByRole('img', { name: /^Plot of the loss/ }).getAttribute('aria-label'), /“paani” has p = 0\.250/);
  // The correct word is visibly marked in its row.
  await page.locator('.le-row-correct').getByRole('slider', { name: 'paani', exact: true }).waitFor();
  await page.locator('.le-row-correct').getByText('✓ correct').waitFor();
  assertNoProblems(page);
});

test('Step follows the contract\'s formula; Reset returns to the start', async () => {
  const page = await env.open('?lr=0.5');
  await button(page, 'Step').click();
  const once = stepRule(DEFAULT_P, 0, 0.5);
  assertClose(await values(page), once, 1e-12);
  await button(page, 'Step').click();
  assertClose(await values(page), stepRule(once, 0, 0.5), 1e-12);
  assert.equal(await readout(page, 'Loss'), `${fixed3(-Math.log(stepRule(once, 0, 0.5)[0]))} nats`);
  await radio(page, 'bits').check();
  await radio(page, 'dudh').check();
  await button(page, 'Reset').click();
  assertClose(await values(page), DEFAULT_P, 1e-12);
  assert.equal(await readout(page, 'Loss'), '0.916 nats');
  assert.equal(await radio(page, 'chai').isChecked(), true);
  assertNoProblems(page);
});

test('the learning rate box rejects bad values and keeps the last good one', async () => {
  const page = await env.open();
  const lr = page.getByRole('spinbutton', { name: 'Learning rate' });
  await lr.fill('2');
  // Typed a key at a time, every prefix of these is unusable too (typing 1000 would pass
  // through 1, 10 and 100, each a good rate).
  for (const bad of ['-1', '0', '0.0', '']) {
    await lr.fill(bad);
    assert.equal(await lr.getAttribute('aria-invalid'), 'true', bad);
    await page.getByText(/Not used: /).waitFor();
  }
  await button(page, 'Step').click();
  assertClose(await values(page), stepRule(DEFAULT_P, 0, 2), 1e-12);
  await lr.fill('0.25');
  assert.equal(await lr.getAttribute('aria-invalid'), 'false');
  assert.equal(await page.getByText(/Not used: /).count(), 0);
  assertNoProblems(page);
});

test('Play steps on a timer until paused, and stops by itself when the loss is tiny', async () => {
  const page = await env.open('?lr=0.2');
  await button(page, 'Play').click();
  await button(page, 'Pause').waitFor();
  await page.waitForFunction(() => {
    const out = document.querySelector('output[aria-label=Loss]');
    return parseFloat(out.textContent) < 0.8;
  });
  await button(page, 'Pause').click();
  await button(page, 'Play').waitFor();
  const paused = await values(page);
  // Paused means no more steps: several Play intervals (120 ms) pass without a change.
  await new Promise((ok) => setTimeout(ok, 500));
  assertClose(await values(page), paused, 0);
  // Play again runs to convergence (loss below 0.001) and turns back into Play.
  await page.getByRole('spinbutton', { name: 'Learning rate' }).fill('20');
  await button(page, 'Play').click();
  await button(page, 'Play').waitFor({ timeout: 20000 });
  assert.equal(await readout(page, 'Loss'), '0.000 nats');
  assertNoProblems(page);
});

test('a zero probability on the correct word reads ∞, never NaN', async () => {
  const page = await env.open();
  await slider(page, 'paani').fill('1');
  assertClose(await values(page), [0, 1, 0, 0, 0]);
  assert.equal(await readout(page, 'Loss'), '∞ nats');
  assert.equal(await readout(page, 'Perplexity'), '∞');
  const text = await page.locator('.loss-explorer').innerText();
  assert.doesNotMatch(text, /NaN|undefined/);
  // And back: the others were all 0, so they share 1 − v equally.
  await slider(page, 'paani').fill('0.6');
  assertClose(await values(page), [0.1, 0.6, 0.1, 0.1, 0.1]);
  assert.equal(await readout(page, 'Loss'), '2.303 nats');
  assertNoProblems(page);
});

test('the address follows the state, and reopening it restores the state', async () => {
  const page = await env.open();
  await slider(page, 'chai').fill('0.7');
  await radio(page, 'bits').check();
  await page.waitForFunction(() => location.search.includes('units=bits'));
  const url = page.url();
  // Only what differs from the defaults, numbers to 6 significant digits (as Copy link).
  assert.equal(new URL(url).search, '?p=0.7,0.125,0.075,0.05,0.05&units=bits');
  const again = await env.open(url.slice(env.server.url.length + 1));
  assertClose(await values(again), await values(page), 1e-6);
  assert.equal(await readout(again, 'Loss'), await readout(page, 'Loss'));
  assert.equal(await readout(again, 'Perplexity'), await readout(page, 'Perplexity'));
  assertNoProblems(page);
  assertNoProblems(again);
});

test('bad URLs: each ignored parameter is named in an alert, and the page still works', async () => {
  const page = await env.open(
    '?words=a&p=1,x&correct=zzz&units=furlongs&lr=0&smoothing=2&embed=maybe&unknown=1',
  );
  const alerts = await page.getByRole('alert').allTextContents();
  for (const param of ['words', 'p', 'correct', 'units', 'lr', 'smoothing', 'embed']) {
    assert.ok(alerts.some((a) => a.includes(`“${param}”`)), `no alert for ${param}: ${alerts}`);
  }
  assert.equal(alerts.length, 7);
  assertClose(await values(page), DEFAULT_P, 1e-12);
  await slider(page, 'chai').fill('0.5');
  assert.equal(await readout(page, 'Loss'), '0.693 nats');
  for (const query of ['?p=NaN,1,1,1,1', '?p=1e400,0,0,0,0', '?words=%E0%A4', '?lr=Infinity', '?p=-1,1,1,1,1']) {
    const p = await env.open(query);
    assert.equal(await p.getByRole('alert').count(), 1, query);
    assert.equal(await readout(p, 'Loss'), '0.916 nats', query);
    assertNoProblems(p);
  }
  assertNoProblems(page);
});

test('text from the URL is shown as text, never run as HTML', async () => {
  // Words are at most 24 characters, so the payloads are short; each would set window.z.
  const img = '<img src=x onerror=z=1>';
  const svg = '"><svg onload=z=2>';
  const page = await env.open(`?words=${encodeURIComponent(img)},${encodeURIComponent(svg)}&correct=${encodeURIComponent(svg)}`);
  // A payload's handler would have run by the time the page has drawn a couple of frames.
  await page.nextFrame();
  assert.equal(await page.evaluate(() => window.z), undefined);
  assert.equal(await page.locator('.loss-explorer img, .loss-explorer svg').count(), 0);
  await slider(page, img).waitFor();
  await slider(page, svg).waitFor();
  assert.equal(await radio(page, svg).isChecked(), true);
  // A payload that is too long is refused with a notice, still as text.
  const long = await env.open(`?correct=${encodeURIComponent('<script>z=3</script>')}`);
  assert.match((await long.getByRole('alert').allTextContents()).join(' '), /“<script>z=3<\/script>” is not one of the words/);
  assert.equal(await long.evaluate(() => window.z), undefined);
  assertNoProblems(long);
  assertNoProblems(page);
});

test('embed=1 shows only the widget', async () => {
  const page = await env.open('?embed=1');
  // The title stays for screen readers, but takes no space; the page's text is gone.
  const title = await page.getByRole('heading', { name: 'Loss Explorer' }).boundingBox();
  assert.ok(title.width <= 1 && title.height <= 1, JSON.stringify(title));
  assert.equal(await page.getByText('A language model guesses the next word').visibility(), 'hidden');
  assert.equal(await page.getByText('Try it on the tutorial').visibility(), 'hidden');
  assert.equal(await slider(page, 'chai').isVisible(), true);
  const normal = await env.open();
  assert.equal(await normal.getByRole('heading', { name: 'Loss Explorer' }).isVisible(), true);
  assertNoProblems(page);
});

test('the canvas is crisp at devicePixelRatio 2 and follows its container\'s size', async () => {
  const page = await env.open('', { deviceScaleFactor: 2 });
  const size = () => page.getByRole('img', { name: /^Plot of the loss/ }).evaluate((c) => [c.width, c.height, c.clientWidth, c.clientHeight]);
  let [w, h, cw, ch] = await size();
  assert.equal(w, cw * 2);
  assert.equal(h, ch * 2);
  await page.setViewportSize({ width: 600, height: 900 });
  await page.waitForFunction(() => {
    const c = document.querySelector('canvas');
    return c.width === c.clientWidth * 2;
  });
  // The plot's box changes with the layout (three columns at 1100 px, one at 600 px): the
  // backing store follows it, at twice its CSS size.
  const [w2, h2, cw2, ch2] = await size();
  assert.ok(w2 !== w, `canvas kept ${w} px across a change of layout`);
  assert.deepEqual([w2, h2], [cw2 * 2, ch2 * 2]);
  // Something is drawn: the canvas is not one flat colour.
  const colours = await page.getByRole('img', { name: /^Plot of the loss/ }).evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
    return seen.size;
  });
  assert.ok(colours > 3, `only ${colours} colours on the canvas`);
  assertNoProblems(page);
});

test('a 320 px phone: no sideways scrolling, big touch targets, touch drag works', async () => {
  const page = await env.open('', { viewport: { width: 320, height: 700 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  // Nothing sticks out of the widget either (overflow inside it would be clipped, not scroll).
  const sticking = await page.evaluate(() => {
    const edge = document.querySelector('.loss-explorer').getBoundingClientRect().right;
    return [...document.querySelectorAll('.loss-explorer *')]
      .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > edge + 0.5)
      .map((e) => e.tagName + '.' + e.className);
  });
  assert.deepEqual(sticking, []);
  for (const w of DEFAULT_WORDS) {
    const box = await slider(page, w).boundingBox();
    assert.ok(box.height >= 24 && box.width >= 200, `${w} slider is ${box.width}×${box.height}`);
  }
  // A finger drag on the chai slider, through the browser's touch input.
  await touchDrag(page, slider(page, 'chai'), 0.4, 0.8);
  const p = await values(page);
  assert.ok(p[0] > 0.6, `touch drag moved chai to ${p[0]}`);
  assertClose(p, sliderRule(DEFAULT_P, 0, p[0]));
  assertNoProblems(page);
});

test('the plot shows the correct word in its colour, and the README screenshots', async () => {
  const page = await env.open('', { viewport: { width: 1000, height: 900 }, deviceScaleFactor: 1 });
  const canvas = page.getByRole('img', { name: /^Plot of the loss/ });
  const accent = await canvas.evaluate((c) => getComputedStyle(c).borderRightColor.match(/\d+/g).map(Number));
  await page.waitForFunction(() => document.querySelector('canvas.le-curve').width > 0);
  // The marker and the correct word's bar are drawn in the accent colour, and nothing else is.
  await page.nextFrame();
  const before = await canvasColours(canvas, accent);
  assert.ok(before.colours > 4, `only ${before.colours} colours: the canvas is blank`);
  // chai's bar is 0.4 of the bar chart's height: a few thousand accent pixels, plus the marker.
  assert.ok(before.matching > 1000, `${before.matching} accent pixels`);
  // A smaller correct probability means a shorter accent bar.
  await radio(page, 'coffee').check();
  await page.nextFrame();
  const after = await canvasColours(canvas, accent);
  assert.ok(after.matching < before.matching * 0.5, `accent pixels ${before.matching} → ${after.matching}`);
  // The screenshots start from fresh pages, as a reader would see them.
  await mkdir(SCREENSHOTS, { recursive: true });
  const shot = (what) => `${SCREENSHOTS}${env.browserName}-${what}.png`;
  const fresh = await env.open('', { viewport: { width: 1000, height: 900 } });
  await fresh.nextFrame();
  await fresh.locator('.loss-explorer').screenshot({ path: shot('default') });
  assertNoProblems(fresh);
  // Training with soft targets: the history, the H/CE/KL readouts and the slope view.
  const training = await env.open('?words=six,four,dot&p=0.1,0.2,0.7&correct=six&smoothing=0.1&lr=0.5', { viewport: { width: 1000, height: 900 } });
  for (let i = 0; i < 8; i++) await button(training, 'Step').click();
  await training.getByRole('radio', { name: 'probability' }).check();
  await training.getByRole('list', { name: 'Challenges' }).waitFor();
  await training.nextFrame();
  await training.locator('.loss-explorer').screenshot({ path: shot('training') });
  assertNoProblems(training);
  const dark = await env.open('?words=six,four,dot&p=0.1,0.2,0.7&correct=six', { viewport: { width: 1000, height: 900 }, colorScheme: 'dark' });
  await dark.nextFrame();
  await dark.locator('.loss-explorer').screenshot({ path: shot('dark') });
  // A 320 px phone: its first screen.
  const phone = await env.open('', { viewport: { width: 320, height: 700 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  await phone.nextFrame();
  await phone.screenshot({ path: shot('phone') });
  assertNoProblems(phone);
  assertNoProblems(page);
  assertNoProblems(dark);
});
});
