import { normalizeEmail } from '../../lib/domain/identity';
import type { Lead } from '../../lib/domain/lead';
import type { PullTable } from '../../lib/replication/contract';
import type { Sql } from '../db/database';
import type { RecordState } from '../../lib/replication/merge';

export interface RecordRow {
  table_name: PullTable;
  record_id: string;
  data: Record<string, unknown>;
  clocks: Record<string, string>;
  meta: Record<string, unknown>;
  hlc: string;
  seq: number;
}

export function stateOf(row: RecordRow): RecordState {
  return {
    table: row.table_name,
    recordId: row.record_id,
    data: row.data,
    clocks: row.clocks,
    hlc: row.hlc,
    meta: row.meta,
  };
}

const keyOf = (table: string, recordId: string) => `${table}\u0000${recordId}`;

/** An identity key of a lead: a normalised email, or `<system>:<id>` of a CRM. */
export type LeadKeyKind = 'email' | 'crm';

/** The identity keys of a lead, derived from it (never stored by hand, so never stale). */
export function leadKeys(lead: Pick<Lead, 'person' | 'crmIds'>): { kind: LeadKeyKind; key: string }[] {
  const keys = new Map<string, { kind: LeadKeyKind; key: string }>();
  for (const email of lead.person.emails) {
    const key = normalizeEmail(email);
    keys.set(`email:${key}`, { kind: 'email', key });
  }
  for (const [system, id] of Object.entries(lead.crmIds ?? {})) {
    if (id) keys.set(`crm:${system}:${id}`, { kind: 'crm', key: `${system}:${id}` });
  }
  return [...keys.values()];
}

/**
 * One write to a team's records, inside a transaction. Beginning it locks the team's row,
 * which does two things: pushes of one team run one after the other (so the
 * already-applied check and the merges see every earlier push), and sequence numbers are
 * handed out and committed in order, so a pull (`seq > cursor`) can never see a number
 * while a smaller one is still uncommitted: the cursor never skips a change.
 */
export class TeamWrite {
  private readonly cache = new Map<string, RecordState | null>();
  /** Records to write, in the order first touched: a lead created before its events pulls first. */
  private readonly dirty = new Map<string, RecordState>();

  private constructor(
    private readonly tx: Sql,
    readonly teamId: string,
    private seq: number,
  ) {}

  /** Locks the team row for the rest of the transaction. */
  static async begin(tx: Sql, teamId: string): Promise<TeamWrite> {
    const [team] = await tx.query<{ seq: number }>('SELECT seq FROM teams WHERE id = $1 FOR UPDATE', [teamId]);
    if (!team) throw new Error(`Team ${teamId} does not exist`);
    return new TeamWrite(tx, teamId, team.seq);
  }

  /** Loads the records a batch will touch in one query. */
  async prefetch(keys: readonly { table: string; recordId: string }[]): Promise<void> {
    const missing = keys.filter((k) => !this.cache.has(keyOf(k.table, k.recordId)));
    if (missing.length === 0) return;
    const rows = await this.tx.query<RecordRow>(
      `SELECT r.table_name, r.record_id, r.data, r.clocks, r.meta, r.hlc, r.seq
         FROM records r
         JOIN jsonb_to_recordset($2::jsonb) AS k(t text, r text) ON r.table_name = k.t AND r.record_id = k.r
        WHERE r.team_id = $1`,
      [this.teamId, JSON.stringify(missing.map((k) => ({ t: k.table, r: k.recordId })))],
    );
    for (const k of missing) this.cache.set(keyOf(k.table, k.recordId), null);
    for (const row of rows) this.cache.set(keyOf(row.table_name, row.record_id), stateOf(row));
  }

  /** The record as this write sees it (its own changes included), `undefined` when there is none. */
  async get(table: PullTable, recordId: string): Promise<RecordState | undefined> {
    const key = keyOf(table, recordId);
    if (!this.cache.has(key)) await this.prefetch([{ table, recordId }]);
    return this.cache.get(key) ?? undefined;
  }

  /** Stages a record to be written at {@link commit}. */
  put(record: RecordState): void {
    const key = keyOf(record.table, record.recordId);
    this.cache.set(key, record);
    this.dirty.set(key, record);
  }

  /**
   * The id of the oldest lead with this identity key, as this write sees it (leads staged
   * here included, their old keys excluded), or `undefined`.
   */
  async findLead(kind: LeadKeyKind, key: string): Promise<string | undefined> {
    const matches = (record: RecordState) =>
      leadKeys(record.data as unknown as Lead).some((k) => k.kind === kind && k.key === key);
    const staged = [...this.dirty.values()].filter((r) => r.table === 'leads' && matches(r)).map((r) => r.recordId);
    const stored = await this.tx.query<{ lead_id: string }>(
      'SELECT lead_id FROM lead_keys WHERE team_id = $1 AND kind = $2 AND key = $3',
      [this.teamId, kind, key],
    );
    const found = stored
      .map((row) => row.lead_id)
      .filter((id) => {
        const record = this.dirty.get(keyOf('leads', id));
        return record === undefined || matches(record);
      });
    return [...staged, ...found].sort()[0];
  }

  /**
   * Writes the staged records with new sequence numbers, refreshes the identity keys of the
   * leads among them and moves the team's sequence on. Returns each written record's number
   * and the team's latest.
   */
  async commit(): Promise<{ seqs: Map<string, number>; serverSeq: number }> {
    const seqs = new Map<string, number>();
    if (this.dirty.size === 0) return { seqs, serverSeq: this.seq };
    const rows = [...this.dirty.entries()].map(([key, record]) => {
      this.seq += 1;
      seqs.set(key, this.seq);
      return {
        table_name: record.table,
        record_id: record.recordId,
        data: record.data,
        clocks: record.clocks,
        meta: record.meta,
        hlc: record.hlc,
        seq: this.seq,
      };
    });
    await this.tx.query(
      `INSERT INTO records (team_id, table_name, record_id, data, clocks, meta, hlc, seq)
       SELECT $1, x.table_name, x.record_id, x.data, x.clocks, x.meta, x.hlc, x.seq
         FROM jsonb_to_recordset($2::jsonb)
           AS x(table_name text, record_id text, data jsonb, clocks jsonb, meta jsonb, hlc text, seq bigint)
       ON CONFLICT (team_id, table_name, record_id) DO UPDATE
         SET data = excluded.data, clocks = excluded.clocks, meta = excluded.meta, hlc = excluded.hlc,
             seq = excluded.seq, updated_at = now()`,
      [this.teamId, JSON.stringify(rows)],
    );
    const leads = [...this.dirty.values()].filter((r) => r.table === 'leads');
    if (leads.length > 0) {
      await this.tx.query(
        'DELETE FROM lead_keys WHERE team_id = $1 AND lead_id = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))',
        [this.teamId, JSON.stringify(leads.map((l) => l.recordId))],
      );
      const keys = leads.flatMap((l) =>
        leadKeys(l.data as unknown as Lead).map((k) => ({ ...k, lead_id: l.recordId })),
      );
      if (keys.length > 0) {
        await this.tx.query(
          `INSERT INTO lead_keys (team_id, kind, key, lead_id)
           SELECT $1, k.kind, k.key, k.lead_id FROM jsonb_to_recordset($2::jsonb) AS k(kind text, key text, lead_id text)
           ON CONFLICT DO NOTHING`,
          [this.teamId, JSON.stringify(keys)],
        );
      }
    }
    await this.tx.query('UPDATE teams SET seq = $2 WHERE id = $1', [this.teamId, this.seq]);
    return { seqs, serverSeq: this.seq };
  }
}

/** The key {@link TeamWrite.commit}'s `seqs` uses for a record. */
export const recordKey = keyOf;
