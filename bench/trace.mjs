// Where the main thread's time goes, from Chromium performance traces: per slider update
// (the input's own task and the frame that draws it) and in a cold load up to the first
// readout. Every event's self time (its duration less its children's) is put in the
// category of the nearest event, itself or an ancestor, that has one.
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CATEGORIES = [
  ['wasm compiled on first call', /^wasm\.CompileLazy$/],
  ['wasm decoded, instantiated', /^(v8\.wasm\.compileConsume|wasm\.(OnBytesReceived|FinishStreaming|ValidateFunctionsStreaming|AsyncInstantiate|SyncInstantiate))$/],
  ['JS parsed, compiled', /^(V8\.(CompileCode|ParseFunction|CompileIgnition|CompileIgnitionFinalization|Compile|ParseProgram|CompileStreamedModule)|v8\.compileModule|v8\.compile)$/],
  ['garbage collection', /^(MajorGC|MinorGC|V8\.GC_.*|BlinkGC\..*)$/],
  ['HTML and CSS parsed', /^(ParseHTML|ParseAuthorStyleSheet)$/],
  ['style', /^UpdateLayoutTree$/],
  ['layout', /^Layout$/],
  ['paint', /^(PrePaint|Paint|PaintImage)$/],
  ['layerize, commit', /^(Layerize|Commit|UpdateLayer|LayerTreeHost::DoUpdateLayers)$/],
  ['script', /^(FunctionCall|v8\.callFunction|EvaluateScript|v8\.evaluateModule|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|FireIdleCallback|v8\.run)$/],
];
// What has none (a task's own time, navigation and document set-up) is 'other'.
const categoryOf = (name) => CATEGORIES.find(([, re]) => re.test(name))?.[0] ?? null;

/** The renderer's main thread: the one that parses the HTML or lays out. */
function mainThread(events) {
  const counts = new Map();
  for (const e of events) {
    if (e.name === 'ParseHTML' || e.name === 'Layout') {
      const key = `${e.pid}:${e.tid}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const [key] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  return (e) => `${e.pid}:${e.tid}` === key;
}

/**
 * Self time by category of the complete events on `onMain` between `from` and `to` (trace
 * µs), each top-level task's totals also kept under the kind `kindOf(task's events)` returns.
 */
function breakdown(events, onMain, from, to, kindOf = () => 'all') {
  const xs = events
    .filter((e) => e.ph === 'X' && onMain(e) && e.ts >= from && e.ts <= to)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  const nodes = [];
  const stack = [];
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (!parent) tasks.push({ names: new Set(), self: {} });
    const task = tasks[tasks.length - 1];
    const node = { end: e.ts + e.dur, category: categoryOf(e.name) ?? parent?.category ?? 'other', self: e.dur, task };
    if (parent) parent.self -= e.dur;
    task.names.add(e.name);
    stack.push(node);
    nodes.push(node);
  }
  // Every child has subtracted its duration from its parent's by now.
  for (const { task, category, self } of nodes) task.self[category] = (task.self[category] ?? 0) + self / 1000;
  const kinds = {};
  for (const task of tasks) {
    const kind = kindOf(task.names);
    kinds[kind] ??= {};
    for (const [c, ms] of Object.entries(task.self)) kinds[kind][c] = (kinds[kind][c] ?? 0) + ms;
  }
  return kinds;
}

/** The trace events of the renderer while `run()` runs in `page`. */
async function traced(page, run) {
  const path = join(tmpdir(), `le-trace-${process.pid}-${Date.now()}.json`);
  await page.raw.tracing.start({ path, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'v8.wasm', 'disabled-by-default-v8.gc', 'blink'] });
  await run();
  await page.raw.tracing.stop();
  const json = JSON.parse(await readFile(path, 'utf8'));
  await rm(path, { force: true });
  return json.traceEvents ?? json;
}

const round = (o, n = 1) => Object.fromEntries(Object.entries(o).filter(([, v]) => v / n >= 0.005)
  .sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round((v / n) * 100) / 100]));

/**
 * Main-thread milliseconds per update while `run()` makes `n` updates, each input event in a
 * task of its own (as a pointer's are), by the task it fell in: the input's (a timer's, with
 * Yew's render), a frame's (the plots' drawing in animation-frame callbacks, style, layout,
 * paint, commit), or another.
 */
export async function updateBreakdown(page, run, n) {
  await run(); // warm: the code the trace sees is what a reader's hundredth update runs
  const events = await traced(page, run);
  const onMain = mainThread(events);
  const kinds = breakdown(events, onMain, 0, Infinity, (names) => {
    if (names.has('TimerFire')) return 'input';
    if (names.has('ProxyMain::BeginMainFrame') || names.has('WebFrameWidgetImpl::BeginMainFrame')) return 'frame';
    return 'other';
  });
  const total = Object.values(kinds).flatMap((k) => Object.values(k)).reduce((a, b) => a + b, 0);
  return {
    updates: n,
    totalMs: Math.round((total / n) * 100) / 100,
    inputTaskMs: round(kinds.input ?? {}, n),
    frameMs: round(kinds.frame ?? {}, n),
    otherTasksMs: round(kinds.other ?? {}, n),
  };
}

/**
 * A cold load of `url` in `page` (fresh, and marking `bench:readout` when the first Loss
 * readout holds a number): main-thread milliseconds by category from navigation to that
 * readout, and from the wasm module running to it.
 */
export async function loadBreakdown(page, url) {
  const events = await traced(page, async () => {
    await page.raw.goto(url);
    await page.raw.waitForFunction(() => performance.getEntriesByName('bench:readout').length > 0);
  });
  const onMain = mainThread(events);
  const at = (name) => events.find((e) => e.name === name && onMain(e))?.ts;
  // The page's own navigation, not the blank document before it nor an SVG icon's.
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url)?.ts;
  const [running, readout] = [at('loss-explorer:instantiated'), at('bench:readout')];
  if (nav === undefined || running === undefined || readout === undefined) return null;
  const ms = (t) => Math.round(((t - nav) / 1000) * 10) / 10;
  const slice = (from) => {
    const kinds = breakdown(events, onMain, from, readout);
    const busy = Object.values(kinds.all ?? {}).reduce((a, b) => a + b, 0);
    return { ms: Math.round(((readout - from) / 1000) * 10) / 10, busyMs: Math.round(busy * 10) / 10, byCategoryMs: round(kinds.all ?? {}) };
  };
  return {
    moduleRunningAt: ms(running),
    readoutAt: ms(readout),
    navigationToReadout: slice(nav),
    moduleRunningToReadout: slice(running),
  };
}
