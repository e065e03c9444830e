import { describe, expect, it } from 'vitest';
import type { Disposition } from '../../lib/domain/disposition';
import { newId } from '../../lib/domain/ids';
import { type Change, ChangeSchema } from '../../lib/replication/contract';
import { type RecordState, applyChange, dispositionStandings } from '../../lib/replication/merge';
import { newLeadFields } from './support/data';
import { NOW } from './support/harness';

/** A small deterministic PRNG (mulberry32): the same shuffles on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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

const hlc = (offset: number, node: string) => `${NOW - 100_000 + offset}-0000-${node}`;

function fold(changes: readonly Change[]): RecordState | undefined {
  let state: RecordState | undefined;
  for (const change of changes) {
    const outcome = applyChange(state, change);
    if (outcome.status === 'rejected') throw new Error(JSON.stringify(outcome.issues));
    if (outcome.status === 'applied') state = outcome.record;
  }
  return state;
}

describe('lead merge', () => {
  it('converges to the same lead whatever order the edits arrive in (after its creation)', () => {
    const leadId = newId();
    const parse = (input: unknown) => ChangeSchema.parse(input);
    const create = parse({
      table: 'leads',
      changeId: newId(),
      recordId: leadId,
      hlc: hlc(0, 'a'),
      fields: newLeadFields(),
    });
    const titles = ['CTO', 'VP Ops', 'Head of IT', null, 'Founder'];
    const nodes = ['a', 'b', 'c'];
    const edits = Array.from({ length: 40 }, (_, i) => {
      const n = nodes[i % 3] ?? 'a';
      const fields: Record<string, unknown> =
        i % 4 === 0
          ? { 'person.title': titles[i % titles.length] }
          : i % 4 === 1
            ? { 'company.employees': i * 10, stage: i % 8 === 1 ? 'sql' : 'mql' }
            : i % 4 === 2
              ? { 'crmIds.hubspot': `H${i}`, 'person.phone': i % 3 === 0 ? null : `+1 555 01${i}` }
              : { source: `Source ${i}`, 'times.sqlAt': NOW - i };
      // Clocks interleave between nodes and some share a millisecond.
      return parse({ table: 'leads', changeId: newId(), recordId: leadId, hlc: hlc(1 + Math.floor(i / 2), n), fields });
    });
    const next = random(7);
    const expected = fold([create, ...edits]);
    for (let round = 0; round < 30; round++) {
      expect(fold([create, ...shuffle(edits, next)])).toEqual(expected);
    }
    // The last writer of each field is the edit with the largest clock that set it.
    const lastTitle = [...edits].reverse().find((e) => e.table === 'leads' && 'person.title' in e.fields);
    expect(expected?.clocks['person.title']).toBe(lastTitle?.hlc);
  });

  it('replays as a no-op: applying the same change again changes nothing', () => {
    const change = ChangeSchema.parse({
      table: 'leads',
      changeId: newId(),
      recordId: newId(),
      hlc: hlc(1, 'a'),
      fields: newLeadFields(),
    });
    const once = fold([change]);
    const outcome = applyChange(once, change);
    expect(outcome).toEqual({ status: 'applied', changed: false, record: once });
  });
});

describe('checklist merge', () => {
  it('converges per criterion, framework switches included, whatever the order', () => {
    const leadId = newId();
    const statuses = ['unknown', 'partial', 'confirmed', 'failed'] as const;
    const changes = Array.from({ length: 24 }, (_, i) => {
      const framework = i % 5 === 0 ? 'meddic' : 'bant';
      const keys = framework === 'bant' ? ['budget', 'authority', 'need', 'timeline'] : ['metrics', 'champion'];
      const key = keys[i % keys.length] ?? 'budget';
      return ChangeSchema.parse({
        table: 'qualifications',
        changeId: newId(),
        recordId: leadId,
        hlc: hlc(i, i % 2 ? 'a' : 'b'),
        framework,
        criteria: { [key]: { status: statuses[i % 4], evidence: `note ${i}` } },
      });
    });
    const next = random(11);
    const expected = fold(changes);
    for (let round = 0; round < 30; round++) expect(fold(shuffle(changes, next))).toEqual(expected);
    expect(expected?.data).toMatchObject({ framework: 'bant' });
  });
});

describe('dispositionStandings', () => {
  const d = (id: string, decision: Disposition['decision'], extra: Partial<Disposition> = {}): Disposition =>
    ({
      id,
      leadId: 'L',
      decision,
      route: 'mql_handoff',
      note: '',
      decidedBy: 'x',
      decidedAt: 1,
      ...extra,
    }) as Disposition;

  it('a chain of decisions: the latest live one is current, no conflict', () => {
    const standings = dispositionStandings([
      { disposition: d('1', 'rejected'), hlc: hlc(1, 'a'), basedOn: null },
      { disposition: d('2', 'accepted_sql'), hlc: hlc(2, 'b'), basedOn: '1' },
    ]);
    expect(standings.get('1')).toEqual({ withdrawn: false, current: false, conflict: false });
    expect(standings.get('2')).toEqual({ withdrawn: false, current: true, conflict: false });
  });

  it('a fork is a conflict until one side is withdrawn', () => {
    const fork = [
      { disposition: d('1', 'rejected'), hlc: hlc(1, 'a'), basedOn: null },
      { disposition: d('2', 'accepted_sql'), hlc: hlc(1, 'b'), basedOn: null },
    ];
    expect([...dispositionStandings(fork).values()].map((s) => s.conflict)).toEqual([true, true]);
    expect(dispositionStandings(fork).get('2')?.current).toBe(true);
    const resolved = dispositionStandings([
      ...fork,
      { disposition: d('3', 'withdrawn', { withdraws: '2' }), hlc: hlc(3, 'b'), basedOn: '2' },
    ]);
    expect(resolved.get('1')).toEqual({ withdrawn: false, current: true, conflict: false });
    expect(resolved.get('2')).toEqual({ withdrawn: true, current: false, conflict: false });
    expect(resolved.get('3')).toEqual({ withdrawn: false, current: false, conflict: false });
  });
});
