// Lighthouse 12.2.3 in its default mobile profile (simulated slow 4G, 4× CPU slowdown) on a
// page of the built site, in Debian's Chromium: the four category scores, Total Blocking
// Time, the long tasks and where the main thread's time went. Figures, never pass/fail.
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, EXECUTABLES } from '../e2e/browser.mjs';

const PORT = 9333;

/** Runs Lighthouse once per URL, each in a fresh Chromium; resolves to one summary each. */
export async function lighthouseRuns(urls) {
  const out = [];
  for (const url of urls) {
    const browser = await puppeteer.launch({
      executablePath: EXECUTABLES.chromium,
      headless: true,
      args: [...CHROMIUM_ARGS, `--remote-debugging-port=${PORT}`],
    });
    try {
      const { lhr } = await lighthouse(url, {
        port: PORT,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      });
      const audit = (id) => lhr.audits[id];
      const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const tasks = audit('long-tasks')?.details?.items ?? [];
      const work = audit('mainthread-work-breakdown')?.details?.items ?? [];
      out.push({
        url,
        scores: {
          performance: score('performance'),
          accessibility: score('accessibility'),
          bestPractices: score('best-practices'),
          seo: score('seo'),
        },
        totalBlockingTimeMs: Math.round(audit('total-blocking-time').numericValue),
        largestContentfulPaintMs: Math.round(audit('largest-contentful-paint').numericValue),
        longTasks: tasks.length,
        longestTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
        mainThreadMs: Object.fromEntries(work.map((w) => [w.groupLabel ?? w.group, Math.round(w.duration)])),
        failing: Object.values(lhr.audits)
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
          .map((a) => a.id),
      });
    } finally {
      await browser.close();
    }
  }
  return out;
}
