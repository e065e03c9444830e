import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { CHROMIUM_PATH } from '../../scripts/lib/chromium';

/** What the figures were measured on: they mean little without it. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
  chromium: string;
  /** The commit measured, `+dirty` when the tree had uncommitted changes. */
  commit: string;
  /**
   * 1-minute load average when the run started and ended: above the core count, other work
   * (tests, builds) competed for the CPU and the figures are noisier than usual.
   */
  loadAverage: { start: number; end: number | null };
}

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine(): Machine {
  const dirty = run('git', ['status', '--porcelain']) !== '';
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    chromium: run(CHROMIUM_PATH, ['--version']),
    commit: `${run('git', ['rev-parse', '--short', 'HEAD'])}${dirty ? '+dirty' : ''}`,
    loadAverage: { start: Number(loadavg()[0]?.toFixed(2)), end: null },
  };
}

export const currentLoad = (): number => Number(loadavg()[0]?.toFixed(2));
