// Trunk's post-build hook for release builds: makes what a page downloads smaller.
//
// 1. Shortens the wasm module's import names. wasm-bindgen names every import after the web
//    API it wraps plus a hash (`__wbg_createElement_de4a31ed2fb252be`) and repeats the module
//    name with each; they are renamed to `a`, `b`, … in both the wasm import section and the
//    JavaScript bindings, which refer to each by that exact string.
// 2. Minifies the bindings and the loader with terser (Trunk's own JS minifier cannot parse
//    wasm-bindgen's output).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';

const dir = process.env.TRUNK_STAGING_DIR;
const WASM = 'loss-explorer-app_bg.wasm';
const GLUE = 'loss-explorer-app.js';
const LOADER = 'loss-explorer.js';

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
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

/** Short, distinct names that are also valid identifiers: a … z, aa, ab, … (skipping `do`, `if` and `in`). */
function* shortNames() {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const reserved = new Set(['do', 'if', 'in']);
  for (let n = 1; ; n++) {
    const count = letters.length ** n;
    for (let i = 0; i < count; i++) {
      let s = '';
      for (let k = i, j = 0; j < n; j++, k = Math.floor(k / letters.length)) s = letters[k % letters.length] + s;
      if (!reserved.has(s)) yield s;
    }
  }
}

/**
 * Renames the imports of `wasm` (all from one module) to short names; returns the new bytes
 * and the old → new names (module included).
 */
function shortenImports(wasm) {
  const bytes = new Uint8Array(wasm);
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = readLeb(bytes, at + 1);
    const end = body + size;
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
    let [count, p] = readLeb(bytes, body);
    out.push(...leb(count));
    for (let i = 0; i < count; i++) {
      for (let part = 0; part < 2; part++) {
        const [len, start] = readLeb(bytes, p);
        const name = decoder.decode(bytes.subarray(start, start + len));
        const short = encoder.encode(rename(name));
        out.push(...leb(short.length), ...short);
        p = start + len;
      }
      // The import's kind and type, copied as they are.
      const kind = bytes[p];
      let next = p + 1;
      if (kind === 0) [, next] = readLeb(bytes, next); // function: type index
      else if (kind === 1) { next += 1; const flags = bytes[next++]; [, next] = readLeb(bytes, next); if (flags & 1) [, next] = readLeb(bytes, next); } // table
      else if (kind === 2) { const flags = bytes[next++]; [, next] = readLeb(bytes, next); if (flags & 1) [, next] = readLeb(bytes, next); } // memory
      else if (kind === 3) next += 2; // global: type and mutability
      else throw new Error(`unknown import kind ${kind}`);
      out.push(...bytes.subarray(p, next));
      p = next;
    }
    if (p !== end) throw new Error('import section not read to its end');
    const section = Uint8Array.from([2, ...leb(out.length), ...out]);
    const result = new Uint8Array(at + section.length + (bytes.length - end));
    result.set(bytes.subarray(0, at));
    result.set(section, at);
    result.set(bytes.subarray(end), at + section.length);
    return [result, renames];
  }
  return [bytes, new Map()];
}

if (process.env.TRUNK_PROFILE === 'release' && dir) {
  const [wasm, renames] = shortenImports(await readFile(join(dir, WASM)));
  let glue = await readFile(join(dir, GLUE), 'utf8');
  // Longest first, and only whole names, so no name is replaced inside another.
  for (const [old, short] of [...renames].sort((a, b) => b[0].length - a[0].length)) {
    const whole = new RegExp(`(?<![\\w$])${old.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\w$])`, 'g');
    const uses = glue.match(whole)?.length ?? 0;
    if (uses === 0) throw new Error(`the bindings never name the import ${old}`);
    glue = glue.replace(whole, short);
  }
  await writeFile(join(dir, WASM), wasm);
  await writeFile(join(dir, GLUE), glue);
  for (const name of [GLUE, LOADER]) {
    const path = join(dir, name);
    const { code } = await minify(await readFile(path, 'utf8'), { module: true, compress: true, mangle: true });
    await writeFile(path, code);
  }
}
