// Two models side by side (CONTRACT §8, part `compare`) and the logits at a temperature (§9,
// part `logits`), end to end in Chromium and Firefox, by role and accessible name, with every
// number recomputed here in plain JS as an independent check of the wasm.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  suite, assertNoProblems, slider, radio, button, readout, values, assertClose, sliderRule, stepRule, fixed3,
  DEFAULT_WORDS,
} from './helpers.mjs';

const EX2 = '?words=a,b,c&panels=compare';
const ABC = ['a', 'b', 'c'];
const model = (page, m) => page.getByRole('group', { name: `Model ${m}` });
const modelSlider = (page, m, w) => model(page, m).getByRole('slider', { name: `${m}: ${w}` });
const modelValues = async (page, m, words = ABC) => {
  const out = [];
  for (const w of words) out.push(Number(await modelSlider(page, m, w).inputValue()));
  return out;
};
const logit = (page, w) => page.getByRole('group', { name: 'Logits' }).getByRole('slider', { name: `z(${w})` });
const logitValues = async (page, words = DEFAULT_WORDS) => {
  const out = [];
  for (const w of words) out.push(Number(await logit(page, w).inputValue()));
  return out;
};
const temperature = (page) => page.getByRole('slider', { name: 'Temperature' });

/** "A is 8.7× lower", "∞", "equal", by CONTRACT §8, from the two losses. */
function ratioText(a, b) {
  if (a === b) return 'equal';
  const [lower, low, high] = a < b ? ['A', a, b] : ['B', b, a];
  const factor = low === 0 || high === Infinity ? '∞' : (high / low).toFixed(1);
  return `${lower} is ${factor}× lower`;
}

/** The logits of §9 at `t`: t·(ln p_i − max ln p), −∞ where p_i = 0. */
const logitsOf = (p, t) => {
  const top = Math.log(Math.max(...p));
  return p.map((x) => t * (Math.log(x) - top));
};
const softmaxAt = (z, t) => {
  const m = Math.max(...z.map((x) => x / t));
  const e = z.map((x) => Math.exp(x / t - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};
const lse = (z, t) => {
  const m = Math.max(...z.map((x) => x / t));
  return m + Math.log(z.reduce((s, x) => s + Math.exp(x / t - m), 0));
};
/** What a logit slider shows: its logit, −∞ and anything below −10 at the end. */
const onSlider = (z) => z.map((x) => Math.min(10, Math.max(-10, x)));

/** Checks both models' readouts and the ratio against JS for the probabilities shown. */
async function assertModels(page, c = 0) {
  const loss = {};
  for (const m of ['A', 'B']) {
    const p = await modelValues(page, m);
    assert.ok(Math.abs(p.reduce((s, x) => s + x, 0) - 1) < 1e-9, `Model ${m} sums to 1`);
    loss[m] = -Math.log(p[c]);
    assert.equal(await readout(page, `Loss ${m}`), `${fixed3(loss[m])} nats`);
    assert.equal(await readout(page, `Perplexity ${m}`), fixed3(1 / p[c]));
  }
  assert.equal(await readout(page, 'Loss ratio'), ratioText(loss.A, loss.B));
  return loss;
}

suite('two models and the logits', {}, (env) => {
  test('exercise 2 by default: 0.105 against 0.916, "A is 8.7× lower", and no core', async () => {
    const page = await env.open(EX2);
    assert.deepEqual(await modelValues(page, 'A'), [0.9, 0.05, 0.05]);
    assert.deepEqual(await modelValues(page, 'B'), [0.4, 0.3, 0.3]);
    assert.equal(await readout(page, 'Loss A'), '0.105 nats');
    assert.equal(await readout(page, 'Loss B'), '0.916 nats');
    assert.equal(await readout(page, 'Loss ratio'), 'A is 8.7× lower');
    await assertModels(page);
    // A stand-alone part: no Correct word radios, no core sliders, no Loss readout.
    assert.equal(await page.getByRole('group', { name: 'Correct word' }).count(), 0);
    assert.equal(await page.getByRole('slider', { name: 'a' }).count(), 0);
    assert.equal(await page.getByRole('status', { name: 'Loss' }).count(), 0);
    const plot = page.getByRole('img', { name: /Model A at p = 0\.900 \(loss 0\.105 nats\) and Model B at p = 0\.400 \(loss 0\.916 nats\): a gap of 0\.811 nats/ });
    await plot.waitFor();
    assertNoProblems(page);
  });

  test('a plot below the window is drawn once though it never came into view', async () => {
    const page = await env.open(EX2, { viewport: { width: 900, height: 300 } });
    const drawn = () => page.evaluate(() => {
      const c = leRoots()[0].querySelector('canvas.le-compare-canvas');
      const r = c.getBoundingClientRect();
      // Drawn: its backing store follows its CSS size (a canvas never drawn keeps 300 × 150).
      return { below: r.top > innerHeight, width: c.width, css: Math.round(c.clientWidth * devicePixelRatio) };
    });
    await page.waitForFunction(() => {
      const c = leRoots()[0]?.querySelector('canvas.le-compare-canvas');
      return c && c.width !== 300;
    }, undefined, { timeout: 5000 }).catch(() => {});
    const d = await drawn();
    assert.ok(d.below, 'the plot should start below the window');
    assert.equal(d.width, d.css, 'the plot below the window was never drawn');
    assertNoProblems(page);
  });

  test('each model has its own sliders, by the slider rule, with keys, to both extremes', async () => {
    const page = await env.open(EX2);
    await modelSlider(page, 'B', 'a').fill('0.95');
    assertClose(await modelValues(page, 'B'), sliderRule([0.4, 0.3, 0.3], 0, 0.95));
    assert.deepEqual(await modelValues(page, 'A'), [0.9, 0.05, 0.05], 'A does not move with B');
    let loss = await assertModels(page);
    assert.equal(await readout(page, 'Loss ratio'), `B is ${(-Math.log(0.9) / -Math.log(0.95)).toFixed(1)}× lower`);
    assert.ok(loss.B < loss.A);
    // Arrow keys move a model's slider by 0.01.
    await modelSlider(page, 'A', 'b').focus();
    await page.keyboard.press('ArrowUp');
    assertClose(await modelValues(page, 'A'), sliderRule([0.9, 0.05, 0.05], 1, 0.06));
    await assertModels(page);
    // Both certain and right: losses 0, "equal"; then B at 0 on the correct word: ∞.
    await modelSlider(page, 'A', 'a').fill('1');
    await modelSlider(page, 'B', 'a').fill('1');
    assert.equal(await readout(page, 'Loss A'), '0.000 nats');
    assert.equal(await readout(page, 'Loss ratio'), 'equal');
    await modelSlider(page, 'B', 'a').fill('0');
    assert.equal(await readout(page, 'Loss B'), '∞ nats');
    assert.equal(await readout(page, 'Perplexity B'), '∞');
    assert.equal(await readout(page, 'Loss ratio'), 'A is ∞× lower');
    const text = await page.evaluate(() => leRoots()[0].textContent);
    assert.ok(!text.includes('NaN'), 'no NaN anywhere');
    assertNoProblems(page);
  });

  test('pa and pb from the address, renormalised; bad ones give a notice and the defaults', async () => {
    let page = await env.open(`${EX2}&pa=0.5,0.25,0.25&pb=1,1,2&correct=c`);
    assertClose(await modelValues(page, 'A'), [0.5, 0.25, 0.25]);
    assertClose(await modelValues(page, 'B'), [0.25, 0.25, 0.5]);
    await assertModels(page, 2);
    page = await env.open(`${EX2}&pa=x,1,1&pb=1,2&temperature=20`);
    const alerts = await page.getByRole('alert').allTextContents();
    assert.ok(alerts.some((a) => a.includes('“pa”') && a.includes('0.9 on the correct word')), alerts.join(' | '));
    assert.ok(alerts.some((a) => a.includes('“pb”') && a.includes('needs 3 numbers')), alerts.join(' | '));
    assert.ok(alerts.some((a) => a.includes('“temperature”') && a.includes('outside 0.1 to 10') && a.includes('default, 1')), alerts.join(' | '));
    assert.deepEqual(await modelValues(page, 'A'), [0.9, 0.05, 0.05]);
    assert.deepEqual(await modelValues(page, 'B'), [0.4, 0.3, 0.3]);
    assertNoProblems(page);
  });

  test('beside the core, the two models are neither the core prediction nor moved by it', async () => {
    const page = await env.open('?words=a,b,c&p=0.2,0.3,0.5&panels=compare,plot');
    assert.equal(await readout(page, 'Loss'), `${fixed3(-Math.log(0.2))} nats`);
    await slider(page, 'a').fill('0.7');
    assert.deepEqual(await modelValues(page, 'A'), [0.9, 0.05, 0.05]);
    // Choosing another correct word changes which probability each model is judged by.
    await radio(page, 'b').check();
    await assertModels(page, 1);
    assertNoProblems(page);
  });

  test('logits are the view of the probabilities, both ways; Log-sum-exp and the formula', async () => {
    const page = await env.open('?panels=logits');
    let p = await values(page);
    assertClose(await logitValues(page), logitsOf(p, 1), 1e-9, 'logits');
    assert.equal(await readout(page, 'Log-sum-exp'), fixed3(lse(logitsOf(p, 1), 1)));
    assert.match(await page.evaluate(() => leRoots()[0].textContent), /L = LSE − z_c\/T = 0\.916 − \(0\.000\)\/1\.00 = 0\.916 nats/);
    // A logit drag: p = softmax(z/T) with the others' logits kept.
    let z = logitsOf(p, 1);
    z[1] = 0.5;
    await logit(page, 'paani').fill('0.5');
    const want = softmaxAt(z, 1);
    assertClose(await values(page), want, 1e-9);
    assertClose(await logitValues(page), logitsOf(want, 1), 1e-9, 'logits after the drag');
    assert.equal(await readout(page, 'Loss'), `${fixed3(-Math.log(want[0]))} nats`);
    // A probability drag moves the logits.
    await slider(page, 'chai').fill('0.7');
    p = await values(page);
    assertClose(await logitValues(page), logitsOf(p, 1), 1e-9, 'logits after a probability drag');
    assert.equal(await readout(page, 'Log-sum-exp'), fixed3(lse(logitsOf(p, 1), 1)));
    assertNoProblems(page);
  });

  test('the temperature keeps the logits and recomputes p: flatter above 1, sharper below', async () => {
    const page = await env.open('?panels=logits');
    const p0 = await values(page);
    const z0 = await logitValues(page);
    await temperature(page).fill(String(Math.log10(2)));
    const t = 10 ** Math.log10(2);
    assert.match(await temperature(page).getAttribute('aria-valuetext'), /^2\.00/);
    const p2 = await values(page);
    assertClose(p2, softmaxAt(z0, t), 1e-9);
    assertClose(await logitValues(page), z0, 1e-9, 'logits kept');
    assert.ok(Math.max(...p2) < Math.max(...p0), 'flatter');
    assert.equal(await readout(page, 'Loss'), `${fixed3(-Math.log(p2[0]))} nats`);
    await temperature(page).fill(String(Math.log10(0.5)));
    const half = await values(page);
    assertClose(half, softmaxAt(z0, 0.5), 1e-9);
    assert.ok(Math.max(...half) > Math.max(...p0), 'sharper');
    assertNoProblems(page);
  });

  test('no NaN at the extremes: T = 0.1 with a logit at −10, a word at p = 0', async () => {
    const page = await env.open('?panels=logits&temperature=0.1&p=0.5,0.5,0,0,0');
    const z = await logitValues(page);
    assert.deepEqual(z, [0, 0, -10, -10, -10], 'p = 0 sits at the end');
    assert.equal(await logit(page, 'dudh').getAttribute('aria-valuetext'), '−∞');
    await logit(page, 'paani').fill('-10');
    const p = await values(page);
    assertClose(p, softmaxAt([0, -10, -Infinity, -Infinity, -Infinity], 0.1), 1e-12);
    await logit(page, 'dudh').fill('10');
    const text = await page.evaluate(() => leRoots()[0].textContent);
    assert.ok(!text.includes('NaN'), 'no NaN anywhere');
    for (const v of await values(page)) assert.ok(Number.isFinite(v));
    assertNoProblems(page);
  });

  test('Step moves the logits by −η(p − y), shifted so the largest is 0', async () => {
    const page = await env.open('?panels=logits,train');
    const p = await values(page);
    await button(page, 'Step').click();
    const next = stepRule(p, 0, 1);
    assertClose(await values(page), next, 1e-9);
    const z = logitsOf(p, 1).map((x, i) => x - (p[i] - (i === 0 ? 1 : 0)));
    const top = Math.max(...z);
    assertClose(await logitValues(page), z.map((x) => x - top), 1e-9, 'logits after Step');
    assertNoProblems(page);
  });

  test('the permalink carries pa, pb and temperature', async () => {
    const page = await env.open('?words=a,b,c');
    await modelSlider(page, 'B', 'b').fill('0.5');
    await temperature(page).fill(String(Math.log10(4)));
    await page.waitForFunction(() => /temperature=4(&|$)/.test(location.search) && /pb=/.test(location.search));
    const url = new URL(page.url());
    const again = await env.open(url.search);
    // Numbers in an address carry 6 significant digits.
    assertClose(await modelValues(again, 'B'), await modelValues(page, 'B'), 1e-6);
    assertClose([Number(await temperature(again).inputValue())], [Number(await temperature(page).inputValue())], 1e-6, 'temperature');
    assertClose(await logitValues(again, ABC), await logitValues(page, ABC), 1e-5, 'logits');
    assertNoProblems(page);
  });

  test('both parts on a phone: the controls fit 360 px and a drag works', async () => {
    const page = await env.open('?words=a,b,c', { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    for (const s of [modelSlider(page, 'A', 'a'), logit(page, 'b'), temperature(page)]) {
      await s.scrollIntoViewIfNeeded();
      const box = await s.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 360 && box.width >= 200, `a slider ${JSON.stringify(box)}`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    await modelSlider(page, 'A', 'a').fill('0.5');
    await assertModels(page);
    assertNoProblems(page);
  });
});
