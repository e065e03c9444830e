import { describe, expect, it } from 'vitest';
import { type Disposition, DispositionSchema } from '../../../lib/domain/disposition';
import { latestInForce } from '../../../lib/domain/in-force';
import { decisionInForce } from '../../../lib/qualification/decide';
import { formatHlc } from '../../../lib/replication/hlc';
import { dispositionStandings } from '../../../lib/replication/merge';
import { NOW } from '../../support/factories';

/**
 * One rule for "which decision is in force", whoever asks: the sidebar and the dashboard
 * (lib/qualification `decisionInForce`) and the server and the sync client
 * (lib/replication `dispositionStandings`) must name the same decision for any history,
 * in any order.
 */

const LEAD = '01JD0000000000000000000000';
let serial = 0;
const id = () => `01JD${String(++serial).padStart(22, '0')}`;

function decision(at: number, kind: 'accepted_sql' | 'rejected' = 'accepted_sql'): Disposition {
  return DispositionSchema.parse(
    kind === 'accepted_sql'
      ? { id: id(), leadId: LEAD, decision: 'accepted_sql', route: 'mql_handoff', decidedBy: 'rep', decidedAt: at }
      : {
          id: id(),
          leadId: LEAD,
          decision: 'rejected',
          route: 'mql_handoff',
          reason: 'no_budget',
          outcome: { kind: 'disqualified' },
          decidedBy: 'rep',
          decidedAt: at,
        },
  );
}

const withdrawal = (of: Disposition, at: number): Disposition =>
  DispositionSchema.parse({
    id: id(),
    leadId: LEAD,
    decision: 'withdrawn',
    route: of.route,
    withdraws: of.id,
    decidedBy: 'rep',
    decidedAt: at,
  });

/** A small seeded generator (mulberry32), so a failure names its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe('the decision in force', () => {
  it('is the same decision for the sidebar and the server, in any order, ties included', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const history: Disposition[] = [];
      const clocks = new Map<string, string>();
      const count = 1 + Math.floor(next() * 6);
      for (let i = 0; i < count; i++) {
        // Few distinct times, so equal clocks (two browsers, one millisecond) happen often.
        const at = NOW + Math.floor(next() * 3);
        const made =
          next() < 0.3 && history.length > 0
            ? withdrawal(history[Math.floor(next() * history.length)] as Disposition, at)
            : decision(at, next() < 0.5 ? 'accepted_sql' : 'rejected');
        history.push(made);
        clocks.set(made.id, formatHlc({ ms: at, counter: 0, node: 'n' }));
      }
      const expected = decisionInForce(history, clocks)?.id;
      for (let round = 0; round < 4; round++) {
        const order = shuffle(history, next);
        expect(decisionInForce(order, clocks)?.id, `seed ${seed}`).toBe(expected);
        const standings = dispositionStandings(
          order.map((d) => ({ disposition: d, hlc: clocks.get(d.id) as string, basedOn: null })),
        );
        const current = [...standings].find(([, s]) => s.current)?.[0];
        expect(current, `seed ${seed}`).toBe(expected);
      }
    }
  });

  it('skips withdrawals and what they withdrew, and is undefined when nothing is left', () => {
    const accepted = decision(NOW);
    const rejected = decision(NOW + 5, 'rejected');
    const undo = withdrawal(rejected, NOW + 6);
    expect(
      latestInForce(
        [accepted, rejected, undo],
        (d) => d,
        (d) => String(d.decidedAt),
      ),
    ).toBe(accepted);
    expect(decisionInForce([accepted, withdrawal(accepted, NOW + 1)])).toBeUndefined();
  });
});
