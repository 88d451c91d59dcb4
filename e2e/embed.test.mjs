// Embedding (CONTRACT §4), end to end in Chromium and Firefox: a host page under a strict CSP
// with three widgets mounted by the script tag, one iframe, and one widget mounted later with
// mount().
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  suite, assertNoProblems, cspViolations, assertClose, sliderRule, fixed3, waitForCorner, editWords } from './helpers.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));

const HOST = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A tutorial site</title>
<link rel="stylesheet" href="/host.css">
<link rel="icon" href="/favicon.svg">
<script type="module" src="/host.js"></script>
<script type="module" src="/loss-explorer.js"></script>
</head><body>
<h1>Host page</h1>
<button id="host-button">Host button</button>
<div id="a" data-loss-explorer data-words="six,four,dot" data-p="0.1,0.2,0.7" data-correct="six"></div>
<div id="b" data-loss-explorer data-words="chai,paani,dudh,coffee" data-p="0.4,0.3,0.2,0.1"></div>
<div id="c" data-loss-explorer data-words="chai,paani,dudh" data-p="0.6,0.3,0.1" data-correct="paani" data-units="bits"></div>
<iframe id="f" title="Embedded Loss Explorer" src="/?embed=1&amp;words=yes,no&amp;p=0.5,0.5" height="150"></iframe>
<div id="later"></div>
</body></html>`;

// Rules a real site might have; none may reach into the widget, and the widget's may not reach out.
const HOST_CSS = `
body { font-family: Georgia, serif; letter-spacing: 2px; }
body * { font-family: "Courier New", monospace; text-transform: uppercase; }
button { background: rgb(255, 0, 0); }
h1 { font-size: 40px; }
iframe { width: 100%; border: 0; display: block; }
body.night { background: #0b0b0f; color: #eee; }
`;

const HOST_JS = `
window.__events = [];
window.__violations = [];
window.__resizes = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
document.addEventListener('loss-explorer:change', (e) => {
  const host = e.target.closest('[id]');
  window.__events.push({ host: host && host.id, detail: e.detail });
});
window.addEventListener('message', (e) => {
  if (e.data && e.data.type === 'loss-explorer:resize') {
    window.__resizes.push(e.data.height);
    document.getElementById('f').height = String(e.data.height);
  }
});
`;

const BAD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad attributes</title>
<script type="module" src="/loss-explorer.js"></script><link rel="icon" href="/favicon.svg"></head><body>
<div id="bad" data-loss-explorer data-words="only-one" data-p="NaN,1" data-lr="-3" data-units="furlongs"></div>
</body></html>`;

const XSS = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Payloads</title>
<script type="module" src="/loss-explorer.js"></script><link rel="icon" href="/favicon.svg"></head><body>
<div id="x" data-loss-explorer data-words="&lt;img src=x onerror=z=1&gt;,&quot;&gt;&lt;svg onload=z=2&gt;"
     data-correct="&quot;&gt;&lt;svg onload=z=2&gt;" data-units="&lt;script&gt;z=3&lt;/script&gt;"></div>
</body></html>`;

// A host that turns every transition off, as some sites and reduced-motion resets do.
const NO_TRANSITIONS = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>No transitions</title>
<link rel="stylesheet" href="/no-transitions.css"><link rel="icon" href="/favicon.svg">
<script type="module" src="/loss-explorer.js"></script></head><body>
<div id="n" data-loss-explorer></div></body></html>`;

const routes = {
  '/no-transitions.html': { body: NO_TRANSITIONS },
  '/no-transitions.css': { body: '* { transition: none !important; }', type: 'text/css' },
  '/xss.html': { body: XSS },
  '/host.html': { body: HOST },
  '/bad.html': { body: BAD },
  '/host.css': { body: HOST_CSS, type: 'text/css' },
  '/host.js': { body: HOST_JS, type: 'text/javascript' },
};
suite('embedding', { headers: { 'content-security-policy': CSP }, routes }, (env) => {
async function openHost(options = {}) {
  const page = await env.open('host.html', options);
  page.wasmRequests = 0;
  await page.waitForFunction(() => leRoots().length === 3);
  return page;
}

const widget = (page, id) => page.locator(`#${id} >>> .loss-explorer`);
const loss = async (scope) => (await scope.getByRole('status', { name: 'Loss', exact: true }).textContent()).trim();

test('three script-mounted widgets and an iframe, each with its own example', async () => {
  const page = await openHost();
  assert.equal(await loss(widget(page, 'a')), '2.303 nats');
  assert.equal(await loss(widget(page, 'b')), '0.916 nats');
  assert.equal(await loss(widget(page, 'c')), `${fixed3(-Math.log2(0.3))} bits`);
  const frame = page.frameLocator('#f');
  assert.equal(await loss(frame.locator('[data-loss-explorer] >>> .loss-explorer')), '0.693 nats');
  // Embed mode: no page chrome inside the iframe.
  assert.equal(await frame.getByText('A language model guesses the next word').visibility(), 'hidden');
  assert.deepEqual(await cspViolations(page), []);
  assertNoProblems(page);
});

test('the wasm module is fetched once however many widgets a page has', async () => {
  const page = await env.open('bad.html');
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm') && r.frame() === page.raw.mainFrame()) wasm.push(r.url()); });
  await page.goto(env.server.url + '/host.html');
  await page.waitForFunction(() => leRoots().length === 3);
  assert.equal(wasm.length, 1, `wasm requests: ${wasm}`);
  assert.deepEqual(await cspViolations(page), []);
  assertNoProblems(page);
});

test('interacting with one widget changes no other, and its change event carries the numbers', async () => {
  const page = await openHost();
  await widget(page, 'a').getByRole('slider', { name: 'six' }).fill('0.7');
  assert.equal(await loss(widget(page, 'a')), '0.357 nats');
  assert.equal(await loss(widget(page, 'b')), '0.916 nats');
  assert.equal(await loss(widget(page, 'c')), `${fixed3(-Math.log2(0.3))} bits`);
  assert.equal(await loss(page.frameLocator('#f').locator('[data-loss-explorer] >>> .loss-explorer')), '0.693 nats');
  const events = await page.evaluate(() => window.__events);
  assert.equal(events.length, 1, JSON.stringify(events));
  const [{ host, detail }] = events;
  assert.equal(host, 'a');
  assert.deepEqual(detail.words, ['six', 'four', 'dot']);
  assertClose(detail.p, sliderRule([0.1, 0.2, 0.7], 0, 0.7));
  assert.equal(detail.correct, 'six');
  assert.ok(Math.abs(detail.loss + Math.log(0.7)) < 1e-12);
  assert.ok(Math.abs(detail.perplexity - 1 / 0.7) < 1e-12);
  assert.equal(detail.units, 'nats');
  // Switching units on widget c is announced by c alone, with the loss in bits.
  await widget(page, 'c').getByRole('radio', { name: 'nats', exact: true }).check();
  const last = (await page.evaluate(() => window.__events)).at(-1);
  assert.equal(last.host, 'c');
  assert.equal(last.detail.units, 'nats');
  assert.ok(Math.abs(last.detail.loss + Math.log(0.3)) < 1e-12);
  assert.deepEqual(await cspViolations(page), []);
  assertNoProblems(page);
});

test('the iframe reports its height and the host sizes it, without a growth loop', async () => {
  const page = await openHost();
  // Settled: the frame has the last height reported, and two of its frames passed with no new one.
  await page.waitForFunction(() => {
    const frame = document.getElementById('f');
    return window.__resizes.length > 0 && frame.getBoundingClientRect().height === window.__resizes.at(-1);
  });
  await page.frameLocator('#f').locator('body').evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const resizes = await page.evaluate(() => window.__resizes);
  const height = resizes.at(-1);
  // Every part is shown (the sentence and the mistakes too): tall, but bounded.
  assert.ok(height > 300 && height < 4000, `reported ${resizes}`);
  assert.ok(resizes.length <= 3, `height kept changing: ${resizes}`);
  const box = await page.locator('#f').boundingBox();
  assert.equal(box.height, height);
  // The frame's content fits: nothing to scroll inside it.
  const inner = await page.frameLocator('#f').locator('body').evaluate((b) => [b.scrollHeight, window.innerHeight]);
  assert.ok(inner[0] <= inner[1], `iframe content ${inner[0]} > frame ${inner[1]}`);
  // When the content grows (alerts appear in a narrower frame, rows wrap), a new height is posted.
  await page.setViewportSize({ width: 420, height: 900 });
  await page.waitForFunction((h) => window.__resizes.at(-1) !== h, height);
  assert.ok((await page.evaluate(() => window.__resizes.at(-1))) > height);
  assert.deepEqual(await cspViolations(page), []);
  assertNoProblems(page);
});

test('mount() adds a widget later, and destroy() removes it cleanly', async () => {
  const page = await openHost();
  const text = await page.evaluate(async () => {
    const { mount } = await import('/loss-explorer.js');
    const el = document.getElementById('later');
    window.__handle = await mount(el, { words: ['x', 'y'], p: [1, 3], correct: 'y', lr: 0.5 });
    // The widget is in a shadow root of the element; the element's own content is untouched.
    return [el.shadowRoot.firstElementChild.className, el.shadowRoot.textContent, el.innerHTML];
  });
  assert.match(text[0], /^loss-explorer\b/);
  assert.match(text[1], /Correct word/);
  assert.equal(text[2], '');
  const later = widget(page, 'later');
  assert.equal(await loss(later), `${fixed3(-Math.log(0.75))} nats`);
  await later.getByRole('button', { name: 'Step' }).click();
  const z = [Math.log(0.25) - 0.5 * 0.25, Math.log(0.75) + 0.5 * 0.25];
  const pY = Math.exp(z[1]) / (Math.exp(z[0]) + Math.exp(z[1]));
  assert.equal(await loss(later), `${fixed3(-Math.log(pY))} nats`);
  assert.equal((await page.evaluate(() => window.__events)).at(-1).host, 'later');
  // Mounting twice into one element is refused with a clear error.
  const error = await page.evaluate(async () => {
    const { mount } = await import('/loss-explorer.js');
    try { await mount(document.getElementById('later'), {}); return null; } catch (e) { return String(e.message ?? e); }
  });
  assert.match(error, /Loss Explorer: this element has a widget; destroy\(\) it first/);
  await page.evaluate(() => { window.__handle.destroy(); window.__handle.destroy(); });
  assert.equal(await page.locator('#later').innerHTML(), '');
  assert.equal(await page.locator('[data-loss-explorer] >>> .loss-explorer').count(), 3);
  // The element can take a new widget after destroy().
  await page.evaluate(async () => {
    const { mount } = await import('/loss-explorer.js');
    await mount(document.getElementById('later'), { words: 'p,q,r' });
  });
  assert.equal(await loss(widget(page, 'later')), `${fixed3(Math.log(3))} nats`);
  // The other widgets are untouched.
  assert.equal(await loss(widget(page, 'a')), '2.303 nats');
  assert.deepEqual(await cspViolations(page), []);
  assertNoProblems(page);
});

test('bad data attributes: alerts name each one, and the widget works', async () => {
  const page = await env.open('bad.html');
  const alerts = await page.getByRole('alert').allTextContents();
  for (const param of ['words', 'p', 'lr', 'units']) {
    assert.ok(alerts.some((a) => a.includes(`“${param}”`)), `no alert for ${param}: ${alerts}`);
  }
  assert.equal(await loss(page.locator('#bad')), '0.916 nats');
  const options = await page.evaluate(async () => {
    const { mount } = await import('/loss-explorer.js');
    const el = document.createElement('div');
    document.body.append(el);
    await mount(el, { p: [1, 2], smoothing: 'lots', nonsense: 1 });
    return [...el.shadowRoot.querySelectorAll('[role=alert]')].map((a) => a.textContent);
  });
  assert.equal(options.length, 2, options.join(' | '));
  assert.deepEqual(await cspViolations(page), []);
  assertNoProblems(page);
});

test('styles stay scoped both ways', async () => {
  const page = await openHost();
  const styles = await page.evaluate(() => {
    const cs = (el) => getComputedStyle(el);
    const out = leRoot('#a').querySelector('output');
    return {
      hostButton: cs(document.getElementById('host-button')).backgroundColor,
      hostH1: cs(document.querySelector('h1')).fontSize,
      widgetFont: cs(out).fontFamily,
      widgetTransform: cs(out).textTransform,
      widgetButton: cs(leRoot('#a').querySelector('button')).backgroundColor,
    };
  });
  assert.equal(styles.hostButton, 'rgb(255, 0, 0)');
  assert.equal(styles.hostH1, '40px');
  assert.match(styles.widgetFont, /system-ui/);
  assert.equal(styles.widgetTransform, 'none');
  assert.notEqual(styles.widgetButton, 'rgb(255, 0, 0)');
  assert.deepEqual(await cspViolations(page), []);
  assertNoProblems(page);
});

test('themes: widgets match the host page, under a strict CSP; data-theme forces either; the plot follows', async () => {
  const waitForPlot = async (page, id, rgb) =>
    assert.equal(await waitForCorner(page, `#${id} >>> canvas`, rgb), rgb, `#${id} canvas was not redrawn`);
  const bg = (page, id) => page.locator(`#${id} >>> .loss-explorer`).evaluate((e) => getComputedStyle(e).backgroundColor);
  const light = await openHost({ colorScheme: 'light' });
  await waitForPlot(light, 'a', '255,255,255');
  assert.equal(await bg(light, 'a'), 'rgb(255, 255, 255)');
  await light.locator('#b').evaluate((e) => e.setAttribute('data-theme', 'dark'));
  await light.waitForFunction(() => leRoot('#b').dataset.leTheme === 'dark');
  assert.equal(await bg(light, 'b'), 'rgb(17, 24, 39)');
  // The plot is redrawn in the new theme's colours.
  await waitForPlot(light, 'b', '17,24,39');
  await mkdir(OUTPUT, { recursive: true });
  await light.screenshot({ path: `${OUTPUT}embed-light.png`, fullPage: true });

  // A dark system setting does not darken widgets on this white page; the page going dark does.
  const dark = await openHost({ colorScheme: 'dark' });
  await waitForPlot(dark, 'a', '255,255,255');
  await dark.evaluate(() => document.body.classList.add('night'));
  await waitForPlot(dark, 'a', '17,24,39');
  assert.equal(await bg(dark, 'a'), 'rgb(17, 24, 39)');
  await dark.locator('#c').evaluate((e) => e.setAttribute('data-theme', 'light'));
  await waitForPlot(dark, 'c', '255,255,255');
  assert.equal(await bg(dark, 'c'), 'rgb(255, 255, 255)');
  await dark.screenshot({ path: `${OUTPUT}embed-dark.png`, fullPage: true });
  assert.deepEqual(await cspViolations(light), []);
  assert.deepEqual(await cspViolations(dark), []);
  assertNoProblems(light);
  assertNoProblems(dark);
});

test('a theme change redraws the plot even when the host turns transitions off', async () => {
  const page = await env.open('no-transitions.html', { colorScheme: 'light' });
  assert.equal(await waitForCorner(page, '#n >>> canvas', '255,255,255'), '255,255,255');
  await page.locator('#n').evaluate((e) => e.setAttribute('data-theme', 'dark'));
  assert.equal(await waitForCorner(page, '#n >>> canvas', '17,24,39'), '17,24,39');
  assertNoProblems(page);
});

test('the change event fires only when what it reports changes', async () => {
  const page = await openHost();
  const count = () => page.evaluate(() => window.__events.length);
  const a = widget(page, 'a');
  // A half-typed learning rate, an empty name, a lock and the gradient view report nothing new.
  await a.getByRole('spinbutton', { name: 'Learning rate' }).fill('-1');
  await editWords(a);
  await a.getByRole('textbox', { name: 'Word 2' }).fill('');
  await a.getByRole('checkbox', { name: 'Lock dot' }).check();
  await a.getByRole('radio', { name: 'probability' }).check();
  await a.getByRole('radio', { name: 'logits' }).check();
  // The next change that is reported arrives alone, after all of them.
  await a.getByRole('radio', { name: 'bits', exact: true }).check();
  await page.waitForFunction(() => window.__events.length > 0);
  assert.equal(await count(), 1, JSON.stringify(await page.evaluate(() => window.__events)));
  assert.equal((await page.evaluate(() => window.__events))[0].detail.units, 'bits');
  assertNoProblems(page);
});

test('the tutorial page runs under the strict CSP, each example with only its parts', async () => {
  const page = await env.open('tutorial.html');
  // Widgets far below the fold wait until the reader comes near them (issue 24).
  const built = () => page.evaluate(() => leRoots().filter((r) => r.querySelector('output')).length);
  await page.waitForFunction(() => leRoots().some((r) => r.querySelector('output')));
  const atLoad = await built();
  assert.ok(atLoad >= 1 && atLoad < 10, `${atLoad} of 10 widgets built at load`);
  for (let i = 0; i < 10; i++) {
    await page.evaluate((i) => document.querySelectorAll('article > [data-loss-explorer]')[i].scrollIntoView(), i);
    await page.waitForFunction((i) => document.querySelectorAll('article > [data-loss-explorer]')[i].shadowRoot?.querySelector('output'), i);
  }
  await page.waitForFunction(() => leRoots().length === 10);
  const widgets = await page.locator('article > [data-loss-explorer]').all();
  const losses = [];
  for (const el of widgets) {
    // A sentence alone has no prediction, so no Loss readout.
    const has = await el.getByRole('status', { name: 'Loss' }).count();
    losses.push(has ? await loss(el) : null);
  }
  // The exercise (§4) hides its loss until an answer is checked.
  assert.deepEqual(losses, [
    '2.303 nats', '0.916 nats', null, '?', null, '1.609 nats', null, '0.916 nats', '0.916 nats', '0.916 nats',
  ]);
  // Exercise 2: two models alone, 0.105 against 0.916.
  assert.equal(await widgets[4].getByRole('status', { name: 'Loss ratio' }).textContent(), 'A is 8.7× lower');
  assert.equal(await widgets[4].getByRole('radio', { name: 'class 1' }).count(), 0);
  // Softmax beside the first mistake: the logits and Step, not the mistakes.
  assert.equal(await widgets[8].getByRole('slider', { name: 'z(chai)' }).inputValue(), '0');
  await widgets[8].getByRole('slider', { name: 'Temperature' }).waitFor();
  assert.equal(await widgets[8].getByRole('status', { name: 'Minus sign dropped' }).count(), 0);
  const exercise = widgets[3];
  // No Step here, so no training challenge; and none that gives the hidden answer away.
  const tasks = await exercise.evaluate((w) => [...w.shadowRoot.querySelectorAll('[aria-label=Challenges] li')].map((li) => li.textContent));
  assert.ok(tasks.length >= 3 && tasks.every((t) => !/Step|1\.204/.test(t)), tasks.join(' | '));
  await exercise.getByRole('textbox', { name: 'Your answer' }).fill('1.2');
  await exercise.getByRole('button', { name: 'Check' }).click();
  assert.match(await exercise.getByRole('status', { name: 'Answer' }).textContent(), /right/);
  assert.equal(await loss(exercise), '1.204 nats');
  // The sentence examples: 100 halves, and exercise 3's test set (2.5 nats, perplexity 12.18).
  const sentence = (w, name) => w.getByRole('status', { name }).textContent();
  assert.equal(await sentence(widgets[2], 'Sentence probability'), '7.89e-31');
  assert.equal(await sentence(widgets[2], 'Product in float32'), '7.89e-31');
  await widgets[2].getByRole('spinbutton', { name: 'Repeat' }).fill('30');
  assert.equal(await sentence(widgets[2], 'Product in float32'), '0');
  assert.equal(await sentence(widgets[2], 'Sentence probability'), '7.01e-46');
  assert.equal(await sentence(widgets[6], 'Sentence loss'), '2.500 nats');
  assert.equal(await sentence(widgets[6], 'Sentence perplexity'), '12.182');
  // A sentence alone: no word sliders beside it.
  assert.equal(await widgets[6].getByRole('radio', { name: 'nats' }).count(), 0);
  assert.equal(await widgets[6].evaluate((w) => w.shadowRoot.querySelectorAll('.le-rows').length), 0);
  assert.equal(await widgets[9].getByRole('status', { name: 'Minus sign dropped' }).count(), 1);
  assert.equal(await widgets[9].getByRole('group', { name: 'Sentence' }).count(), 0);
  assert.equal(await widgets[2].getByRole('status', { name: 'Minus sign dropped' }).count(), 0);
  // Only what each paragraph teaches: the first example is the curve, the second adds training.
  await widgets[0].locator('>>> canvas.le-curve').waitFor();
  await widgets[1].getByRole('button', { name: 'Step' }).waitFor();
  assert.equal(await widgets[0].getByRole('button', { name: 'Step' }).count(), 0);
  assert.equal(await widgets[0].locator('>>> canvas.le-curve').count(), 1);
  assert.equal(await widgets[1].getByRole('button', { name: 'Step' }).count(), 1);
  assert.equal(await widgets[1].getByRole('combobox', { name: 'Preset' }).count(), 0);
  assert.equal(await loss(page.frameLocator('iframe').locator('[data-loss-explorer] >>> .loss-explorer')), '0.916 nats');
  assert.deepEqual(await cspViolations(page), []);
  assertNoProblems(page);
});

test('text from attributes and mount() options is shown as text, never run', async () => {
  const page = await env.open('xss.html');
  const x = page.locator('#x');
  await x.getByRole('slider', { name: '<img src=x onerror=z=1>', exact: true }).waitFor();
  assert.equal(await x.getByRole('radio', { name: '"><svg onload=z=2>', exact: true }).isChecked(), true);
  assert.match((await x.getByRole('alert').allTextContents()).join(' '), /“units”: must be “nats” or “bits”/);
  const shown = await page.evaluate(async () => {
    const { mount } = await import('/loss-explorer.js');
    const el = document.createElement('div');
    document.body.append(el);
    await mount(el, { words: ['<img src=y onerror=z=4>', '<b>bold</b>'], correct: '<script>z=5</script>', p: '<i>', lr: '"><svg onload=z=6>' });
    return el.shadowRoot.textContent;
  });
  assert.match(shown, /<script>z=5<\/script>/);
  // A payload's handler would have run by the time the page has drawn a couple of frames.
  await page.nextFrame();
  assert.equal(await page.evaluate(() => window.z), undefined);
  const elements = await page.evaluate(() => leRoots().flatMap((r) => [...r.querySelectorAll('img, svg, b, i, script')]).length);
  assert.equal(elements, 0);
  assert.deepEqual(await cspViolations(page), []);
  assertNoProblems(page);
});

test('Copy link in a widget on a host page points at the standalone page with its state', async () => {
  const page = await openHost({ permissions: ['clipboard-read', 'clipboard-write'] });
  const a = widget(page, 'a');
  await a.getByRole('slider', { name: 'six' }).fill('0.7');
  await a.getByRole('button', { name: 'Copy link' }).click();
  await a.getByText('Link copied.').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(link.startsWith(`${env.server.url}/?words=six,four,dot&p=0.7,`), link);
  const again = await env.open(link.slice(env.server.url.length + 1));
  assert.equal(await loss(again.locator('[data-loss-explorer] >>> .loss-explorer')), '0.357 nats');
  assertNoProblems(page);
  assertNoProblems(again);
});
});
