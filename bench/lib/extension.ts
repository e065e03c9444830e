import type { Page } from 'playwright-core';
import type { BenchApi } from '../browser/api';
import type { ExtensionBrowser } from '../../scripts/lib/chromium';

/** The benchmark's page in the extension's origin (bench builds only), ready to be called. */
export async function openBenchPage(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(browser.url('bench.html'));
  await page.waitForFunction(() => document.documentElement.dataset.benchReady === 'true', undefined, {
    timeout: 30_000,
  });
  return page;
}

type Method = { [K in keyof BenchApi]: BenchApi[K] extends (...args: never[]) => unknown ? K : never }[keyof BenchApi];

/** Calls `window.handoffBench[method](...args)` in the bench page and returns its (JSON) result. */
export function callBench<M extends Method>(
  page: Page,
  method: M,
  ...args: Parameters<BenchApi[M]>
): Promise<Awaited<ReturnType<BenchApi[M]>>> {
  return page.evaluate(
    ([name, rest]) => {
      const api = window.handoffBench as unknown as Record<string, (...a: unknown[]) => unknown> | undefined;
      if (!api) throw new Error('The bench page has no API: is this a bench build (HANDOFF_BENCH)?');
      return api[name]?.(...rest);
    },
    [method, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<BenchApi[M]>>>;
}
