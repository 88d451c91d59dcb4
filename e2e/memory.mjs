// Memory figures shared by the soak test, the lifecycle test and the benchmark: JS heap and
// wasm memory after a forced GC, and a burst of slider updates driven from inside the page.

/**
 * The wasm memory's size and, where the browser reports it, the JS heap in use after a forced
 * garbage collection, in bytes. Only Chromium (through CDP) can force a collection and read
 * the heap; in Firefox `heap` is null.
 */
export async function measureMemory(page, { wasm: withWasm = true } = {}) {
  let heap = null;
  if (page.browserName === 'chromium') {
    const cdp = await page.raw.createCDPSession();
    await cdp.send('HeapProfiler.collectGarbage');
    ({ usedSize: heap } = await cdp.send('Runtime.getHeapUsage'));
    await cdp.detach();
  }
  // The widget's wasm memory, from the loader the page imported (a page without it: null).
  const wasm = withWasm
    ? await page.evaluate(async () => (await (await import('/loss-explorer.js')).ready).memory.buffer.byteLength)
    : null;
  return { heap, wasm };
}

/** `n` input events on the sliders, letting a frame through every 20 of them. */
export function runUpdates(page, n) {
  return page.evaluate(async (n) => {
    const sliders = [...document.querySelectorAll('.le-rows input[type=range]')];
    for (let i = 0; i < n; i++) {
      const s = sliders[i % sliders.length];
      s.value = String(((i * 7919) % 1000) / 1000);
      s.dispatchEvent(new Event('input', { bubbles: true }));
      if (i % 20 === 19) await new Promise((r) => requestAnimationFrame(r));
    }
    await new Promise((r) => setTimeout(r, 300));
  }, n);
}
