// The sentence (CONTRACT §6) and the common mistakes (§7), end to end in Chromium and Firefox,
// by role and accessible name, with every number recomputed here in plain JS (float32 with
// Math.fround) as an independent check of the wasm.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  suite, assertNoProblems, slider, radio, button, readout, values, assertClose, sliderRule, fixed3,
  touchDrag, canvasCorner,
} from './helpers.mjs';

const HALVES = '?tokens=it,was,a,good,day&pt=0.5,0.5,0.5,0.5,0.5';
const TUTORIAL = ['subah', 'uthke', 'chai', 'peeta', 'hoon'];
const TUTORIAL_PT = [0.3, 0.5, 0.4, 0.6, 0.9];

/** The sentence's numbers by CONTRACT §6: `p` per token, repeated `repeat` times. */
function sentence(p, repeat) {
  const all = Array.from({ length: repeat }, () => p).flat();
  const logProb = all.reduce((s, x) => s + Math.log(x), 0);
  let f32 = 1;
  for (const x of all) f32 = Math.fround(f32 * Math.fround(x));
  const loss = -logProb / all.length;
  return { t: all.length, logProb, loss, perplexity: Math.exp(loss), f32 };
}

/** Scientific notation from a base-10 logarithm, as the readout writes it: `7.01e-46`. */
function sciFromLog10(l) {
  if (l === -Infinity) return '0';
  let e = Math.floor(l);
  let m = (10 ** (l - e)).toFixed(2);
  if (m === '10.00') [m, e] = ['1.00', e + 1];
  return `${m}e${e < 0 ? '-' : '+'}${Math.abs(e)}`;
}

const sci = (x) => (x === 0 ? '0' : x.toExponential(2));
const group = (page) => page.getByRole('group', { name: 'Sentence' });
const token = (page, name) => group(page).getByRole('slider', { name });
const repeatBox = (page) => group(page).getByRole('spinbutton', { name: 'Repeat' });
const tokenValues = async (page, names) => {
  const out = [];
  for (const n of names) out.push(Number(await token(page, n).inputValue()));
  return out;
};
const negative = (x) => (x < 0 ? `−${fixed3(-x)}` : fixed3(x));

/** Checks every sentence readout against the JS recomputation for `p` × `repeat`. */
async function assertSentence(page, p, repeat, units = 'nats') {
  const s = sentence(p, repeat);
  const loss = units === 'bits' ? s.loss / Math.LN2 : s.loss;
  assert.equal(await readout(page, 'Sentence loss'), `${fixed3(loss)} ${units}`);
  assert.equal(await readout(page, 'Sentence perplexity'), fixed3(s.perplexity));
  const logProb = s.logProb === -Infinity ? '−∞' : negative(s.logProb);
  assert.equal(await readout(page, 'Log-probability'), `${logProb} nats`);
  assert.equal(await readout(page, 'Sentence probability'), sciFromLog10(s.logProb / Math.LN10));
  assert.equal(await readout(page, 'Product in float32'), sci(s.f32));
  return s;
}

suite('the sentence and the common mistakes', {}, (env) => {
  test('the contract example: 100 halves read 7.89e-31, and at 150 float32 gives 0', async () => {
    const page = await env.open(`${HALVES}&repeat=20&panels=sentence`);
    for (const name of ['p(it)', 'p(was)', 'p(a)', 'p(good)', 'p(day)']) {
      assert.equal(await token(page, name).inputValue(), '0.5', name);
    }
    assert.equal(await readout(page, 'Sentence probability'), '7.89e-31');
    assert.equal(await readout(page, 'Product in float32'), '7.89e-31');
    await assertSentence(page, [0.5, 0.5, 0.5, 0.5, 0.5], 20);
    assert.equal(await readout(page, 'Sentence loss'), '0.693 nats');
    await repeatBox(page).fill('30');
    assert.equal(await readout(page, 'Product in float32'), '0');
    assert.equal(await readout(page, 'Sentence probability'), '7.01e-46');
    await assertSentence(page, [0.5, 0.5, 0.5, 0.5, 0.5], 30);
    await group(page).getByText('T = 150 positions').waitFor();
    await group(page).getByText('From position 150 of 150 the float32 product is 0').waitFor();
    const plot = group(page).getByRole('img', { name: /^Sentence plot/ });
    assert.match(await plot.getAttribute('aria-label'), /falling to 7\.01e-46; in float32 it is 0 from position 150\./);
    // The plot is drawn: its top-left is the background, its middle is not all background.
    assert.equal(await canvasCorner(page, 'canvas.le-sentence-canvas'), '255,255,255');
    const inked = await plot.evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) n += d[i] !== 255 || d[i + 1] !== 255 || d[i + 2] !== 255;
      return n / (d.length / 4);
    });
    assert.ok(inked > 0.05, `only ${inked} of the sentence plot is drawn`);
    assertNoProblems(page);
  });

  test('Repeat refuses what does not fit T ≤ 1000 and says why', async () => {
    const page = await env.open(`${HALVES}&repeat=20&panels=sentence`);
    const box = repeatBox(page);
    assert.equal(await box.getAttribute('max'), '200');
    await box.fill('201');
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    await group(page).getByText('Not used: “201” is not a whole number from 1 to 200 (at most 1000 positions).').waitFor();
    await assertSentence(page, [0.5, 0.5, 0.5, 0.5, 0.5], 20);
    await box.fill('200');
    assert.equal(await box.getAttribute('aria-invalid'), 'false');
    const s = await assertSentence(page, [0.5, 0.5, 0.5, 0.5, 0.5], 200);
    assert.equal(s.t, 1000);
    assert.equal(await readout(page, 'Sentence probability'), '9.33e-302');
    assertNoProblems(page);
  });

  test('a sentence alone has no core, and its tokens keep the probabilities they were given', async () => {
    const given = [0.3, 0.5, 0.63, 0.6, 0.9];
    for (const panels of ['sentence', 'sentence,units', 'sentence,units,export']) {
      const page = await env.open(`?panels=${panels}&pt=${given.join(',')}`);
      await group(page).waitFor();
      // No prediction on show: no word sliders, no Correct word, no Loss or Perplexity.
      for (const [role, name] of [['group', 'Correct word'], ['status', 'Loss'], ['status', 'Perplexity'], ['slider', 'chai']]) {
        assert.equal(await page.getByRole(role, { name }).count(), 0, `${panels}: ${role} ${name}`);
      }
      assert.equal(await group(page).getByText('is the prediction above').count(), 0);
      // chai keeps the author's 0.63, not the prediction's 0.40.
      assertClose(await tokenValues(page, TUTORIAL.map((t) => `p(${t})`)), given, 0);
      await assertSentence(page, given, 1);
      assert.equal(await page.getByRole('radio', { name: 'bits' }).count(), panels.includes('units') ? 1 : 0, panels);
      assert.equal(await page.getByRole('button', { name: 'Copy link' }).count(), panels.includes('export') ? 1 : 0, panels);
      if (panels.includes('units')) {
        await radio(page, 'bits').check();
        await assertSentence(page, given, 1, 'bits');
      }
      assertNoProblems(page);
    }
  });

  test('the token for the correct word is the prediction above, both ways', async () => {
    // With the prediction on show (any part about it), its token is linked.
    const page = await env.open('?panels=plot,sentence');
    let pt = [...TUTORIAL_PT];
    await group(page).getByText('“chai” is the prediction above').waitFor();
    // Dragging chai above moves p(chai) below, and the sentence's numbers.
    await slider(page, 'chai').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    let p = [0.4, 0.25, 0.15, 0.1, 0.1];
    for (const v of [0.41, 0.42, 0.43]) p = sliderRule(p, 0, v);
    assertClose(await values(page), p);
    pt[2] = p[0];
    assertClose(await tokenValues(page, TUTORIAL.map((t) => `p(${t})`)), pt);
    await assertSentence(page, pt, 1);
    // Dragging p(chai) below moves chai above by the slider rule, and the Loss readout.
    await touchDrag(page, token(page, 'p(chai)'), 0.43, 0.8);
    const v = Number(await token(page, 'p(chai)').inputValue());
    assert.ok(v > 0.6 && v < 0.95, `dragged to ${v}`);
    assertClose(await values(page), sliderRule(p, 0, v));
    assert.equal(await readout(page, 'Loss'), `${fixed3(-Math.log(v))} nats`);
    pt[2] = v;
    await assertSentence(page, pt, 1);
    // Another correct word unlinks chai: the sentence keeps its last value.
    await radio(page, 'paani').check();
    await slider(page, 'chai').focus();
    await page.keyboard.press('Home');
    assert.equal(await token(page, 'p(chai)').inputValue(), String(v));
    assert.equal(await group(page).getByText('is the prediction above').count(), 0);
    assertNoProblems(page);
  });

  test('every token slider follows the keyboard; a zero makes the sentence impossible', async () => {
    const page = await env.open('?panels=sentence');
    const pt = [...TUTORIAL_PT];
    for (const [i, name] of TUTORIAL.entries()) {
      if (name === 'chai') continue;
      await token(page, `p(${name})`).focus();
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowDown');
      pt[i] = Math.min(1, Math.round((pt[i] + 0.01) * 100) / 100);
      assert.equal(await token(page, `p(${name})`).getAttribute('aria-valuetext'), `${(pt[i] * 100).toFixed(1)}%`);
    }
    assertClose(await tokenValues(page, TUTORIAL.map((t) => `p(${t})`)), pt, 1e-12);
    await assertSentence(page, pt, 1);
    await token(page, 'p(uthke)').focus();
    await page.keyboard.press('Home');
    assert.equal(await readout(page, 'Sentence loss'), '∞ nats');
    assert.equal(await readout(page, 'Sentence perplexity'), '∞');
    assert.equal(await readout(page, 'Sentence probability'), '0');
    assert.equal(await readout(page, 'Product in float32'), '0');
    await group(page).getByText('the sentence is impossible').waitFor();
    await page.keyboard.press('End');
    pt[1] = 1;
    await assertSentence(page, pt, 1);
    assertNoProblems(page);
  });

  test('equal tokens get numbered sliders; tokens, pt and repeat come from the URL with notices', async () => {
    const page = await env.open('?panels=sentence&tokens=the,cat,saw,the,dog&pt=0.2,0.01,0.3,0.5,0.02&repeat=4');
    for (const name of ['p(the)', 'p(cat)', 'p(saw)', 'p(the 2)', 'p(dog)']) await token(page, name).waitFor();
    await assertSentence(page, [0.2, 0.01, 0.3, 0.5, 0.02], 4);
    const bad = await env.open('?panels=sentence&tokens=a,,b&pt=0.1,2,0.3,0.4,0.5&repeat=abc');
    const alerts = await bad.getByRole('alert').allTextContents();
    assert.deepEqual(alerts, [
      'Ignored “tokens”: a word is empty. Using the default.',
      'Ignored “pt”: 2 is outside 0 to 1. Using the default.',
      'Ignored “repeat”: “abc” is not a whole number from 1 to 200 (at most 1000 positions). Using the default.',
    ]);
    await assertSentence(bad, TUTORIAL_PT, 1);
    assertNoProblems(page);
  });

  test('sentence presets: 100 halves, and exercise 3 (loss 2.5 is perplexity 12.18; 9.0 is 2.197 nats)', async () => {
    const page = await env.open('?panels=sentence,presets,units');
    const menu = page.getByRole('combobox', { name: 'Sentence preset' });
    await menu.selectOption({ label: 'Half a chance at each of 100 tokens' });
    assert.equal(await readout(page, 'Sentence probability'), '7.89e-31');
    assert.equal(await repeatBox(page).inputValue(), '20');
    await menu.selectOption({ label: 'Exercise 3: average loss 2.5 nats' });
    assert.equal(await readout(page, 'Sentence loss'), '2.500 nats');
    assert.ok((await readout(page, 'Sentence perplexity')).startsWith('12.18'));
    await menu.selectOption({ label: 'Exercise 3: the rival at perplexity 9.0' });
    assert.equal(await readout(page, 'Sentence loss'), '2.197 nats');
    assert.equal(await readout(page, 'Sentence perplexity'), '9.000');
    await radio(page, 'bits').check();
    assert.equal(await readout(page, 'Sentence loss'), `${fixed3(Math.log2(9))} bits`);
    assert.equal(await readout(page, 'Sentence perplexity'), '9.000');
    // Moving away from a preset un-names it; the tutorial sentence moves chai back to 0.40.
    await token(page, 'p(a)').focus();
    await page.keyboard.press('ArrowUp');
    assert.equal(await menu.inputValue(), '');
    await slider(page, 'chai').focus();
    await page.keyboard.press('End');
    await menu.selectOption({ label: '“subah uthke chai peeta hoon”' });
    assert.equal(await slider(page, 'chai').inputValue(), '0.4');
    assert.equal(await readout(page, 'Loss'), '1.322 bits');
    assertNoProblems(page);
  });

  test('the common mistakes: each wrong number beside the right one', async () => {
    const page = await env.open('?panels=mistakes,units');
    const check = async (p, c) => {
      const asLogits = -p[c] + Math.log(p.reduce((s, x) => s + Math.exp(x), 0));
      assert.equal(await readout(page, 'Probabilities passed as logits'), `${fixed3(asLogits)} nats`);
      const ln = Math.log(p[c]);
      assert.equal(await readout(page, 'Minus sign dropped'), `${ln === -Infinity ? '−∞' : negative(ln)} nats`);
    };
    await check([0.4, 0.25, 0.15, 0.1, 0.1], 0);
    assert.equal(await readout(page, 'Minus sign dropped'), '−0.916 nats');
    assert.equal(await readout(page, 'Other log base'), '1.322 bits');
    await radio(page, 'bits').check();
    assert.equal(await readout(page, 'Other log base'), '0.916 nats');
    assert.equal(await readout(page, 'Loss'), '1.322 bits');
    await radio(page, 'nats').check();
    // They follow the prediction, down to p_c = 0.
    await slider(page, 'paani').focus();
    await page.keyboard.press('End');
    await check(await values(page), 0);
    assert.equal(await readout(page, 'Minus sign dropped'), '−∞ nats');
    assert.equal(await readout(page, 'Other log base'), '∞ bits');
    await radio(page, 'paani').check();
    await check(await values(page), 1);
    await page.getByText('whatever the prediction').waitFor();
    assertNoProblems(page);
  });

  test('Copy as PyTorch and the permalink carry the sentence and the mistakes', async () => {
    const page = await env.open(`${HALVES}&repeat=3`);
    await token(page, 'p(good)').focus();
    await page.keyboard.press('PageDown');
    await button(page, 'Copy as PyTorch').click();
    const snippet = await page.getByRole('region', { name: 'PyTorch snippet' }).locator('pre').textContent();
    const pt = JSON.parse(snippet.match(/p_t = torch\.tensor\((\[[^\]]*\])/)[1]);
    const repeat = Number(snippet.match(/\.repeat\((\d+)\)/)[1]);
    assert.deepEqual([pt, repeat], [[0.5, 0.5, 0.5, 0.4, 0.5], 3]);
    const s = sentence(pt, repeat);
    assert.equal(await readout(page, 'Sentence loss'), `${fixed3(s.loss)} nats`);
    assert.match(snippet, /sentence_loss = -torch\.log\(p_t\)\.mean\(\)/);
    // The mistake lines: cross_entropy on p itself, recomputed from the snippet's own p.
    const p = JSON.parse(snippet.match(/p = torch\.tensor\(\[(\[[^\]]*\])\]/)[1]);
    const c = Number(snippet.match(/target = torch\.tensor\(\[(\d+)\]\)/)[1]);
    assert.match(snippet, /F\.cross_entropy\(p, target\)/);
    const asLogits = -p[c] + Math.log(p.reduce((a, x) => a + Math.exp(x), 0));
    assert.equal(await readout(page, 'Probabilities passed as logits'), `${fixed3(asLogits)} nats`);
    // The standalone page keeps the sentence in its address: a reload comes back to it.
    await page.waitForFunction(() => /pt=0\.5,0\.5,0\.5,0\.4,0\.5&repeat=3/.test(decodeURIComponent(location.search)));
    await page.goto(page.url());
    await group(page).getByRole('slider', { name: 'p(good)' }).waitFor();
    assert.equal(await token(page, 'p(good)').inputValue(), '0.4');
    await assertSentence(page, pt, 3);
    assertNoProblems(page);
  });
});
