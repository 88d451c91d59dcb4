// "Copy embed code" (CONTRACT §4; issue 20), end to end in Chromium and Firefox: for eight
// states, the code the widget gives (script and iframe) is pasted as the whole body of a fresh
// page of the same origin, which must show the same readouts to the digits shown and exactly
// the parts chosen; numbers carry at most 6 significant digits; a hostile word stays text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suite, assertNoProblems, readout, slider } from './helpers.mjs';

// The page a teacher pastes the code into: nothing but the code.
const routes = {
  '/paste.html': {
    body: (q) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted</title>
<link rel="icon" href="/favicon.svg"></head><body>${Buffer.from(q.get('code') ?? '', 'base64').toString('utf8')}</body></html>`,
  },
};

// A hostile word (the issue's own payload is 29 characters, over the 24 a word may have),
// words with &, quotes and a percent sign, and non-Latin ones: ten words.
const HOSTILE = '"><img src=x onerror=1>';
const TEN = [HOSTILE, 'a&b', 'say "hi"', "it's", '100%', 'नमस्ते', '茶', 'Ωμέγα', '😀', 'plain'];
const ALL_PARTS = ['plot', 'train', 'units', 'history', 'smoothing', 'presets', 'edit', 'challenges', 'export', 'sentence', 'mistakes', 'logits', 'compare'];

/** Each state: a query, what the learner does, and the parts to embed (null: as shown). */
const STATES = [
  { name: 'the default', query: '' },
  { name: 'the cricket example with six correct', query: '?words=six,four,dot&p=0.1,0.2,0.7&correct=six' },
  { name: 'bits with label smoothing', query: '?units=bits&smoothing=0.1&p=0.5,0.2,0.1,0.1,0.1' },
  { name: 'ten words, hostile and non-Latin', query: `?words=${TEN.map(encodeURIComponent).join(',')}&correct=${encodeURIComponent(HOSTILE)}` },
  { name: 'a sentence with repeat 20', query: '?tokens=it,was,a,good,day&pt=0.5,0.5,0.5,0.5,0.5&repeat=20' },
  { name: 'the sentence alone', query: '?pt=0.3,0.5,0.63,0.6,0.9', parts: ['sentence'] },
  { name: 'the plot alone', query: '?words=six,four,dot&p=0.7,0.2,0.1', parts: ['plot'] },
  {
    name: 'two models and the logits at a temperature, dragged',
    query: '?words=a,b,c&panels=logits,compare,export',
    parts: ['logits', 'compare'],
    async act(page) {
      await page.getByRole('slider', { name: 'B: a' }).fill('0.6370127');
      await page.getByRole('slider', { name: 'A: c' }).fill('0.2');
      await page.getByRole('slider', { name: 'Temperature' }).fill(String(Math.log10(2.5)));
      await page.getByRole('slider', { name: 'z(b)' }).fill('-0.3');
    },
  },
  { name: 'two models alone', query: '?words=a,b,c&pa=0.2,0.5,0.3&pb=0.7,0.1,0.2', parts: ['compare'] },
  {
    name: 'a state reached by dragging and stepping',
    query: '',
    async act(page) {
      await slider(page, 'chai').fill('0.629557342493559');
      await slider(page, 'coffee').fill('0.0660915502121');
      await page.getByRole('button', { name: 'Step' }).click();
      await page.getByRole('button', { name: 'Step' }).click();
    },
  },
];

/** The readouts a reader sees, by name, from every widget root of the page (or the frame). */
function readouts(target) {
  return target.evaluate(() => {
    const out = {};
    for (const root of leRoots()) {
      for (const o of root.querySelectorAll('output[aria-label]')) {
        const name = o.getAttribute('aria-label');
        if (['Loss', 'Perplexity', 'Sentence loss', 'Sentence perplexity', 'Log-probability', 'Sentence probability', 'Product in float32',
          'Loss A', 'Loss B', 'Perplexity A', 'Perplexity B', 'Loss ratio', 'Log-sum-exp'].includes(name)) {
          out[name] = o.textContent.trim();
        }
      }
      // The temperature (which no readout shows: the log-sum-exp does not depend on it).
      const t = root.querySelector('input[aria-label="Temperature"]');
      if (t) out.Temperature = Number(t.value).toFixed(4);
    }
    return out;
  });
}

/** Which parts a widget shows, each by a control only it has. */
function partsShown(target) {
  return target.evaluate(() => {
    const root = leRoots()[0];
    const has = (sel) => root.querySelector(sel) !== null;
    const button = (name) => [...root.querySelectorAll('button')].some((b) => b.textContent === name);
    return {
      core: has('output[aria-label="Loss"]'),
      plot: has('canvas.le-curve'),
      train: button('Step'),
      units: [...root.querySelectorAll('input[type=radio]')].some((r) => r.parentElement.textContent.trim() === 'bits'),
      history: has('canvas[aria-label="Loss history"]'),
      smoothing: has('input[aria-label="Label smoothing"]'),
      presets: has('select[aria-label="Preset"]'),
      edit: button('Add word') || button('Edit words'),
      challenges: has('ul[aria-label="Challenges"]'),
      export: button('Copy link'),
      sentence: has('input[aria-label^="p("]'),
      mistakes: has('output[aria-label="Minus sign dropped"]'),
      logits: has('input[aria-label="Temperature"]'),
      compare: has('output[aria-label="Loss ratio"]'),
    };
  });
}

/** What `partsShown` must read for a widget embedded with `parts`. */
function expectedParts(parts) {
  const set = new Set(parts);
  const alone = ['sentence', 'compare', 'units', 'export'];
  const core = parts.length === ALL_PARTS.length || !(set.has('sentence') || set.has('compare')) || parts.some((p) => !alone.includes(p));
  return Object.fromEntries([['core', core], ...ALL_PARTS.map((p) => [p, set.has(p)])]);
}

/** Every number in `text` (outside words) has at most 6 significant digits. */
function assertSixDigits(text, what) {
  for (const [, list] of text.matchAll(/(?:^|[?&;"\s])(?:data-)?(?:p|pt|lr|smoothing|pa|pb|temperature)=["]?([-0-9.e,+]+)/g)) {
    for (const n of list.split(',').filter(Boolean)) {
      const digits = n.split('e')[0].replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
      assert.ok(digits.length <= 6, `${what}: ${n} has ${digits.length} significant digits`);
    }
  }
}

suite('embed code', { routes }, (env) => {
  /** The widget's chosen embed parts set to `parts` by clicking its checkboxes. */
  async function chooseParts(page, parts) {
    const group = page.getByRole('group', { name: 'Embed parts' });
    for (const name of ALL_PARTS) {
      const box = group.getByRole('checkbox', { name });
      if ((await box.isChecked()) !== parts.includes(name)) await box.click();
    }
  }

  const paste = async (code) => {
    const page = await env.blank({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${env.server.url}/paste.html?code=${encodeURIComponent(Buffer.from(code).toString('base64'))}`);
    return page;
  };

  for (const state of STATES) {
    test(`${state.name}: the script and iframe code give the same widget`, async () => {
      const page = await env.open(state.query, {
        viewport: { width: 1100, height: 900 },
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      if (state.act) await state.act(page);
      const parts = state.parts ?? ALL_PARTS;
      if (state.parts) await chooseParts(page, state.parts);
      // The source's readouts, from a widget showing every part (the sentence linked as the
      // embed's parts link it, so a sentence alone is read from its own embed below).
      const want = await readouts(page);
      const region = page.getByRole('region', { name: 'Embed code' });
      for (const form of ['script', 'iframe']) {
        await page.getByRole('group', { name: 'Embed as' }).getByRole('radio', { name: form }).check();
        await page.getByRole('button', { name: 'Copy embed code' }).click();
        await page.getByText('Embed code copied.').waitFor();
        const code = await page.evaluate(() => navigator.clipboard.readText());
        assert.equal(code, await region.locator('pre').textContent(), 'what is copied is what is shown');
        assertSixDigits(code, `${form} code`);
        if (form === 'script') assert.ok(code.startsWith(`<script type="module" src="${env.server.url}/loss-explorer.js"></script>`), code);
        else assert.ok(code.startsWith(`<iframe title="Loss Explorer" src="${env.server.url}/?embed=1`), code);
        const pasted = await paste(code);
        let target = pasted;
        if (form === 'iframe') {
          await pasted.waitForFunction(() => document.querySelector('iframe'));
          target = await (await pasted.raw.$('iframe')).contentFrame();
        }
        // Mounted, and its second frame (the parts after the readouts) drawn.
        const frame = target.raw ?? target;
        await frame.waitForFunction(() => leRoots()[0]?.querySelector('output'), { polling: 50, timeout: 10000 });
        await frame.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
        await new Promise((ok) => setTimeout(ok, 100));
        const got = await readouts(target);
        for (const [name, value] of Object.entries(got)) {
          if (name in want) assert.equal(value, want[name], `${state.name}, ${form}: ${name}`);
        }
        assert.deepEqual(await partsShown(target), expectedParts(parts), `${state.name}, ${form}: the parts`);
        // Text stays text: no element from a word, in the page or the widget.
        const elements = await target.evaluate(() => [document, ...leRoots()].reduce((n, r) => n + r.querySelectorAll('img, svg').length, 0));
        assert.equal(elements, 0);
        if (state.name.startsWith('ten words')) {
          for (const w of TEN) await target.evaluate((w) => { if (!leRoots()[0].querySelector(`input[aria-label="${CSS.escape(w)}"]`)) throw new Error(`no slider ${w}`); }, w);
          const chosen = await target.evaluate(() => [...leRoots()[0].querySelectorAll('input[type=radio]')].find((r) => r.checked).parentElement.textContent.trim());
          assert.equal(chosen, HOSTILE);
        }
        assertNoProblems(pasted);
      }
      // Copy link carries 6-digit numbers too, and reopens the same readouts.
      await page.getByRole('button', { name: 'Copy link' }).click();
      await page.getByText('Link copied.').waitFor();
      const link = await page.evaluate(() => navigator.clipboard.readText());
      assertSixDigits(link, 'Copy link');
      const again = await env.open(link.slice(env.server.url.length + 1));
      const reopened = await readouts(again);
      for (const [name, value] of Object.entries(reopened)) {
        if (name in want) assert.equal(value, want[name], `${state.name}, link: ${name}`);
      }
      assertNoProblems(page);
    });
  }

  test('the embed parts start from the parts shown and stay chosen while the learner drags', async () => {
    const page = await env.open('?panels=plot,export,sentence');
    const group = page.getByRole('group', { name: 'Embed parts' });
    for (const name of ALL_PARTS) {
      assert.equal(await group.getByRole('checkbox', { name }).isChecked(), ['plot', 'export', 'sentence'].includes(name), name);
    }
    await group.getByRole('checkbox', { name: 'export' }).click();
    await slider(page, 'chai').fill('0.7');
    await slider(page, 'chai').fill('0.75');
    assert.equal(await group.getByRole('checkbox', { name: 'export' }).isChecked(), false);
    const code = await page.getByRole('region', { name: 'Embed code' }).locator('pre').textContent();
    assert.match(code, /data-panels="plot,sentence"/);
    assert.match(code, /data-p="0\.75,/);
    assertNoProblems(page);
  });

  test('Preview opens the embed with the chosen parts at a column and a phone width', async () => {
    const page = await env.open('?panels=plot,export');
    await slider(page, 'chai').fill('0.6');
    const href = await page.getByRole('link', { name: 'Preview (new tab)' }).getAttribute('href');
    assert.match(href, /preview\.html\?p=0\.6,.*panels=plot(,|%2C)export/);
    const preview = await env.blank();
    await preview.goto(new URL(href, env.server.url + '/').href);
    const frames = await preview.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => [f.getAttribute('width'), Math.round(f.getBoundingClientRect().width)]));
    assert.deepEqual(frames.map((f) => f[0]), ['700', '360']);
    frames.forEach(([w, shown]) => assert.ok(Math.abs(shown - Number(w)) <= 2, `a ${w} px frame shows ${shown} px`));
    // Each frame shows the widget in that state, sized to its content.
    const loss = await preview.waitForFunction(() => {
      const texts = [...document.querySelectorAll('iframe')].map((f) => f.contentDocument?.querySelector('output[aria-label=Loss]')?.textContent);
      return texts.every(Boolean) && texts;
    }, undefined, { timeout: 15000 });
    for (const text of await loss.jsonValue()) assert.equal(text.split(' ')[0], (-Math.log(0.6)).toFixed(3));
    await preview.waitForFunction(() => [...document.querySelectorAll('iframe')].every((f) => Math.abs(f.getBoundingClientRect().height - f.contentDocument.documentElement.scrollHeight) <= 2));
    assertNoProblems(preview);
    assertNoProblems(page);
  });
});
