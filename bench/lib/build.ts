import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Builds the Chrome extension into `outBase` (wxt.config.ts reads HANDOFF_OUT_DIR), never
 * into .output where the end-to-end tests build, so a bench and a test run can overlap.
 * `bench: true` adds the benchmark's page (entrypoints/bench, HANDOFF_BENCH); without it the
 * build is what ships, which is what the size figures measure. Returns the extension's directory.
 */
export async function buildExtension(outBase: string, { bench }: { bench: boolean }): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, HANDOFF_OUT_DIR: resolve(outBase) };
  // HANDOFF_BENCH: wxt.config.ts keeps the page; WXT_HANDOFF_BENCH: the page side marks its steps (components/page/bench-mark.ts).
  if (bench) {
    env.HANDOFF_BENCH = '1';
    env.WXT_HANDOFF_BENCH = '1';
  } else {
    delete env.HANDOFF_BENCH;
    delete env.WXT_HANDOFF_BENCH;
  }
  try {
    await run('npx', ['wxt', 'build'], { env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`wxt build failed:\n${stdout}\n${stderr}`);
  }
  return join(resolve(outBase), 'chrome-mv3');
}
