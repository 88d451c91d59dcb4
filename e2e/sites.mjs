// Builds the two documentation sites of e2e/sites.test.mjs from their sources in e2e/mkdocs/
// and e2e/docusaurus/, as their authors would: MkDocs Material (from .venv) and Docusaurus
// (from e2e/docusaurus/node_modules; scripts/setup.sh installs both).
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const HERE = fileURLToPath(new URL('.', import.meta.url));
export const OUTPUT = `${HERE}output/`;

/**
 * Builds the MkDocs site into `dest` for a server at `origin` (Material's instant navigation
 * takes over only links under site_url, so the site must know the address it is served at).
 */
export async function buildMkdocs(origin, dest) {
  const source = `${OUTPUT}mkdocs-source-${process.pid}/`;
  await rm(source, { recursive: true, force: true });
  await cp(`${HERE}mkdocs/`, source, { recursive: true });
  const config = await readFile(`${source}mkdocs.yml`, 'utf8');
  if (!/^site_url: .*$/m.test(config)) throw new Error('e2e/mkdocs/mkdocs.yml has no site_url line to set');
  await writeFile(`${source}mkdocs.yml`, config.replace(/^site_url: .*$/m, `site_url: ${origin}/mkdocs/`));
  await run(`${HERE}../.venv/bin/mkdocs`, ['build', '--quiet', '-f', `${source}mkdocs.yml`, '-d', dest], {
    env: { ...process.env, NO_MKDOCS_2_WARNING: '1' },
  });
  await rm(source, { recursive: true, force: true });
}

async function newest(paths) {
  const times = await Promise.all(paths.map((p) => stat(p).then((s) => s.mtimeMs, () => 0)));
  return Math.max(...times);
}

/**
 * The Docusaurus site, built once into e2e/output/docusaurus/ (20-45 s here) unless a build
 * newer than its sources is there. Its pages load the widget from `/loss-explorer.js`.
 */
export async function buildDocusaurus() {
  const dest = `${OUTPUT}docusaurus/`;
  const sources = ['docusaurus.config.js', 'sidebars.js', 'package-lock.json', 'docs/one-guess.mdx', 'docs/training.mdx', 'docs/plain.mdx', 'static/img/favicon.svg']
    .map((f) => `${HERE}docusaurus/${f}`);
  if (await newest([`${dest}index.html`]) > await newest(sources)) return dest;
  await mkdir(OUTPUT, { recursive: true });
  await run(`${HERE}docusaurus/node_modules/.bin/docusaurus`, ['build', '--out-dir', dest], {
    cwd: `${HERE}docusaurus/`,
    env: { ...process.env, LOSS_EXPLORER_URL: '/loss-explorer.js' },
  });
  return dest;
}
