import type { Disposition } from '../../lib/domain/disposition';
import type { Lead } from '../../lib/domain/lead';
import { lostReasonLabel } from '../../lib/domain/lost-reasons';
import { reasonLabel } from '../../lib/domain/reasons';
import type { DispositionRow, DispositionsQuery, DispositionsResponse } from '../../lib/replication/contract';
import type { Sql } from '../db/database';
import { type DispositionStanding, type DispositionWithClock, dispositionStandings } from '../../lib/replication/merge';
import type { Principal } from './teams';

interface Row {
  record_id: string;
  data: Disposition;
  hlc: string;
  meta: { basedOn?: string | null };
  lead: Lead | null;
}

/**
 * The team's dispositions for marketing, oldest decision first, with the lead's source and
 * campaign, the reason's label, an acceptance's handoff (who took the SQL, the meeting, the
 * note to sales) and what became of the SQL (an opportunity, a win, a loss with its reason). Whether a decision is current, withdrawn or in conflict
 * is judged on the lead's whole history, not only on the rows inside the date window.
 */
export async function listDispositions(
  db: Sql,
  principal: Principal,
  query: DispositionsQuery,
): Promise<DispositionsResponse> {
  const [afterTime, afterId] = query.after ? query.after.split('_') : [null, null];
  const rows = await db.query<Row>(
    `SELECT d.record_id, d.data, d.hlc, d.meta, l.data AS lead
       FROM records d
       LEFT JOIN records l
         ON l.team_id = d.team_id AND l.table_name = 'leads' AND l.record_id = d.data ->> 'leadId'
      WHERE d.team_id = $1 AND d.table_name = 'dispositions'
        AND ($2::bigint IS NULL OR (d.data ->> 'decidedAt')::bigint >= $2::bigint)
        AND ($3::bigint IS NULL OR (d.data ->> 'decidedAt')::bigint < $3::bigint)
        AND ($4::text IS NULL OR lower(l.data ->> 'source') = lower($4::text))
        AND ($5::text IS NULL OR d.data ->> 'decision' = $5::text)
        AND ($6::bigint IS NULL OR ((d.data ->> 'decidedAt')::bigint, d.record_id) > ($6::bigint, $7::text))
      ORDER BY (d.data ->> 'decidedAt')::bigint, d.record_id
      LIMIT $8`,
    [
      principal.teamId,
      query.from ?? null,
      query.to ?? null,
      query.source ?? null,
      query.decision ?? null,
      afterTime === null ? null : Number(afterTime),
      afterId,
      query.limit + 1,
    ],
  );
  const page = rows.slice(0, query.limit);
  const standings = await standingsOf(db, principal.teamId, [...new Set(page.map((r) => r.data.leadId))]);
  const last = page[page.length - 1];
  return {
    dispositions: page.map((row) => toRow(row, standings)),
    next: rows.length > query.limit && last ? `${last.data.decidedAt}_${last.record_id}` : null,
  };
}

async function standingsOf(db: Sql, teamId: string, leadIds: string[]): Promise<Map<string, DispositionStanding>> {
  if (leadIds.length === 0) return new Map();
  const history = await db.query<Omit<Row, 'lead'>>(
    `SELECT record_id, data, hlc, meta FROM records
      WHERE team_id = $1 AND table_name = 'dispositions'
        AND data ->> 'leadId' IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [teamId, JSON.stringify(leadIds)],
  );
  const byLead = new Map<string, DispositionWithClock[]>();
  for (const row of history) {
    const list = byLead.get(row.data.leadId) ?? [];
    list.push({ disposition: row.data, hlc: row.hlc, basedOn: row.meta.basedOn ?? null });
    byLead.set(row.data.leadId, list);
  }
  return new Map([...byLead.values()].flatMap((list) => [...dispositionStandings(list)]));
}

function toRow(row: Row, standings: Map<string, DispositionStanding>): DispositionRow {
  const d = row.data;
  const lead = row.lead;
  const standing = standings.get(d.id) ?? { withdrawn: false, current: false, conflict: false };
  return {
    id: d.id,
    leadId: d.leadId,
    decidedAt: d.decidedAt,
    decision: d.decision,
    route: d.route,
    reasonCode: d.reason ?? null,
    reasonLabel: d.reason ? reasonLabel(d.reason) : null,
    outcome: d.outcome?.kind ?? null,
    revisitAt: d.outcome?.kind === 'recycled' ? d.outcome.revisitAt : null,
    note: d.note,
    decidedBy: d.decidedBy,
    withdraws: d.withdraws ?? null,
    ...standing,
    handoff: d.handoff
      ? {
          aeName: d.handoff.ae?.name ?? null,
          aeEmail: d.handoff.ae?.email ?? null,
          meetingAt: d.handoff.meetingAt ?? null,
          note: d.handoff.note ?? null,
        }
      : null,
    occurredAt: d.occurredAt ?? null,
    lostReasonCode: d.lostReason ?? null,
    lostReasonLabel: d.lostReason ? lostReasonLabel(d.lostReason) : null,
    lead: {
      name: lead?.person.name ?? null,
      email: lead?.person.emails[0] ?? null,
      company: lead?.company.name ?? null,
      companyDomain: lead?.company.domain ?? null,
      source: lead?.source ?? null,
      campaign: lead?.campaign ?? null,
      stage: lead?.stage ?? null,
    },
  };
}
