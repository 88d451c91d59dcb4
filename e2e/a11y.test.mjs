// Accessibility, end to end in Chromium and Firefox: axe-core in several states, a
// keyboard-only journey, the live region, and touch target sizes on a phone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { suite, assertNoProblems, slider, button, readout, values, assertClose, sliderRule, editWords } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

/** Runs axe-core on the page (WCAG 2.x A and AA rules plus best practices); returns the violations. */
async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  });
  return result;
}

suite('accessibility', {}, (env) => {
const TEN = '?words=one,two,three,four,five,six,seven,eight,nine,ten';
const states = [
  ['the default state', '', {}],
  ['p(correct) = 0', '?p=0,1,0,0,0', {}],
  ['dark mode', '', { colorScheme: 'dark' }],
  ['dark mode with p(correct) = 0 and smoothing', '?p=0,1,0,0,0&smoothing=0.2', { colorScheme: 'dark' }],
  ['embed mode', '?embed=1', {}],
  ['the most words (10)', TEN, {}],
  ['bad parameters (alerts shown)', '?p=x&lr=0', {}],
  ['a phone, 320 px', '', { viewport: { width: 320, height: 700 } }],
];
for (const [name, query, options] of states) {
  test(`axe-core finds no violations: ${name}`, async () => {
    const page = await env.open(query, options);
    await page.nextFrame();
    const violations = await axe(page);
    console.log(`axe ${name} [${env.browserName}]: ${violations.length} violations`);
    assert.deepEqual(violations, []);
    assertNoProblems(page);
  });
}

test('axe-core after the teaching panels are opened (snippet, history, errors)', async () => {
  const page = await env.open('?lr=0.5');
  await button(page, 'Step').click();
  await button(page, 'Copy as PyTorch').click();
  await editWords(page);
  await page.getByRole('textbox', { name: 'Word 2' }).fill('');
  await page.getByRole('spinbutton', { name: 'Learning rate' }).fill('-1');
  await page.getByRole('checkbox', { name: 'Lock dudh' }).check();
  assert.deepEqual(await axe(page), []);
});

/** Describes the focused element as role-ish and name, and whether its focus is visible. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const name = el.getAttribute('aria-label') || el.textContent.trim() || el.closest('label')?.textContent.trim() || '';
    const style = getComputedStyle(el);
    const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return { tag: el.tagName.toLowerCase(), type: el.getAttribute('type') ?? '', name, visible };
  });
}

test('keyboard only: Tab reaches every control in order, with visible focus', async () => {
  const page = await env.open();
  await editWords(page);
  // From the top of the widget: the Preset menu is its first control.
  await page.evaluate(() => leRoots()[0].querySelector('select').focus());
  const seen = ['select Preset'];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag === 'body') break;
    assert.ok(f.visible, `no visible focus on ${JSON.stringify(f)}`);
    seen.push(`${f.tag}${f.tag === 'input' ? `:${f.type}` : ''} ${f.name}`);
  }
  const order = [
    'select Preset', 'button Edit words', 'input:radio chai', 'input:text Word 1', 'input:range chai', 'input:checkbox Lock chai',
    'button Remove chai', 'input:text Word 2', 'input:range paani', 'button Add word', 'input:radio nats',
    'button Step', 'button Play', 'button Reset', 'input:number Learning rate', 'input:radio logits',
    'input:range Label smoothing', 'button Copy link', 'button Copy as PyTorch', 'button Download PNG', 'button Download CSV',
  ];
  let at = -1;
  for (const want of order) {
    const i = seen.findIndex((s, j) => j > at && s.startsWith(want));
    assert.ok(i > at, `"${want}" not reached in order; Tab order was:\n${seen.join('\n')}`);
    at = i;
  }
});

test('keyboard only: arrows move sliders and radios, Enter and Space press buttons', async () => {
  const page = await env.open('?lr=0.5');
  await slider(page, 'chai').focus();
  await page.keyboard.press('ArrowUp');
  assertClose(await values(page), sliderRule([0.4, 0.25, 0.15, 0.1, 0.1], 0, 0.41));
  // Arrow keys move between radios of a group and select them.
  await page.getByRole('radio', { name: 'chai', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('radio', { name: 'paani', exact: true }).isChecked(), true);
  const before = await values(page);
  await button(page, 'Step').focus();
  await page.keyboard.press('Enter');
  assert.notDeepEqual(await values(page), before);
  const after = await values(page);
  await page.keyboard.press(' ');
  assert.notDeepEqual(await values(page), after);
  await button(page, 'Play').focus();
  await page.keyboard.press(' ');
  await button(page, 'Pause').waitFor();
  await page.keyboard.press('Enter');
  await button(page, 'Play').waitFor();
  assertNoProblems(page);
});

test('screen readers: a polite live region speaks once the learner pauses', async () => {
  const page = await env.open();
  const live = page.locator('[aria-live="polite"].le-sr-only');
  assert.equal(await live.textContent(), '');
  await slider(page, 'chai').fill('0.5');
  await slider(page, 'chai').fill('0.7');
  // Not on every tick: nothing is said while the learner is still moving.
  assert.equal(await live.textContent(), '');
  await page.waitForFunction(() => leRoots()[0].querySelector('.le-sr-only[aria-live]').textContent !== '');
  assert.equal(
    await live.textContent(),
    'Loss 0.357 nats, perplexity 1.429. chai 70.0% (up from 40.0%), paani 12.5% (down from 25.0%), '
      + 'dudh 7.5% (down from 15.0%), coffee 5.0% (down from 10.0%), lassi 5.0% (down from 10.0%).',
  );
  // Sliders read as percentages; the plot describes itself.
  assert.equal(await slider(page, 'chai').getAttribute('aria-valuetext'), '70.0%');
  assert.match(await page.getByRole('img', { name: /^Plot of the loss/ }).getAttribute('aria-label'), /p = 0\.700/);
  assert.equal(await readout(page, 'Loss'), '0.357 nats');
  assertNoProblems(page);
});

test('touch targets are at least 24 px on a 320 px phone', async () => {
  const page = await env.open('', { viewport: { width: 320, height: 700 }, hasTouch: true, isMobile: true });
  const small = await page.evaluate(() => {
    const out = [];
    for (const el of leRoots().flatMap((r) => [...r.querySelectorAll('input, button, select')])) {
      // A radio or checkbox is pressed through its whole label.
      const target = ['radio', 'checkbox'].includes(el.type) ? el.closest('label') ?? el : el;
      const r = target.getBoundingClientRect();
      if (r.width < 24 || r.height < 24) out.push(`${el.outerHTML.slice(0, 80)} ${r.width}×${r.height}`);
    }
    return out;
  });
  assert.deepEqual(small, []);
  assertNoProblems(page);
});
});
