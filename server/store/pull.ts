import type { PulledRecord, PullQuery, PullResponse } from '../../lib/replication/contract';
import type { Sql } from '../db/database';
import { RequestError } from '../errors';
import type { Principal } from './teams';
import type { RecordRow } from './team-write';

/** The wire form of a stored record: the rule state a client needs, nothing server-internal. */
export function toPulled(row: RecordRow): PulledRecord {
  const base = { recordId: row.record_id, seq: row.seq, hlc: row.hlc };
  switch (row.table_name) {
    case 'leads':
    case 'qualifications':
      return { table: row.table_name, ...base, data: row.data, clocks: row.clocks } as PulledRecord;
    case 'dispositions':
      return { table: 'dispositions', ...base, data: row.data, basedOn: row.meta.basedOn ?? null } as PulledRecord;
    default:
      return { table: row.table_name, ...base, data: row.data } as PulledRecord;
  }
}

/**
 * The team's records changed after `cursor`, oldest change first. Gap-free because writes
 * commit their sequence numbers in order (see TeamWrite); a record changed again moves to
 * a later number and comes again, merged. One statement, so one snapshot per page.
 */
export async function pull(db: Sql, principal: Principal, query: PullQuery): Promise<PullResponse> {
  const cursor = Number(query.cursor);
  const [team] = await db.query<{ seq: number }>('SELECT seq FROM teams WHERE id = $1', [principal.teamId]);
  if (!team) throw new Error(`Team ${principal.teamId} does not exist`);
  if (cursor > team.seq) {
    // A cursor this server never handed out: its database was replaced or restored. Pulling
    // from it would silently skip everything below, so the client must start over.
    throw new RequestError(
      409,
      'cursor_ahead',
      `The cursor ${cursor} is past the server's latest change (${team.seq}): pull again from "0"`,
    );
  }
  const rows = await db.query<RecordRow>(
    `SELECT table_name, record_id, data, clocks, meta, hlc, seq FROM records
      WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [principal.teamId, cursor, query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    records: page.map(toPulled),
    cursor: last ? String(last.seq) : query.cursor,
    hasMore: rows.length > query.limit,
  };
}
