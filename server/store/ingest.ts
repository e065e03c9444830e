import { EngagementEventSchema } from '../../lib/domain/event';
import { normalizeEmail } from '../../lib/domain/identity';
import { newId } from '../../lib/domain/ids';
import type { Lead } from '../../lib/domain/lead';
import { replacesScore } from '../../lib/domain/marketing-score';
import { canTransition } from '../../lib/qualification/stages';
import type { HybridLogicalClock } from '../../lib/replication/hlc';
import type { IngestRequest, IngestResponse, Issue, LeadFields, MarketingScore } from '../../lib/replication/contract';
import type { Database } from '../db/database';
import { invalid } from '../errors';
import { applyChange, type RecordState } from '../../lib/replication/merge';
import type { Principal } from './teams';
import { TeamWrite } from './team-write';

export interface IngestOptions {
  now: number;
  /** The server's clock: ingested changes are ordered after everything the server has seen. */
  clock: HybridLogicalClock;
}

type Item = IngestRequest['items'][number];

/**
 * Takes what a marketing automation tool posts: finds each lead by CRM id, then email
 * (creating it when unknown), appends its events as records other clients pull, stores
 * its score and hands it over as an MQL when asked. One transaction for the request; a
 * repeated `ingestId` from the same token returns the stored result.
 */
export async function ingest(
  db: Database,
  principal: Principal,
  request: IngestRequest,
  options: IngestOptions,
): Promise<IngestResponse> {
  const clientId = `ingest:${principal.tokenId}`;
  return db.transaction(async (tx) => {
    const write = await TeamWrite.begin(tx, principal.teamId);
    const [stored] = await tx.query<{ result: IngestResponse }>(
      'SELECT result FROM applied_changes WHERE team_id = $1 AND client_id = $2 AND change_id = $3',
      [principal.teamId, clientId, request.ingestId],
    );
    if (stored) return stored.result;

    const items: IngestResponse['items'] = [];
    for (const [index, item] of request.items.entries()) items.push(await ingestItem(write, item, index, options));
    const { serverSeq } = await write.commit();
    const result: IngestResponse = { items, serverSeq };
    await tx.query(
      'INSERT INTO applied_changes (team_id, client_id, change_id, result) VALUES ($1, $2, $3, $4::jsonb)',
      [principal.teamId, clientId, request.ingestId, JSON.stringify(result)],
    );
    return result;
  });
}

/** A clock after the record's, so a server-made change follows what it builds on. */
function clockAfter(clock: HybridLogicalClock, record: RecordState | undefined): string {
  if (record) clock.receive(record.hlc);
  return clock.tick();
}

async function ingestItem(
  write: TeamWrite,
  item: Item,
  index: number,
  options: IngestOptions,
): Promise<IngestResponse['items'][number]> {
  const { lead: who } = item;
  const { now, clock } = options;
  const at = (path: string) => `items.${index}.${path}`;

  let leadId =
    (who.crm && (await write.findLead('crm', `${who.crm.system}:${who.crm.id}`))) ||
    (who.email && (await write.findLead('email', normalizeEmail(who.email)))) ||
    undefined;
  const created = leadId === undefined;
  let mql: 'promoted' | 'unchanged' = 'unchanged';
  const fields: LeadFields = {};

  if (leadId === undefined) {
    if (!who.name) {
      throw invalid('ingest', [
        { path: at('lead.name'), message: 'No lead has this email or CRM id: give a name to create it' },
      ]);
    }
    leadId = newId(now);
    Object.assign(fields, {
      'person.name': who.name,
      'person.emails': who.email ? [who.email] : [],
      stage: item.mql ? 'mql' : 'lead',
      'times.createdAt': now,
      updatedAt: now,
    });
    if (item.mql) {
      fields['times.mqlAt'] = now;
      mql = 'promoted';
    }
    if (who.title) fields['person.title'] = who.title;
    if (who.linkedinUrl) fields['person.linkedinUrl'] = who.linkedinUrl;
    if (who.source) fields.source = who.source;
    if (who.campaign) fields.campaign = who.campaign;
    for (const [key, value] of Object.entries(who.company ?? {}))
      if (value !== undefined) fields[`company.${key}`] = value;
  }
  const current = await write.get('leads', leadId);
  const lead = current?.data as Lead | undefined;
  if (who.crm && !lead?.crmIds[who.crm.system]) fields[`crmIds.${who.crm.system}`] = who.crm.id;
  if (lead && item.mql && canTransition(lead.stage, 'mql')) {
    Object.assign(fields, { stage: 'mql', 'times.mqlAt': now, revisitAt: null, updatedAt: now });
    mql = 'promoted';
  }
  if (Object.keys(fields).length > 0) {
    const outcome = applyChange(current, {
      table: 'leads',
      changeId: newId(now),
      recordId: leadId,
      hlc: clockAfter(clock, current),
      fields,
    });
    if (outcome.status === 'rejected') {
      throw invalid(
        'ingest',
        outcome.issues.map((issue): Issue => ({ ...issue, path: at(`lead.${issue.path}`) })),
      );
    }
    if (outcome.status === 'applied' && outcome.changed) write.put(outcome.record);
  }

  const eventIds: string[] = [];
  for (const event of item.events) {
    const id = newId(now);
    const record = EngagementEventSchema.parse({ ...event, id, leadId, origin: 'ingested' });
    write.put({ table: 'events', recordId: id, data: record, clocks: {}, hlc: clock.tick(), meta: {} });
    eventIds.push(id);
  }

  let scoreStored = false;
  if (item.score) {
    const score: MarketingScore = { leadId, ...item.score };
    const recordId = `${leadId}:${score.system}`;
    const existing = await write.get('scores', recordId);
    // Marketing tools resend and reorder: the newest score by its own time wins, not the last to arrive.
    if (replacesScore(score, existing?.data as MarketingScore | undefined)) {
      write.put({ table: 'scores', recordId, data: score, clocks: {}, hlc: clockAfter(clock, existing), meta: {} });
      scoreStored = true;
    }
  }
  return { leadId, created, eventIds, mql, scoreStored };
}
