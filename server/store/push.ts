import { parseHlc } from '../../lib/replication/hlc';
import type { Change, ChangeResult, Issue, PushRequest, PushResponse } from '../../lib/replication/contract';
import type { Database } from '../db/database';
import { invalid } from '../errors';
import { applyChange } from '../../lib/replication/merge';
import { enqueueCrmWrites } from './crm';
import type { Principal } from './teams';
import { TeamWrite, recordKey } from './team-write';

export interface PushOptions {
  now: number;
  /** Clocks further ahead of the server's time than this are refused (a device with a wrong date). */
  maxClockSkewMs: number;
}

/**
 * Applies a validated batch in one transaction. Changes this client already pushed (same
 * changeId) are not applied again: their stored results are returned, so a retried push
 * after a lost response answers exactly as the first time. A change whose merged record
 * would not be valid is `rejected` (stored too, so a retry agrees); everything else is
 * written together or, if anything fails, not at all. For a team with a CRM connected, the
 * CRM writes the applied decisions and touches cause are queued in the same transaction
 * (./crm.ts `enqueueCrmWrites`): a change is in the CRM's outbox exactly when it is stored.
 */
export async function push(
  db: Database,
  principal: Principal,
  request: PushRequest,
  options: PushOptions,
): Promise<PushResponse> {
  checkClocks(request, options);
  return db.transaction(async (tx) => {
    const write = await TeamWrite.begin(tx, principal.teamId);
    const stored = await tx.query<{ change_id: string; result: ChangeResult }>(
      `SELECT change_id, result FROM applied_changes
        WHERE team_id = $1 AND client_id = $2 AND change_id = ANY (ARRAY(SELECT jsonb_array_elements_text($3::jsonb)))`,
      [principal.teamId, request.clientId, JSON.stringify(request.changes.map((c) => c.changeId))],
    );
    const previous = new Map(stored.map((row) => [row.change_id, row.result]));
    const pending = request.changes.filter((change) => !previous.has(change.changeId));
    await write.prefetch(pending.map((change) => ({ table: change.table, recordId: change.recordId })));

    const fresh = new Map<string, { result: ChangeResult; key?: string }>();
    const applied: Change[] = [];
    for (const change of pending) {
      const outcome = applyChange(await write.get(change.table, change.recordId), change);
      if (outcome.status === 'applied' && outcome.changed) {
        write.put(outcome.record);
        applied.push(change);
        fresh.set(change.changeId, {
          result: { changeId: change.changeId, status: 'applied' },
          key: recordKey(change.table, change.recordId),
        });
      } else if (outcome.status === 'rejected') {
        fresh.set(change.changeId, {
          result: { changeId: change.changeId, status: 'rejected', issues: outcome.issues },
        });
      } else {
        fresh.set(change.changeId, { result: { changeId: change.changeId, status: outcome.status } });
      }
    }
    const { seqs, serverSeq } = await write.commit();
    await enqueueCrmWrites(tx, principal.teamId, applied, options.now);
    for (const entry of fresh.values()) {
      const seq = entry.key === undefined ? undefined : seqs.get(entry.key);
      if (seq !== undefined) entry.result.seq = seq;
    }
    if (fresh.size > 0) {
      await tx.query(
        `INSERT INTO applied_changes (team_id, client_id, change_id, result)
         SELECT $1, $2, x.change_id, x.result FROM jsonb_to_recordset($3::jsonb) AS x(change_id text, result jsonb)`,
        [
          principal.teamId,
          request.clientId,
          JSON.stringify([...fresh.entries()].map(([changeId, { result }]) => ({ change_id: changeId, result }))),
        ],
      );
    }
    const results = request.changes.map((change) => {
      const result = previous.get(change.changeId) ?? fresh.get(change.changeId)?.result;
      if (!result) throw new Error(`No result for change ${change.changeId}`);
      return result;
    });
    return { results, serverSeq };
  });
}

function checkClocks(request: PushRequest, options: PushOptions): void {
  const issues: Issue[] = [];
  request.changes.forEach((change, index) => {
    const ahead = parseHlc(change.hlc).ms - options.now;
    if (ahead > options.maxClockSkewMs) {
      issues.push({
        path: `changes.${index}.hlc`,
        message: `The clock is ${Math.round(ahead / 60_000)} minutes ahead of the server's: check the device's date and time`,
      });
    }
  });
  if (issues.length > 0) throw invalid('push', issues);
}
