import { afterAll, beforeAll, expect, it } from 'vitest';
import { Random, seedFrom } from '../../lib/demo/random';
import type { Database } from '../../server/db/database';
import { forEachBackend } from './support/backends';
import { FUZZ_KINDS, fuzzBody, validIngest, validPush } from './support/fuzz';
import { type Harness, startHarness } from './support/harness';

/**
 * Hostile push and ingest bodies (tests/server/support/fuzz.ts): deep, wide, Unicode, numbers
 * JSON cannot hold, duplicate keys, cut short, random. A fixed seed in `npm test`; more on
 * demand: `FUZZ_RUNS=2000 FUZZ_SEED=7 npx vitest run --project server tests/server/fuzz.test.ts`.
 * Body i uses seed FUZZ_SEED + i, so `FUZZ_SEED=<that> FUZZ_RUNS=1` replays one.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 64);
const SEED = Number(process.env.FUZZ_SEED ?? 14_2026);

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function written(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM applied_changes)
          + (SELECT count(*) FROM lead_keys) + (SELECT count(*) FROM teams) + (SELECT count(*) FROM tokens) AS n`,
  );
  return Number(row?.n);
}

/** A body of `length` characters the server refuses after the same steps (parse, walk, schema), with no nesting. */
const flat = (length: number) => `{"clientId":"x","pad":"${'a'.repeat(Math.max(0, length - 25))}"}`;

forEachBackend((backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h.close());

  it('takes the bodies the fuzz starts from, so every refusal below is its mutation', async () => {
    const team = await h.team();
    const rng = new Random(seedFrom(SEED));
    const push = await h.as(team.token).push(validPush(rng));
    expect(push.status, JSON.stringify(push.body)).toBe(200);
    expect(push.body.results.map((r: { status: string }) => r.status)).toEqual(Array(5).fill('applied'));
    const ingest = await h.as(team.token).ingest(validIngest(rng));
    expect(ingest.status, JSON.stringify(ingest.body)).toBe(200);
  });

  it(`refuses ${RUNS} hostile bodies (seed ${SEED}) with a 4xx, writing nothing, /health answering throughout`, {
    timeout: 60_000 + RUNS * 3_000,
  }, async () => {
    const team = await h.team();
    const api = h.as(team.token);
    const before = await written(h.db);
    const seen: Record<string, number> = {};
    for (let i = 0; i < RUNS; i++) {
      const body = fuzzBody(SEED + i);
      const where = `FUZZ_SEED=${SEED + i} FUZZ_RUNS=1: ${body.kind} on ${body.url}, ${body.text.length} characters`;
      // The same server's time for a flat body of the same size, just before: the budget
      // follows the machine's speed and load at that moment instead of a fixed number.
      const calibrating = performance.now();
      await api.post(body.url, flat(body.text.length));
      const flatMs = performance.now() - calibrating;

      const started = performance.now();
      const [response, health] = await Promise.all([api.post(body.url, body.text), h.as(undefined).get('/health')]);
      const ms = performance.now() - started;

      expect(response.status, where).toBeGreaterThanOrEqual(400);
      expect(response.status, `${where}: ${response.text.slice(0, 300)}`).toBeLessThan(500);
      expect(health.status, where).toBe(200);
      // Linear work, like the flat body's; the 2 s floor absorbs a collection or a busy core.
      expect(ms, where).toBeLessThan(Math.max(2_000, 50 * flatMs));
      expect(await written(h.db), where).toBe(before);
      seen[`${body.kind} ${response.status}`] = (seen[`${body.kind} ${response.status}`] ?? 0) + 1;
      await tick();
    }
    // The fixed seed reaches every kind of mutation (a larger FUZZ_RUNS only adds).
    if (RUNS >= 64) {
      for (const kind of FUZZ_KINDS)
        expect(
          Object.keys(seen).some((key) => key.startsWith(`${kind} `)),
          kind,
        ).toBe(true);
    }
    console.info(`[fuzz ${backend.name}] seed ${SEED}, ${RUNS} bodies:`, JSON.stringify(seen));
  });
});
