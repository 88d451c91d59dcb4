// The first screen and honest numbers (CONTRACT §3 and §5; issue 21), in Chromium and
// Firefox: what a laptop shows without scrolling, readouts that never wrap or spill, bar
// labels that stay unique, and the exercise mode.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { suite, assertNoProblems, slider, button, readout } from './helpers.mjs';

const SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

const loader = '<script type="module" src="/loss-explorer.js"></script>';
/** A host page with one widget `width` px wide carrying `attrs`. */
const host = (width, attrs = '') => ({
  type: 'text/html',
  body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title>${loader}</head>
<body style="margin:0"><div id="w" style="width:${width}px" data-loss-explorer ${attrs}></div></body></html>`,
});

const routes = {};
for (const width of [280, 360, 700, 860, 1000, 1200]) {
  routes[`/wide-${width}.html`] = host(width);
  // Big numbers: p_c near 0, a long unlikely sentence (perplexity past 1e6), bits.
  routes[`/big-${width}.html`] = host(width, 'data-p="0.000001,0.4,0.3,0.2,0.099999" data-units="bits" data-tokens="subah,uthke,chai,peeta,hoon" data-pt="0.0001,0.001,0.4,0.0002,0.0003" data-repeat="200"');
}
const TEN = ['chai', 'coffee', 'cocoa', 'coconut', 'paani', 'dudh', 'lassi', 'limbu', 'nimbu', 'nariyal'];
routes['/ten-320.html'] = host(320, `data-words="${TEN.join(',')}" data-panels="plot"`);

/** The boxes a learner needs in view while dragging: each word slider, the Loss, the plot. */
const firstScreen = (page) => page.evaluate(() => {
  const root = leRoots()[0];
  const bottom = (e) => e.getBoundingClientRect().bottom + scrollY;
  return {
    sliders: [...root.querySelectorAll('.le-rows input[type=range]')].map(bottom),
    loss: bottom(root.querySelector('output[aria-label=Loss]')),
    plot: bottom(root.querySelector('canvas.le-curve')),
    top: root.getBoundingClientRect().top + scrollY,
  };
});

suite('the first screen and honest numbers', { routes }, (env) => {
  for (const [width, height] of [[1280, 720], [1366, 768], [1440, 900], [1920, 1080]]) {
    test(`${width} × ${height}: every word slider, the Loss and the whole plot show without scrolling`, async () => {
      const page = await env.open('', { viewport: { width, height } });
      await page.locator('canvas.le-curve').waitFor();
      const box = await firstScreen(page);
      console.log(`first screen ${width} × ${height} [${env.browserName}]: plot bottom ${Math.round(box.plot)}, Loss ${Math.round(box.loss)}, last slider ${Math.round(Math.max(...box.sliders))}`);
      assert.equal(box.sliders.length, 5);
      for (const [what, y] of [['a slider', Math.max(...box.sliders)], ['the Loss', box.loss], ['the plot', box.plot]]) {
        assert.ok(y <= height, `${what} ends at ${Math.round(y)} px, below the ${height} px window`);
      }
      assertNoProblems(page);
    });
  }

  test('the standalone page builds its parts below the prediction one a frame apart, and nothing on screen moves', async () => {
    for (const options of [{ viewport: { width: 1100, height: 900 } }, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }]) {
      const page = await env.blank(options);
      await page.raw.evaluateOnNewDocument(() => {
        // Firefox has no layout-shift entries: there, the parts and the rows are checked.
        window.__shift = PerformanceObserver.supportedEntryTypes.includes('layout-shift') ? 0 : null;
        if (window.__shift !== null) {
          new PerformanceObserver((l) => {
            for (const e of l.getEntries()) window.__shift += e.value;
          }).observe({ type: 'layout-shift', buffered: true });
        }
        // Each frame until the widget is built: how many blocks it has, and whether its word
        // rows are still the element they were first (not rebuilt as the parts came in).
        window.__frames = [];
        let rows = null;
        const tick = () => {
          const root = document.querySelector('.loss-explorer');
          const now = root?.querySelector('.le-rows');
          if (now) {
            rows ??= now;
            window.__frames.push({ blocks: root.children.length, same: rows === now });
          }
          if (!root || root.classList.contains('le-building')) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await page.goto(env.server.url + '/');
      await new Promise((r) => setTimeout(r, 500));
      const { frames, shift, drawn } = await page.evaluate(() => ({
        frames: window.__frames,
        shift: window.__shift,
        // Every plot has its drawing (a canvas never drawn keeps its default 300 × 150).
        drawn: [...document.querySelectorAll('.loss-explorer canvas')].map((c) => `${c.className} ${c.width}×${c.height}`),
      }));
      const steps = [...new Set(frames.map((f) => f.blocks))];
      const where = `${options.viewport.width} px [${env.browserName}]`;
      console.log(`built in ${steps.length} steps at ${where}: ${steps.join(' → ')} blocks; layout shift ${shift}`);
      assert.ok(steps.length >= 4, `the parts came in ${steps.length} steps (${steps.join(' → ')}) at ${where}`);
      assert.ok(frames.every((f) => f.same), `the word rows were rebuilt while the parts below came in at ${where}`);
      if (shift !== null) assert.equal(shift, 0, `layout shift while building at ${where}`);
      assert.equal(drawn.length, 4, 'every plot is there once built');
      for (const d of drawn) assert.ok(!d.endsWith(' 300×150'), `a plot was never drawn: ${d}`);
      assertNoProblems(page);
    }
  });

  test('an all widget 1000 px wide shows the same within the first 720 px of its box', async () => {
    const page = await env.open('wide-1000.html', { viewport: { width: 1100, height: 900 } });
    await page.locator('canvas.le-curve').waitFor();
    const box = await firstScreen(page);
    for (const [what, y] of [['a slider', Math.max(...box.sliders)], ['the Loss', box.loss], ['the plot', box.plot]]) {
      assert.ok(y - box.top <= 720, `${what} ends ${Math.round(y - box.top)} px into the widget`);
    }
    assertNoProblems(page);
  });

  test('screenshots: laptop and desktop windows, a phone and an 860 px embed, light and dark (docs/screenshots)', async () => {
    const shots = [
      ['', 1280, 720], ['', 1366, 768], ['', 1920, 1080], ['', 390, 844], ['wide-860.html', 900, 1000],
    ];
    for (const [path, width, height] of shots) {
      for (const colorScheme of ['light', 'dark']) {
        const page = await env.open(path, { viewport: { width, height }, colorScheme, hasTouch: width < 500, isMobile: width < 500 });
        await page.locator('canvas.le-curve').waitFor();
        await page.nextFrame();
        const name = `${env.browserName}-first-${path ? 'embed-860' : `${width}x${height}`}-${colorScheme}.png`;
        await page.screenshot({ path: `${SCREENSHOTS}${name}` });
        assertNoProblems(page);
      }
    }
  });

  test('readouts never wrap inside a number nor spill from their box, 280 to 1200 px', async () => {
    for (const width of [280, 360, 700, 860, 1200]) {
      for (const kind of ['wide', 'big']) {
        const page = await env.open(`${kind}-${width}.html`, { viewport: { width: Math.max(width + 40, 400), height: 900 } });
        await page.waitForFunction(() => leRoots()[0]?.querySelector('output[aria-label="Sentence perplexity"]'));
        const bad = await page.evaluate(() => {
          const out = [];
          for (const o of leRoots()[0].querySelectorAll('output')) {
            if (!o.textContent.trim() || o.getAttribute('aria-label') === 'Answer') continue;
            const range = document.createRange();
            range.selectNodeContents(o);
            // One line: every piece's middle lies within the tallest piece (the unit is smaller).
            const rects = [...range.getClientRects()].filter((r) => r.width > 0);
            const tall = rects.reduce((a, r) => (r.height > a.height ? r : a), rects[0]);
            const lines = new Set(rects.map((r) => ((r.top + r.bottom) / 2 >= tall.top && (r.top + r.bottom) / 2 <= tall.bottom ? 0 : Math.round(r.top))));
            const box = o.parentElement.getBoundingClientRect();
            const r = range.getBoundingClientRect();
            const name = `${o.getAttribute('aria-label')} "${o.textContent}"`;
            if (lines.size > 1) out.push(`${name} on ${lines.size} lines`);
            if (r.right > box.right + 0.5 || r.left < box.left - 0.5) out.push(`${name} spills ${Math.round(Math.max(r.right - box.right, box.left - r.left))} px`);
            if (/\d{7,}/.test(o.textContent.replace(/\.\d+/, ''))) out.push(`${name} has more than 6 digits before the point`);
          }
          return out;
        });
        assert.deepEqual(bad, [], `${kind} at ${width} px`);
        assertNoProblems(page);
      }
    }
  });

  test('ten words at 320 px: no two bar labels read the same', async () => {
    const page = await env.blank({ viewport: { width: 360, height: 800 } });
    // Every text the plots draw, in order (plotters draws with fillText).
    await page.raw.evaluateOnNewDocument(() => {
      window.__drawn = [];
      const fill = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
        window.__drawn.push(String(text));
        return fill.call(this, text, ...rest);
      };
    });
    await page.goto(`${env.server.url}/ten-320.html`);
    await page.waitForFunction(() => window.__drawn.length > 20);
    await page.nextFrame();
    const labels = await page.evaluate((words) => {
      // The bar labels: the texts that start a word (a cut one ends in "…"), in the order drawn;
      // the last ten are the latest drawing's.
      const isLabel = (t) => t && !/^[\d.]+$/.test(t) && words.some((w) => w.startsWith(t.replace(/…$/, '')));
      return window.__drawn.filter(isLabel).slice(-10);
    }, TEN);
    console.log(`bar labels at 320 px [${env.browserName}]: ${labels.join(' ')}`);
    assert.equal(labels.length, 10, JSON.stringify(labels));
    assert.equal(new Set(labels).size, 10, `labels repeat: ${labels.join(' ')}`);
    labels.forEach((l, i) => assert.ok(TEN[i].startsWith(l.replace(/…$/, '')), `label ${i} "${l}" is not ${TEN[i]}'s`));
    assertNoProblems(page);
  });

  test('the exercise hides the loss until an answer is checked; Reset hides it again', async () => {
    const page = await env.open('?words=chai,paani,dudh&p=0.6,0.3,0.1&correct=paani&quiz=1');
    const plot = page.locator('canvas.le-curve');
    await plot.waitFor();
    assert.equal(await readout(page, 'Loss'), '?');
    assert.equal(await readout(page, 'Perplexity'), '?');
    assert.doesNotMatch(await plot.getAttribute('aria-label'), /\d/, 'the plot says no number');
    assert.doesNotMatch(await page.evaluate(() => leRoots()[0].textContent), /1\.204/, 'the answer shows nowhere');
    // Nor by pointing at the curve where p = 0.3.
    const box = await plot.boundingBox();
    for (let f = 0.05; f < 0.5; f += 0.05) {
      await page.mouse.move(box.x + box.width * f, box.y + box.height * 0.5);
      assert.doesNotMatch(await page.evaluate(() => leRoots()[0].querySelector('.le-hover').textContent), /\d/);
    }
    const answer = page.getByRole('textbox', { name: 'Your answer' });
    // No number: nothing revealed, and a word on what to type.
    await answer.fill('about one');
    await button(page, 'Check').click();
    assert.equal(await readout(page, 'Loss'), '?');
    assert.match(await readout(page, 'Answer'), /number/);
    // A wrong number: "not quite", with the loss, and the readouts show.
    await answer.fill('0.916');
    await button(page, 'Check').click();
    assert.match(await readout(page, 'Answer'), /not quite.*1\.204 nats/);
    assert.equal(await readout(page, 'Loss'), '1.204 nats');
    assert.equal(await readout(page, 'Perplexity'), '3.333');
    assert.match(await plot.getAttribute('aria-label'), /1\.204/);
    // Reset hides them again; the right answer (within 0.01) says so.
    await button(page, 'Reset').click();
    assert.equal(await readout(page, 'Loss'), '?');
    assert.equal(await page.getByRole('textbox', { name: 'Your answer' }).inputValue(), '');
    await page.getByRole('textbox', { name: 'Your answer' }).fill('1.2');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /right/.test(leRoots()[0].querySelector('output[aria-label=Answer]').textContent));
    assert.match(await readout(page, 'Answer'), /^✓ right: the loss is 1\.204 nats$/);
    // Dragging afterwards keeps the readouts shown.
    await slider(page, 'paani').fill('0.5');
    assert.equal(await readout(page, 'Loss'), '0.693 nats');
    assertNoProblems(page);
  });

  test('challenges: only those the parts allow, and none met by the starting state or by choosing a word', async () => {
    const page = await env.open('?words=chai,paani,dudh&p=0.6,0.3,0.1&correct=paani&panels=challenges');
    const items = () => page.evaluate(() => [...leRoots()[0].querySelectorAll('[aria-label=Challenges] li')].map((li) => li.textContent));
    const listed = await items();
    assert.equal(listed.length, 4, listed.join(' | '));
    assert.ok(listed.every((t) => !/Step|Play/.test(t)), 'no training challenge without Step');
    assert.ok(listed.every((t) => !t.includes('done')), 'the starting state (1.204) meets nothing');
    // Choosing chai (0.6: perplexity 1.667) is not making a word likely; dragging it is.
    await page.getByRole('radio', { name: 'chai' }).check();
    assert.ok((await items()).every((t) => !t.includes('done')), (await items()).join(' | '));
    await slider(page, 'chai').fill('0.65');
    const done = (await items()).filter((t) => t.includes('done'));
    assert.equal(done.length, 1);
    assert.match(done[0], /perplexity under 2/);
    const all = await env.open();
    assert.equal(await all.evaluate(() => leRoots()[0].querySelectorAll('[aria-label=Challenges] li').length), 5);
    assertNoProblems(page);
  });
});
