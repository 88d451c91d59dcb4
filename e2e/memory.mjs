// Memory figures shared by the soak test and the benchmark: JS heap and wasm memory after a
// forced GC, and a burst of slider updates driven from inside the page.

/** JS heap in use and the wasm memory's size, in bytes, after a forced garbage collection. */
export async function measureMemory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const wasm = await page.evaluate(async () => (await (await import('./loss-explorer.js')).ready).memory.buffer.byteLength);
  return { heap: usedSize, wasm };
}

/** `n` input events on the first slider, letting a frame through every 20 of them. */
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
