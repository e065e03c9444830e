import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * Four projects, one `npm test`:
 * - unit: pure lib/ code and the data layer on fake-indexeddb (node);
 * - dom: components and entrypoint wiring (jsdom + WXT's fake browser);
 * - e2e: the built extension in Debian's Chromium (tests/e2e/global-setup.ts builds it);
 * - server: the sync server on the embedded PGlite and on a real PostgreSQL that
 *   tests/server/support/global-setup.ts starts (or TEST_DATABASE_URL).
 */
/**
 * A test's time limit is a hang detector, not a speed check (speed is `npm run bench`'s):
 * vitest's 5 s default failed typing-heavy component tests on a busy 2-core machine, and a
 * timed-out test's typing ran on into the next one. A minute catches a hang and nothing else.
 */
const TEST_TIMEOUT = 60_000;

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/lib/**/*.test.ts', 'tests/scripts/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/setup/indexeddb.ts'],
          testTimeout: TEST_TIMEOUT,
        },
      },
      {
        plugins: [WxtVitest()],
        test: {
          name: 'dom',
          include: ['tests/components/**/*.test.{ts,tsx}', 'tests/entrypoints/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/setup/indexeddb.ts', 'tests/setup/dom.ts'],
          testTimeout: TEST_TIMEOUT,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // `expect.poll` waits for the browser to get there; its 1 s default is a guess at speed.
          expect: { poll: { timeout: 15_000 } },
          // One Chromium at a time: two cores, and each browser is heavy.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/server/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
