// Runs the end-to-end suite once per browser, the browsers side by side: one `node --test`
// process per engine (each runs the suite's files one after another), output prefixed with
// the engine, then a table of each file's time per engine. Exits non-zero if either fails.
//
//   node e2e/run.mjs                      both engines (E2E_BROWSERS=chromium for one)
//   node e2e/run.mjs e2e/page.test.mjs    some files only
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

// Generous: a test's usual time is seconds, an engine's pass about six minutes here.
const TEST_TIMEOUT_MS = 180_000;
const RUN_TIMEOUT_MS = 30 * 60_000;
const HERE = fileURLToPath(new URL('.', import.meta.url));
const browsers = (process.env.E2E_BROWSERS ?? 'chromium,firefox').split(',').filter(Boolean);
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : (await readdir(HERE)).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => `e2e/${f}`);

/** Runs the files in `browser`; resolves to its exit code and the duration of each file's suites. */
function run(browser) {
  return new Promise((resolve) => {
    const started = Date.now();
    // --test-force-exit: a handle a file leaves open (a server, a browser) must not hold the run
    // open; --test-timeout: a test that hangs fails instead of stalling CI.
    const args = ['--test', '--test-concurrency=1', '--test-force-exit', `--test-timeout=${TEST_TIMEOUT_MS}`];
    const child = spawn(process.execPath, [...args, '--test-reporter=spec', ...files], {
      env: { ...process.env, E2E_BROWSERS: browser, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The last guard: the whole pass of one engine gets RUN_TIMEOUT_MS, then it is killed.
    const watchdog = setTimeout(() => {
      process.stdout.write(`[${browser}] still running after ${RUN_TIMEOUT_MS / 60000} min: killed\n`);
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    const durations = new Map();
    let rest = '';
    const onData = (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) {
        process.stdout.write(`[${browser}] ${line}\n`);
        // A suite's summary line: "✔ the standalone page [firefox] (201227.3ms)".
        const m = line.match(/^[✔✖] (.+ \[\w+\]) \(([\d.]+)ms\)$/);
        if (m) durations.set(m[1], (durations.get(m[1]) ?? 0) + Number(m[2]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      clearTimeout(watchdog);
      if (rest) process.stdout.write(`[${browser}] ${rest}\n`);
      resolve({ browser, code, durations, seconds: (Date.now() - started) / 1000 });
    });
  });
}

// The Docusaurus site takes 20-45 s to build: once here, not in each browser's run at once.
if (files.some((f) => f.endsWith('sites.test.mjs'))) {
  const { buildDocusaurus } = await import('./sites.mjs');
  const started = Date.now();
  await buildDocusaurus();
  console.log(`Docusaurus site ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const results = await Promise.all(browsers.map(run));
console.log('\nend-to-end suite, seconds per suite:');
for (const r of results) {
  for (const [suite, ms] of [...r.durations].sort((a, b) => b[1] - a[1])) {
    console.log(`${(ms / 1000).toFixed(1).padStart(8)}  ${suite}`);
  }
  console.log(`${r.seconds.toFixed(1).padStart(8)}  all of ${r.browser} (exit ${r.code})`);
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
