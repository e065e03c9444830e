/** `npm run bench -- [--only <groups>] [--quick] [--small] [--reuse-seed]` */

export const GROUPS = ['bundle', 'page', 'sidebar', 'database', 'import', 'sync'] as const;
export type Group = (typeof GROUPS)[number];

/** `--only memory` means the two groups whose runs measure the heaps. */
const ALIASES: Record<string, readonly Group[]> = { memory: ['page', 'sidebar'], db: ['database'] };

export interface BenchArgs {
  groups: Set<Group>;
  /** Fewer rounds, for working on the harness: figures are noisier and not written to bench/results.json. */
  quick: boolean;
  /** A tenth of the data set (10k leads, 100k events): for working on the harness, never for figures. */
  small: boolean;
  /** Keep the seeded browser profile and reuse it when the data set and the database code are unchanged. */
  reuseSeed: boolean;
  /** Every group ran at full rounds: the only run that writes bench/results.json. */
  complete: boolean;
}

export const USAGE = `Usage: npm run bench -- [--only <group>[,<group>...]] [--quick] [--small] [--reuse-seed]
  groups: ${GROUPS.join(', ')} (memory = page,sidebar)
  --quick       fewer rounds; results go to bench/tmp/results.json
  --small       a tenth of the data set (10k leads, 100k events), for working on the harness
  --reuse-seed  reuse the profile an earlier run seeded, when nothing it depends on changed`;

export function parseArgs(argv: readonly string[]): BenchArgs {
  const groups = new Set<Group>();
  let quick = false;
  let reuseSeed = false;
  let small = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--quick') quick = true;
    else if (arg === '--reuse-seed') reuseSeed = true;
    else if (arg === '--small') small = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!value) throw new Error(`--only needs a group\n${USAGE}`);
      for (const name of value.split(',')) {
        const picked = ALIASES[name] ?? (GROUPS.includes(name as Group) ? [name as Group] : undefined);
        if (!picked) throw new Error(`Unknown group "${name}"\n${USAGE}`);
        for (const group of picked) groups.add(group);
      }
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`Unknown option "${arg}"\n${USAGE}`);
  }
  const all = groups.size === 0;
  return { groups: all ? new Set(GROUPS) : groups, quick, small, reuseSeed, complete: all && !quick && !small };
}
