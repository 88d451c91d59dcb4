// The embedding recipes of docs/EMBEDDING.md that a tool installed here can check, end to end
// in Chromium and Firefox: a Hugo page (a static-site generator) and a Jupyter notebook's
// output cell (`IPython.display.IFrame`). The mdBook recipe has e2e/book.test.mjs; the plain
// HTML page is e2e/embed.test.mjs's host page.
import assert from 'node:assert/strict';
import { test, before } from 'node:test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { suite, assertNoProblems } from './helpers.mjs';

const run = promisify(execFile);
// IPython lives in the virtual environment scripts/setup.sh makes (Debian's Python refuses pip).
const PYTHON = fileURLToPath(new URL('../.venv/bin/python', import.meta.url));
const HUGO_SOURCE = fileURLToPath(new URL('./hugo/', import.meta.url));
const HUGO_BUILT = fileURLToPath(new URL('./output/hugo/', import.meta.url));
const routes = {};

before(async () => {
  await run('hugo', ['--source', HUGO_SOURCE, '--destination', HUGO_BUILT, '--quiet']);
  // What a notebook cell shows for the recipe's IFrame, as IPython itself writes it.
  const { stdout } = await run(PYTHON, ['-c', [
    'from IPython.display import IFrame',
    "print(IFrame('/?embed=1&words=six,four,dot&p=0.1,0.2,0.7&panels=plot', width='100%', height=700)._repr_html_())",
  ].join('\n')]);
  routes['/notebook.html'] = {
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A notebook</title>
<link rel="icon" href="/favicon.svg"></head><body><main><h1>Cell 3</h1>
<div class="output_html" style="width: 900px">${stdout}</div></main></body></html>`,
  };
});

suite('embedding recipes', { routes, mounts: { '/hugo/': HUGO_BUILT } }, (env) => {
  test('a Hugo page with raw HTML in its Markdown', async () => {
    const p = await env.blank();
    await p.goto(`${env.server.url}/hugo/loss/`);
    const widget = p.locator('#hugo-widget');
    assert.equal((await widget.getByRole('status', { name: 'Loss' }).textContent()).trim(), '2.303 nats');
    await p.locator('#hugo-widget >>> canvas.le-curve').waitFor();
    assertNoProblems(p);
  });

  test('a Jupyter notebook cell showing IPython.display.IFrame', async () => {
    const p = await env.blank({ viewport: { width: 1000, height: 900 } });
    await p.goto(`${env.server.url}/notebook.html`);
    const frame = p.frameLocator('iframe');
    assert.equal((await frame.getByRole('status', { name: 'Loss' }).textContent()).trim(), '2.303 nats');
    await frame.locator('canvas.le-curve').waitFor();
    // The compact widget fits the cell's 700 px frame: nothing to scroll inside it.
    const inner = await frame.locator('body').evaluate((b) => [b.scrollHeight, window.innerHeight]);
    assert.ok(inner[0] <= inner[1], `content ${inner[0]} px in a ${inner[1]} px frame`);
    assertNoProblems(p);
  });
});
