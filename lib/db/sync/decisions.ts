/**
 * Decision clocks: each decision's clock and basis as sync knows them, and what the sync
 * rules make of a lead's decisions (the current one, the ones made blind). Written by a
 * pull (lib/db/sync/pull.ts), read by the status, the sidebar and the dashboard.
 */
import { type DispositionWithClock, dispositionStandings } from '../../replication/merge';
import type { HandoffDb } from '../db';
import type { DispositionClockRow } from '../sync-state';

/** A lead's decisions that have a clock, each with it, and the clock rows themselves. */
async function clockedHistory(db: HandoffDb, leadId: string) {
  const clocks = await db.dispositionClocks.where('leadId').equals(leadId).toArray();
  const stored = await db.dispositions.bulkGet(clocks.map((c) => c.id));
  const history: DispositionWithClock[] = clocks.flatMap((c, i) => {
    const disposition = stored[i];
    return disposition ? [{ disposition, hlc: c.hlc, basedOn: c.basedOn }] : [];
  });
  return { clocks, history };
}

/**
 * Re-derives which of a lead's decisions conflict (made on the same basis), as the server
 * does. Call it inside a transaction over `dispositions` and `dispositionClocks`.
 */
export async function flagConflicts(db: HandoffDb, leadId: string): Promise<void> {
  const { clocks, history } = await clockedHistory(db, leadId);
  const standings = dispositionStandings(history);
  const updated: DispositionClockRow[] = clocks.map((c) => {
    const { conflict: _conflict, ...rest } = c;
    return standings.get(c.id)?.conflict ? { ...rest, conflict: 1 } : rest;
  });
  await db.dispositionClocks.bulkPut(updated);
}

/**
 * Where each of a lead's decisions stands by the sync rules: the current one is the
 * latest by clock, and decisions made without seeing each other are flagged. Decisions
 * without a clock (made while sync was off and not sent yet) are left out.
 */
export async function standingsOf(db: HandoffDb, leadId: string) {
  return dispositionStandings((await clockedHistory(db, leadId)).history);
}

/** Leads with decisions made without seeing each other, each once. */
export async function conflictedLeads(db: HandoffDb): Promise<string[]> {
  return [...new Set((await db.dispositionClocks.where('conflict').equals(1).toArray()).map((r) => r.leadId))];
}

/**
 * Up to `limit` decision clocks after disposition id `after`, in id order: the dashboard
 * reads them all, a page at a time, to order decisions as sync does.
 */
export async function decisionClocksAfter(
  db: HandoffDb,
  after: string | undefined,
  limit: number,
): Promise<DispositionClockRow[]> {
  const table = db.dispositionClocks;
  return (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(limit).toArray();
}
