// The size gate: fails when what the standalone page downloads, gzip -9, is over the budget
// in size-budget.json. Run after a release build (`make build`); prints every file's bytes.
//
// The files are read from dist/index.html itself (every <link href> and <script src> it
// loads), so a new stylesheet or script added to the page is counted without editing this.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BUDGET_FILE = 'size-budget.json';
const DIST = `${ROOT}dist/`;

const budget = JSON.parse(await readFile(ROOT + BUDGET_FILE, 'utf8')).standalone_page_gzip_bytes;
if (!Number.isInteger(budget)) throw new Error(`${BUDGET_FILE}: standalone_page_gzip_bytes is not a whole number`);

const page = await readFile(`${DIST}index.html`, 'utf8');
const urls = new Set(['index.html']);
// Attribute values may be quoted or not (the release page is minified).
for (const m of page.matchAll(/<(?:link|script)\b[^>]*?\s(?:href|src)=("[^"]*"|'[^']*'|[^\s>]+)/g)) {
  const url = m[1].replace(/^["']|["']$/g, '');
  if (/^(?:[a-z]+:|\/\/)/i.test(url)) throw new Error(`index.html loads ${url} from elsewhere: the gate counts only dist/`);
  urls.add(url.replace(/^\.\//, ''));
}
// The loader fetches the bindings and the module even where no preload names them.
for (const f of ['loss-explorer.js', 'loss-explorer-app.js', 'loss-explorer-app_bg.wasm']) urls.add(f);

const rows = [];
for (const url of urls) {
  let body;
  try {
    body = await readFile(DIST + url);
  } catch {
    throw new Error(`index.html loads ${url}, which is not in dist/ (run \`make build\` first)`);
  }
  rows.push({ file: `dist/${url}`, gzip: gzipSync(body, { level: 9 }).length });
}
rows.sort((a, b) => b.gzip - a.gzip);
const total = rows.reduce((s, r) => s + r.gzip, 0);
for (const r of rows) console.log(`${String(r.gzip).padStart(8)}  ${r.file}`);
console.log(`${String(total).padStart(8)}  total, gzip -9 (budget ${budget} in ${BUDGET_FILE})`);
if (total > budget) {
  console.error(`size gate: the standalone page is ${total - budget} bytes over the budget of ${budget} bytes `
    + `(${BUDGET_FILE}); the largest file is ${rows[0].file} at ${rows[0].gzip} bytes.`);
  process.exit(1);
}
console.log(`size gate: ${budget - total} bytes under the budget`);
