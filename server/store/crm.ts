import type { Activity } from '../../lib/domain/activity';
import type { Disposition } from '../../lib/domain/disposition';
import type { Lead } from '../../lib/domain/lead';
import {
  CRM_WRITE_STATUSES,
  type Change,
  type CrmStatusResponse,
  type CrmWriteStatus,
} from '../../lib/replication/contract';
import {
  type ConnectorSettings,
  type ConnectorSettingsPatch,
  ConnectorSettingsSchema,
  type HubspotMappingOverrides,
  HubspotMappingOverridesSchema,
  resolveHubspotMapping,
} from '../crm/mapping';
import { decryptSecret, encryptSecret } from '../crm/secrets';
import type { ConnectionView } from '../crm/wire';
import type { Database, Sql } from '../db/database';

export type CrmSystem = 'hubspot' | 'salesforce';
export type OutboxKind = 'decision' | 'touch';

/** A team's connection as the worker reads it (the secret still encrypted). */
export interface ConnectionRow {
  team_id: string;
  system: CrmSystem;
  secret: string;
  mapping: HubspotMappingOverrides;
  settings: ConnectorSettings;
  status: 'active' | 'needs_attention';
  status_message: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** One queued write, as claimed by the worker. */
export interface OutboxRow {
  id: number;
  team_id: string;
  system: CrmSystem;
  kind: OutboxKind;
  record_id: string;
  lead_id: string;
  first_touch: boolean;
  status: CrmWriteStatus;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  crm_record_id: string | null;
  engagement_id: string | null;
  engagement_sent_at: number | null;
}

/** How a claimed write ended this time. */
export type Settlement =
  | { status: 'written'; crmRecordId?: string; engagementId?: string }
  | { status: 'refused'; message: string; crmRecordId?: string }
  | { status: 'superseded'; message: string }
  /** Not done yet: try again at `nextAttemptAt`; `counted` false when the failure was not this write's (a refused token). */
  | { status: 'pending'; message: string; nextAttemptAt: number; counted: boolean };

/** The lead's record in the CRM and how it was found. */
export interface ContactLink {
  recordId: string;
  matchedBy: 'crm_id' | 'email' | 'created';
}

/**
 * Queues the CRM writes that a push's applied changes cause, in the push's own transaction, for a
 * team with a CRM connected: each decision (accept, reject, withdraw, opportunity, won, lost), and
 * each logged call and each lead's first touch (every touch when the team asks for all). One row
 * per (team, system, kind, record): a retried push, or the same record pushed again from another
 * browser, queues nothing more. Returns how many rows were queued.
 */
export async function enqueueCrmWrites(
  tx: Sql,
  teamId: string,
  changes: readonly Change[],
  now: number,
): Promise<number> {
  const relevant = changes.filter((c) => c.table === 'dispositions' || c.table === 'activities');
  if (relevant.length === 0) return 0;
  const [connection] = await tx.query<{ system: CrmSystem; settings: ConnectorSettings }>(
    'SELECT system, settings FROM crm_connections WHERE team_id = $1',
    [teamId],
  );
  if (!connection) return 0;
  const settings = ConnectorSettingsSchema.parse(connection.settings);
  const rows: { kind: OutboxKind; record_id: string; lead_id: string; first_touch: boolean }[] = [];
  const touches: Activity[] = [];
  for (const change of relevant) {
    if (change.table === 'dispositions') {
      rows.push({ kind: 'decision', record_id: change.recordId, lead_id: change.record.leadId, first_touch: false });
    } else if (change.table === 'activities') {
      touches.push(change.record as Activity);
    }
  }
  const first = await firstTouches(tx, teamId, touches);
  for (const touch of touches) {
    const isFirst = first.has(touch.id);
    if (touch.kind === 'call' || isFirst || settings.touches === 'all') {
      rows.push({ kind: 'touch', record_id: touch.id, lead_id: touch.leadId, first_touch: isFirst });
    }
  }
  if (rows.length === 0) return 0;
  // In the order the changes were made: the worker writes a lead's decisions oldest first.
  const inserted = await tx.query(
    `INSERT INTO crm_outbox (team_id, system, kind, record_id, lead_id, first_touch, next_attempt_at)
     SELECT $1, $2, e.v ->> 'kind', e.v ->> 'record_id', e.v ->> 'lead_id', (e.v ->> 'first_touch')::boolean, $3
       FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS e(v, n)
      ORDER BY e.n
     ON CONFLICT (team_id, system, kind, record_id) DO NOTHING
     RETURNING id`,
    [teamId, connection.system, now, JSON.stringify(rows)],
  );
  return inserted.length;
}

/**
 * Which of these touches is its lead's first as the server knows it now (this push's records
 * included): none of the lead's other touches happened before it. A touch made offline and
 * pushed later than a later one is a first touch too; both are logged then.
 */
async function firstTouches(tx: Sql, teamId: string, touches: readonly Activity[]): Promise<Set<string>> {
  if (touches.length === 0) return new Set();
  const rows = await tx.query<{ id: string }>(
    `SELECT x.id FROM jsonb_to_recordset($2::jsonb) AS x(id text, lead_id text, at bigint)
      WHERE NOT EXISTS (
        SELECT 1 FROM records r
         WHERE r.team_id = $1 AND r.table_name = 'activities' AND r.data ->> 'leadId' = x.lead_id
           AND r.record_id <> x.id AND ((r.data ->> 'occurredAt')::bigint, r.record_id) < (x.at, x.id))`,
    [teamId, JSON.stringify(touches.map((t) => ({ id: t.id, lead_id: t.leadId, at: t.occurredAt })))],
  );
  return new Set(rows.map((row) => row.id));
}

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * A team's CRM connection and its outbox: what the admin API and commands change, what a rep's
 * status request reads, and what the worker (server/crm/worker.ts) claims and settles. Every
 * statement is scoped to one team. The secret is encrypted on the way in and decrypted only
 * for the worker; nothing here returns it to a caller that answers a request.
 */
export class CrmStore {
  constructor(
    private readonly db: Database,
    private readonly options: { now: () => number; secretKey?: Buffer },
  ) {}

  /** Connects (or reconnects with a new token): encrypted, status active, settings and mapping merged. */
  async connect(
    teamId: string,
    input: { system: CrmSystem; secret: string; settings?: ConnectorSettingsPatch; mapping?: HubspotMappingOverrides },
  ): Promise<ConnectionView> {
    const [team] = await this.db.query('SELECT 1 FROM teams WHERE id = $1', [teamId]);
    if (!team) throw new Error(`No team with id ${teamId}`);
    const secret = encryptSecret(this.options.secretKey, { teamId, system: input.system }, input.secret);
    const existing = await this.row(teamId);
    const settings = ConnectorSettingsSchema.parse({ ...existing?.settings, ...input.settings });
    const mapping = input.mapping ?? existing?.mapping ?? {};
    // Validate the whole mapping now: a bad override is refused at the door, not at the first write.
    resolveHubspotMapping(mapping);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO crm_connections (team_id, system, secret, mapping, settings)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)
         ON CONFLICT (team_id) DO UPDATE
           SET system = excluded.system, secret = excluded.secret, mapping = excluded.mapping,
               settings = excluded.settings, status = 'active', status_message = NULL, updated_at = now()`,
        [teamId, input.system, secret, JSON.stringify(mapping), JSON.stringify(settings)],
      );
      // A new token may be another account: the records matched through the old one are forgotten.
      await tx.query('DELETE FROM crm_contacts WHERE team_id = $1', [teamId]);
    });
    return this.viewOrThrow(teamId);
  }

  /** Changes settings or the mapping; `undefined` when the team has no connection. */
  async update(
    teamId: string,
    patch: { settings?: ConnectorSettingsPatch; mapping?: HubspotMappingOverrides | null },
  ): Promise<ConnectionView | undefined> {
    const existing = await this.row(teamId);
    if (!existing) return undefined;
    const settings = ConnectorSettingsSchema.parse({ ...existing.settings, ...patch.settings });
    const mapping = patch.mapping === undefined ? existing.mapping : (patch.mapping ?? {});
    resolveHubspotMapping(mapping);
    await this.db.query(
      'UPDATE crm_connections SET settings = $2::jsonb, mapping = $3::jsonb, updated_at = now() WHERE team_id = $1',
      [teamId, JSON.stringify(settings), JSON.stringify(mapping)],
    );
    return this.viewOrThrow(teamId);
  }

  /** Forgets the connection and its secret. Queued writes stay (they go out if the team connects again). */
  async disconnect(teamId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query('DELETE FROM crm_connections WHERE team_id = $1 RETURNING team_id', [teamId]);
      await tx.query('DELETE FROM crm_contacts WHERE team_id = $1', [teamId]);
      return rows.length > 0;
    });
  }

  /** The connection without its secret, or `null`. */
  async connection(teamId: string): Promise<ConnectionView | null> {
    const row = await this.row(teamId);
    if (!row) return null;
    const counts = await this.db.query<{ status: CrmWriteStatus; n: number }>(
      'SELECT status, count(*)::int AS n FROM crm_outbox WHERE team_id = $1 AND system = $2 GROUP BY status',
      [teamId, row.system],
    );
    const outbox = Object.fromEntries(CRM_WRITE_STATUSES.map((s) => [s, 0])) as Record<CrmWriteStatus, number>;
    for (const { status, n } of counts) outbox[status] = n;
    return {
      system: row.system,
      status: row.status,
      statusMessage: row.status_message,
      settings: row.settings,
      mapping: resolveHubspotMapping(row.mapping),
      mappingOverrides: row.mapping,
      outbox,
      connectedAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  }

  /** Refused writes back in the queue, due now (the team's, or one lead's). Returns how many. */
  async requeue(teamId: string, leadId?: string): Promise<number> {
    const rows = await this.db.query(
      `UPDATE crm_outbox SET status = 'pending', attempts = 0, next_attempt_at = $3, lease_until = NULL
        WHERE team_id = $1 AND status = 'refused' AND ($2::text IS NULL OR lead_id = $2::text)
        RETURNING id`,
      [teamId, leadId ?? null, this.options.now()],
    );
    return rows.length;
  }

  /** A lead's CRM writes, oldest first, with the team's connection (for `GET /v1/crm/status`). */
  async status(teamId: string, leadId: string): Promise<CrmStatusResponse> {
    const [connection] = await this.db.query<{ system: CrmSystem; status: 'active' | 'needs_attention' }>(
      'SELECT system, status FROM crm_connections WHERE team_id = $1',
      [teamId],
    );
    const rows = await this.db.query<OutboxRow & { written_at: number | null }>(
      `SELECT kind, record_id, status, attempts, next_attempt_at, last_error, written_at, crm_record_id, engagement_id
         FROM crm_outbox WHERE team_id = $1 AND lead_id = $2 ORDER BY id`,
      [teamId, leadId],
    );
    return {
      connection: connection ? { system: connection.system, status: connection.status } : null,
      writes: rows.map((row) => ({
        kind: row.kind,
        recordId: row.record_id,
        status: row.status,
        message: row.status === 'written' ? null : row.last_error,
        attempts: row.attempts,
        nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
        writtenAt: row.written_at,
        crmRecordId: row.crm_record_id,
        engagementId: row.engagement_id,
      })),
    };
  }

  /** The team's refused writes, oldest first, with the CRM's reason (for `crm-status`). */
  async refused(
    teamId: string,
    limit = 50,
  ): Promise<{ leadId: string; kind: OutboxKind; recordId: string; message: string | null }[]> {
    const rows = await this.db.query<{
      lead_id: string;
      kind: OutboxKind;
      record_id: string;
      last_error: string | null;
    }>(
      `SELECT lead_id, kind, record_id, last_error FROM crm_outbox
        WHERE team_id = $1 AND status = 'refused' ORDER BY id LIMIT $2`,
      [teamId, limit],
    );
    return rows.map((r) => ({ leadId: r.lead_id, kind: r.kind, recordId: r.record_id, message: r.last_error }));
  }

  // -------------------------------------------------------------------------------------
  // The worker's side

  /** Whether this server has the key to read a stored secret at all. */
  get hasSecretKey(): boolean {
    return this.options.secretKey !== undefined;
  }

  /** Teams whose connection is active and that have a write due now. */
  async dueTeams(now: number): Promise<{ teamId: string; system: CrmSystem }[]> {
    const rows = await this.db.query<{ team_id: string; system: CrmSystem }>(
      `SELECT c.team_id, c.system FROM crm_connections c
        WHERE c.status = 'active' AND EXISTS (
          SELECT 1 FROM crm_outbox o
           WHERE o.team_id = c.team_id AND o.system = c.system AND o.status = 'pending'
             AND o.next_attempt_at <= $1 AND (o.lease_until IS NULL OR o.lease_until <= $1))
        ORDER BY c.team_id`,
      [now],
    );
    return rows.map((r) => ({ teamId: r.team_id, system: r.system }));
  }

  /** The connection with its secret decrypted (throws a SecretKeyError when it cannot be). */
  async credentials(
    teamId: string,
  ): Promise<
    { system: CrmSystem; secret: string; settings: ConnectorSettings; mapping: HubspotMappingOverrides } | undefined
  > {
    const row = await this.row(teamId);
    if (!row) return undefined;
    const secret = decryptSecret(this.options.secretKey, { teamId, system: row.system }, row.secret);
    return { system: row.system, secret, settings: row.settings, mapping: row.mapping };
  }

  /** Stops the team's writes until an admin connects again, saying why. */
  async needsAttention(teamId: string, message: string): Promise<void> {
    await this.db.query(
      "UPDATE crm_connections SET status = 'needs_attention', status_message = $2, updated_at = now() WHERE team_id = $1",
      [teamId, message],
    );
  }

  /**
   * Claims the team's due writes, oldest first, for `leaseMs`: touches, and of each lead's
   * decisions only the oldest still pending (a later one waits for it, so the CRM ends on the
   * latest). `FOR UPDATE SKIP LOCKED` and the lease keep two server processes from taking one row.
   */
  async claim(teamId: string, system: CrmSystem, now: number, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    const rows = await this.db.query<OutboxRow>(
      `UPDATE crm_outbox SET lease_until = $4
        WHERE id IN (
          SELECT o.id FROM crm_outbox o
           WHERE o.team_id = $1 AND o.system = $2 AND o.status = 'pending' AND o.next_attempt_at <= $3
             AND (o.lease_until IS NULL OR o.lease_until <= $3)
             AND (o.kind = 'touch' OR NOT EXISTS (
               SELECT 1 FROM crm_outbox p
                WHERE p.team_id = o.team_id AND p.system = o.system AND p.lead_id = o.lead_id
                  AND p.kind = 'decision' AND p.status = 'pending' AND p.id < o.id))
           ORDER BY o.id
           LIMIT $5
           FOR UPDATE SKIP LOCKED)
        RETURNING id, team_id, system, kind, record_id, lead_id, first_touch, status, attempts, next_attempt_at,
                  last_error, crm_record_id, engagement_id, engagement_sent_at`,
      [teamId, system, now, now + leaseMs, limit],
    );
    return rows.sort((a, b) => a.id - b.id);
  }

  /** The records the claimed writes are about: leads, dispositions and activities by id. */
  async sources(
    teamId: string,
    rows: readonly OutboxRow[],
  ): Promise<{ leads: Map<string, Lead>; dispositions: Map<string, Disposition>; activities: Map<string, Activity> }> {
    const keys = [
      ...[...new Set(rows.map((r) => r.lead_id))].map((id) => ({ t: 'leads', r: id })),
      ...rows.map((r) => ({ t: r.kind === 'decision' ? 'dispositions' : 'activities', r: r.record_id })),
    ];
    const found = await this.db.query<{ table_name: string; record_id: string; data: unknown }>(
      `SELECT r.table_name, r.record_id, r.data FROM records r
         JOIN jsonb_to_recordset($2::jsonb) AS k(t text, r text) ON r.table_name = k.t AND r.record_id = k.r
        WHERE r.team_id = $1`,
      [teamId, JSON.stringify(keys)],
    );
    const leads = new Map<string, Lead>();
    const dispositions = new Map<string, Disposition>();
    const activities = new Map<string, Activity>();
    for (const row of found) {
      if (row.table_name === 'leads') leads.set(row.record_id, row.data as Lead);
      else if (row.table_name === 'dispositions') dispositions.set(row.record_id, row.data as Disposition);
      else activities.set(row.record_id, row.data as Activity);
    }
    return { leads, dispositions, activities };
  }

  /** Every disposition of a lead with its clock (a withdrawal is written as what is in force after it). */
  async leadHistory(teamId: string, leadId: string): Promise<{ disposition: Disposition; hlc: string }[]> {
    const rows = await this.db.query<{ data: Disposition; hlc: string }>(
      "SELECT data, hlc FROM records WHERE team_id = $1 AND table_name = 'dispositions' AND data ->> 'leadId' = $2",
      [teamId, leadId],
    );
    return rows.map((row) => ({ disposition: row.data, hlc: row.hlc }));
  }

  /** A later decision on the lead is already in the CRM (then this older one must not overwrite it). */
  async laterDecisionWritten(row: OutboxRow): Promise<boolean> {
    const found = await this.db.query(
      `SELECT 1 FROM crm_outbox
        WHERE team_id = $1 AND system = $2 AND lead_id = $3 AND kind = 'decision' AND status = 'written' AND id > $4
        LIMIT 1`,
      [row.team_id, row.system, row.lead_id, row.id],
    );
    return found.length > 0;
  }

  async contact(teamId: string, system: CrmSystem, leadId: string): Promise<ContactLink | undefined> {
    const [row] = await this.db.query<{ record_id: string; matched_by: ContactLink['matchedBy'] }>(
      'SELECT record_id, matched_by FROM crm_contacts WHERE team_id = $1 AND system = $2 AND lead_id = $3',
      [teamId, system, leadId],
    );
    return row && { recordId: row.record_id, matchedBy: row.matched_by };
  }

  async saveContact(teamId: string, system: CrmSystem, leadId: string, link: ContactLink): Promise<void> {
    await this.db.query(
      `INSERT INTO crm_contacts (team_id, system, lead_id, record_id, matched_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (team_id, system, lead_id) DO UPDATE SET record_id = excluded.record_id, matched_by = excluded.matched_by`,
      [teamId, system, leadId, link.recordId, link.matchedBy],
    );
  }

  /** The CRM says the record is gone: the next write matches the lead again. */
  async forgetContact(teamId: string, system: CrmSystem, leadId: string): Promise<void> {
    await this.db.query('DELETE FROM crm_contacts WHERE team_id = $1 AND system = $2 AND lead_id = $3', [
      teamId,
      system,
      leadId,
    ]);
  }

  /** Recorded before an engagement's create is sent: a retry then looks for it before creating another. */
  async engagementSent(rowId: number, at: number): Promise<void> {
    await this.db.query('UPDATE crm_outbox SET engagement_sent_at = coalesce(engagement_sent_at, $2) WHERE id = $1', [
      rowId,
      at,
    ]);
  }

  /** Records how a claimed write ended and releases it. */
  async settle(rowId: number, outcome: Settlement, now: number): Promise<void> {
    const pending = outcome.status === 'pending';
    await this.db.query(
      `UPDATE crm_outbox
          SET status = $2, attempts = attempts + $3, next_attempt_at = coalesce($4, next_attempt_at),
              last_error = $5, crm_record_id = coalesce($6, crm_record_id), engagement_id = coalesce($7, engagement_id),
              written_at = $8, lease_until = NULL
        WHERE id = $1`,
      [
        rowId,
        outcome.status,
        pending && !outcome.counted ? 0 : 1,
        pending ? outcome.nextAttemptAt : null,
        outcome.status === 'written' ? null : outcome.message,
        'crmRecordId' in outcome ? (outcome.crmRecordId ?? null) : null,
        'engagementId' in outcome ? (outcome.engagementId ?? null) : null,
        outcome.status === 'written' ? now : null,
      ],
    );
  }

  private async row(teamId: string): Promise<ConnectionRow | undefined> {
    const [row] = await this.db.query<ConnectionRow>('SELECT * FROM crm_connections WHERE team_id = $1', [teamId]);
    if (!row) return undefined;
    return {
      ...row,
      settings: ConnectorSettingsSchema.parse(row.settings),
      mapping: HubspotMappingOverridesSchema.parse(row.mapping),
    };
  }

  private async viewOrThrow(teamId: string): Promise<ConnectionView> {
    const view = await this.connection(teamId);
    if (!view) throw new Error(`No CRM connection for team ${teamId}`);
    return view;
  }
}
