// Trunk's post-build hook (Trunk.toml), for every build:
//
// 1. Names the wasm module's files in the loader and the page. The module's name is written in
//    one place, Cargo.toml's [package] name (Trunk names the files after it);
//    static/loss-explorer.js and index.html refer to them as `__APP__.js` and
//    `__APP___bg.wasm`, filled in here.
// 2. In release builds, shortens the module's import names. wasm-bindgen names every import
//    after the web API it wraps plus a hash (`__wbg_createElement_de4a31ed2fb252be`) under a
//    module named after the bindings file; both become `a`, `b`, … in the wasm import section
//    and in the bindings, which refer to each by that exact string.
// 3. In release builds, minifies the bindings and the loader with terser (Trunk's own JS
//    minifier cannot parse wasm-bindgen's output), each headed by V8's compile hint.
//
// Every assumption is checked: anything this script does not recognise stops the build with
// a message saying what, rather than shipping a page that fails in the browser.
import { readFile, writeFile, access, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { minify } from 'terser';

const fail = (message) => {
  console.error(`post-build: ${message}`);
  process.exit(1);
};

const dir = process.env.TRUNK_STAGING_DIR;
const profile = process.env.TRUNK_PROFILE;
if (!dir) fail('TRUNK_STAGING_DIR is not set: run this from Trunk (Trunk.toml [[hooks]])');
if (profile !== 'release' && profile !== 'debug') fail(`unknown TRUNK_PROFILE ${JSON.stringify(profile)} (expected release or debug)`);

// 1. The module's name, from Cargo.toml.
const cargo = await readFile(new URL('../Cargo.toml', import.meta.url), 'utf8');
const APP = cargo.match(/^\[package\]\s*\nname\s*=\s*"([^"]+)"/m)?.[1];
if (!APP) fail('Cargo.toml has no [package] name on the line after [package]');
if (/\[\[bin\]\]/.test(cargo)) fail('Cargo.toml has a [[bin]] section: the module is named after the package');
const WASM = `${APP}_bg.wasm`;
const GLUE = `${APP}.js`;
const LOADER = 'loss-explorer.js';
for (const f of [WASM, GLUE, LOADER, 'index.html']) {
  await access(join(dir, f)).catch(() => fail(`${f} is missing from the build`));
}
for (const f of [LOADER, 'index.html']) {
  const path = join(dir, f);
  const text = await readFile(path, 'utf8');
  if (!text.includes('__APP__')) fail(`${f} no longer names the module's files as __APP__`);
  await writeFile(path, text.replaceAll('__APP__', APP));
}

// The files changed below must not carry subresource-integrity hashes, which would no longer
// match them.
const page = await readFile(join(dir, 'index.html'), 'utf8');
for (const tag of page.match(/<(?:link|script)\b[^>]*>/g) ?? []) {
  if (/\bintegrity=/.test(tag) && [WASM, GLUE, LOADER].some((f) => tag.includes(f))) {
    fail(`index.html gives ${tag} an integrity hash, but this script rewrites that file afterwards`);
  }
}

if (profile === 'release') {
  const [wasm, renames] = shortenImports(await readFile(join(dir, WASM)));
  const glue = renameInGlue(await readFile(join(dir, GLUE), 'utf8'), renames);
  await checkImports(wasm, glue);
  await writeFile(join(dir, WASM), wasm);
  await writeFile(join(dir, GLUE), glue);
  for (const name of [GLUE, LOADER]) {
    const path = join(dir, name);
    // Chromium's explicit compile hint (V8, from Chrome 136): every function of the file is
    // compiled with the script, off the main thread, instead of on its first call. Nearly all
    // of both files runs before the first readout: in a trace of a cold load the main thread
    // spent 5.5 ms compiling them before it, 0.5 ms with the hint. Firefox ignores the comment.
    const { code } = await minify(await readFile(path, 'utf8'), {
      module: true,
      compress: true,
      mangle: true,
      format: { preamble: '//# allFunctionsCalledOnLoad' },
    });
    await writeFile(path, code);
  }
}

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (at >= bytes.length) fail('the wasm module ends inside a number');
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

function leb(value) {
  const out = [];
  do {
    let b = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return out;
}

/** Short, distinct names: a … z, aa, ab, … */
function* shortNames() {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let n = 1; ; n++) {
    for (let i = 0; i < letters.length ** n; i++) {
      let s = '';
      for (let k = i, j = 0; j < n; j++, k = Math.floor(k / letters.length)) s = letters[k % letters.length] + s;
      yield s;
    }
  }
}

/** Skips a limits field (tables and memories): flags, minimum, and a maximum when bit 0 is set. */
function skipLimits(bytes, at, what) {
  const flags = bytes[at++];
  if (flags & ~0x07) fail(`unknown limits flags ${flags} on an imported ${what}`);
  [, at] = readLeb(bytes, at);
  if (flags & 1) [, at] = readLeb(bytes, at);
  return at;
}

/** The byte after an import's description of kind `kind` starting at `at`. */
function skipImportDescription(bytes, kind, at) {
  switch (kind) {
    case 0: return readLeb(bytes, at)[1]; // function: its type index
    case 1: { // table: a one-byte reference type (funcref, externref), then limits
      const type = bytes[at];
      if (type !== 0x70 && type !== 0x6f) fail(`an imported table has reference type 0x${type.toString(16)}, which this script cannot skip`);
      return skipLimits(bytes, at + 1, 'table');
    }
    case 2: return skipLimits(bytes, at, 'memory');
    case 3: { // global: a one-byte value type and its mutability
      const type = bytes[at];
      if (![0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f].includes(type)) fail(`an imported global has value type 0x${type.toString(16)}, which this script cannot skip`);
      return at + 2;
    }
    case 4: return readLeb(bytes, at + 1)[1]; // tag: attribute, then its type index
    default: return fail(`unknown import kind ${kind}: update scripts/post-build.mjs`);
  }
}

/**
 * Renames the imports of `wasm` (every one from one module) to short names; returns the new
 * bytes and the old → new names (the module's included).
 */
function shortenImports(wasm) {
  const bytes = new Uint8Array(wasm);
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (!magic.every((b, i) => bytes[i] === b)) fail(`${WASM} is not a version 1 wasm module`);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const encoder = new TextEncoder();
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = readLeb(bytes, at + 1);
    const end = body + size;
    if (end > bytes.length) fail(`section ${id} of ${WASM} runs past the end of the file`);
    if (id !== 2) {
      at = end;
      continue;
    }
    const renames = new Map();
    const names = shortNames();
    const rename = (old) => {
      if (!renames.has(old)) renames.set(old, names.next().value);
      return renames.get(old);
    };
    const out = [];
    const modules = new Set();
    let [count, p] = readLeb(bytes, body);
    out.push(...leb(count));
    for (let i = 0; i < count; i++) {
      for (let part = 0; part < 2; part++) {
        const [len, start] = readLeb(bytes, p);
        const name = decoder.decode(bytes.subarray(start, start + len));
        if (part === 0) modules.add(name);
        const short = encoder.encode(rename(name));
        out.push(...leb(short.length), ...short);
        p = start + len;
      }
      const next = skipImportDescription(bytes, bytes[p], p + 1);
      out.push(...bytes.subarray(p, next));
      p = next;
    }
    if (p !== end) fail(`the import section of ${WASM} was not read to its end (${p} of ${end})`);
    if (modules.size !== 1) fail(`${WASM} imports from ${modules.size} modules (${[...modules]}); this script expects one`);
    const section = Uint8Array.from([2, ...leb(out.length), ...out]);
    const result = new Uint8Array(at + section.length + (bytes.length - end));
    result.set(bytes.subarray(0, at));
    result.set(section, at);
    result.set(bytes.subarray(end), at + section.length);
    return [result, renames];
  }
  return fail(`${WASM} has no import section`);
}

/**
 * The bindings with each import renamed where the import object names it: as a key (`name:`
 * or `"name":`) before its function. Each old name must appear exactly once so.
 */
function renameInGlue(glue, renames) {
  for (const [old, short] of renames) {
    const escaped = old.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const key = new RegExp(`(?<=[{,\\s])(?:"${escaped}"|${escaped})(?=\\s*:)`, 'g');
    const uses = glue.match(key)?.length ?? 0;
    if (uses !== 1) fail(`the bindings name the import ${old} as a key ${uses} times, not once`);
    glue = glue.replace(key, JSON.stringify(short));
  }
  return glue;
}

/**
 * Checks the rewritten module against the renamed bindings the way a browser will use them:
 * the bindings are imported as a module and instantiate the wasm, which fails (a LinkError)
 * if any import the module asks for is missing from the bindings' import object.
 */
async function checkImports(wasm, glue) {
  let module;
  try {
    module = new WebAssembly.Module(wasm);
  } catch (e) {
    fail(`the rewritten ${WASM} does not compile: ${e.message}`);
  }
  const temp = join(tmpdir(), `loss-explorer-glue-${process.pid}.mjs`);
  await writeFile(temp, glue);
  try {
    const bindings = await import(pathToFileURL(temp).href);
    if (typeof bindings.initSync !== 'function') fail('the bindings export no initSync');
    bindings.initSync({ module });
  } catch (e) {
    fail(`the renamed bindings cannot instantiate ${WASM}: ${e.message}`);
  } finally {
    await rm(temp, { force: true });
  }
}
