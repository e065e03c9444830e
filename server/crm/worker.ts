/**
 * Drains the CRM outbox: for each team with an active connection and writes due, claims them,
 * matches each lead to its HubSpot contact, writes decisions as contact properties (batch
 * updates of up to 100) and touches as call or note engagements, and records what became of
 * each write. Failures follow the outbox's rules: 429 waits for HubSpot's Retry-After, 5xx and
 * timeouts back off exponentially, a validation error refuses the write with HubSpot's message,
 * a refused token stops the team until an admin connects again. `step()` runs one pass (the
 * tests drive it with a clock they move); `start()`/`stop()` run passes on a timer and leave
 * none behind.
 */
import { createHash } from 'node:crypto';
import { latestInForce } from '../../lib/domain/in-force';
import type { Lead } from '../../lib/domain/lead';
import type { ContactLink, CrmStore, CrmSystem, OutboxRow, Settlement } from '../store/crm';
import { type Clock, type CrmError, classify, HubspotApi, type HubspotApiOptions, systemClock } from './hubspot';
import {
  type ConnectorSettings,
  type HubspotMapping,
  hubspotCustomProperties,
  hubspotDecisionProperties,
  hubspotEngagement,
  hubspotWithdrawalProperties,
  resolveHubspotMapping,
} from './mapping';
import { SecretKeyError } from './secrets';

/** The worker's log: pino's (Fastify's `app.log`) fits. Messages carry HubSpot's words, never a token. */
export interface WorkerLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const silent: WorkerLogger = { info() {}, warn() {}, error() {} };

export interface CrmWorkerOptions {
  crm: CrmStore;
  clock?: Clock;
  logger?: WorkerLogger;
  /** HubSpot's API origin (tests: their fake). */
  hubspotBasePath?: string;
  /** One request's limit. Default 30 s. */
  requestTimeoutMs?: number;
  /** Time between passes when there was nothing to do. Default 10 s. */
  pollMs?: number;
  /** Writes claimed per team per pass (decisions go out in batches of up to 100). Default 100. */
  batchSize?: number;
  /** How long a claim holds its rows against another server process. Default 5 minutes. */
  leaseMs?: number;
  /** Exponential backoff for 5xx and timeouts (and 429 without Retry-After): base doubling up to max. */
  backoff?: { baseMs: number; maxMs: number };
  /** Told after each pass the loop ran (tests wait on it rather than on time). */
  onPass?: (report: StepReport) => void;
}

/** What a team's pass needs from its worker. */
interface RunDeps {
  crm: CrmStore;
  clock: Clock;
  log: WorkerLogger;
  backoff: { baseMs: number; maxMs: number };
  /** Per team: the custom properties known to exist in its HubSpot (checked once per process). */
  ensured: Map<string, string>;
}

/** What one pass did, in writes. */
export interface StepReport {
  teams: number;
  written: number;
  refused: number;
  superseded: number;
  /** Went back to the queue (a failure to retry, a contact to match again). */
  retrying: number;
}

const emptyReport = (): StepReport => ({ teams: 0, written: 0, refused: 0, superseded: 0, retrying: 0 });

export class CrmWorker {
  private readonly crm: CrmStore;
  private readonly clock: Clock;
  private readonly log: WorkerLogger;
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly backoff: { baseMs: number; maxMs: number };
  private readonly ensured = new Map<string, string>();
  private warnedNoKey = false;
  private chain: Promise<unknown> = Promise.resolve();
  private running = false;
  private again = false;
  private cancelTimer: (() => void) | undefined;
  private current: Promise<void> | undefined;

  constructor(private readonly options: CrmWorkerOptions) {
    this.crm = options.crm;
    this.clock = options.clock ?? systemClock;
    this.log = options.logger ?? silent;
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.pollMs = options.pollMs ?? 10_000;
    this.batchSize = Math.min(options.batchSize ?? 100, 500);
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.backoff = options.backoff ?? { baseMs: 30_000, maxMs: 60 * 60_000 };
  }

  /** Runs passes until {@link stop}: at once, then after each pass (at once again when it did something). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** A push queued writes: run a pass soon rather than at the next poll. */
  wake(): void {
    if (!this.running) return;
    if (this.current) {
      this.again = true;
      return;
    }
    this.cancelTimer?.();
    this.schedule(0);
  }

  /** Stops the loop: no timer is left, and the pass under way (if any) is waited for. */
  async stop(): Promise<void> {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    await this.current;
  }

  private schedule(ms: number): void {
    this.cancelTimer = this.clock.setTimer(ms, () => {
      this.cancelTimer = undefined;
      this.current = this.tick();
    });
  }

  private async tick(): Promise<void> {
    let busy = false;
    try {
      const report = await this.step();
      busy = report.written + report.refused + report.superseded + report.retrying > 0;
      this.options.onPass?.(report);
    } catch (error) {
      this.log.error({ err: error instanceof Error ? error.message : String(error) }, 'crm: a pass failed');
    } finally {
      this.current = undefined;
      const soon = busy || this.again;
      this.again = false;
      if (this.running) this.schedule(soon ? 0 : this.pollMs);
    }
  }

  /** One pass over every team with writes due. Passes never overlap. */
  step(): Promise<StepReport> {
    const run = this.chain.then(() => this.pass());
    this.chain = run.catch(() => {});
    return run;
  }

  private async pass(): Promise<StepReport> {
    const report = emptyReport();
    for (const { teamId, system } of await this.crm.dueTeams(this.clock.now())) {
      report.teams += 1;
      await this.team(teamId, system, report);
    }
    return report;
  }

  private async team(teamId: string, system: CrmSystem, report: StepReport): Promise<void> {
    if (!this.crm.hasSecretKey) {
      // The operator's to fix (and once fixed, every connection works again): not the team's.
      if (!this.warnedNoKey) this.log.warn({}, 'crm: HANDOFF_SECRET_KEY is not set; no CRM write is sent');
      this.warnedNoKey = true;
      return;
    }
    let credentials: Awaited<ReturnType<CrmStore['credentials']>>;
    try {
      credentials = await this.crm.credentials(teamId);
    } catch (error) {
      if (!(error instanceof SecretKeyError)) throw error;
      await this.crm.needsAttention(teamId, error.message);
      this.log.warn({ teamId, problem: error.message }, 'crm: connection needs attention');
      return;
    }
    if (!credentials || credentials.system !== system) return;
    if (system !== 'hubspot') {
      await this.crm.needsAttention(teamId, 'This server has no Salesforce connector yet');
      return;
    }
    const rows = await this.crm.claim(teamId, system, this.clock.now(), this.batchSize, this.leaseMs);
    if (rows.length === 0) return;
    const api = new HubspotApi(this.apiOptions(credentials.secret));
    const deps: RunDeps = {
      crm: this.crm,
      clock: this.clock,
      log: this.log,
      backoff: this.backoff,
      ensured: this.ensured,
    };
    const run = new HubspotRun(deps, api, {
      teamId,
      // Another token may be another account: its properties are checked again.
      account: createHash('sha256').update(credentials.secret).digest('hex').slice(0, 16),
      mapping: resolveHubspotMapping(credentials.mapping),
      settings: credentials.settings,
    });
    try {
      await run.write(rows);
    } finally {
      api.close();
    }
    const tally = run.tally;
    for (const key of ['written', 'refused', 'superseded', 'retrying'] as const) report[key] += tally[key];
    this.log.info({ teamId, system, ...tally }, 'crm: wrote to HubSpot');
  }

  private apiOptions(accessToken: string): HubspotApiOptions {
    return { accessToken, basePath: this.options.hubspotBasePath, clock: this.clock, timeoutMs: this.timeoutMs };
  }
}

/** When a write failed for the n-th time: base · 2^(n-1), at most max. */
export function backoffMs(attempt: number, backoff: { baseMs: number; maxMs: number }): number {
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
}

interface RunContext {
  teamId: string;
  /** A fingerprint of the token (never the token): which account the ensured properties were checked in. */
  account: string;
  mapping: HubspotMapping;
  settings: ConnectorSettings;
}

type ContactMatch = { contactId: string; cached: boolean } | { refusal: string };

/** One team's claimed writes in one pass: settles every row it was given, one way or another. */
class HubspotRun {
  readonly tally = { written: 0, refused: 0, superseded: 0, retrying: 0 };
  private readonly open = new Map<number, OutboxRow>();
  private readonly contacts = new Map<string, ContactMatch>();
  private leads = new Map<string, Lead>();

  constructor(
    private readonly deps: RunDeps,
    private readonly api: HubspotApi,
    private readonly context: RunContext,
  ) {}

  private get crm() {
    return this.deps.crm;
  }

  private now(): number {
    return this.deps.clock.now();
  }

  async write(rows: readonly OutboxRow[]): Promise<void> {
    for (const row of rows) this.open.set(row.id, row);
    try {
      await this.ensureProperties();
      const sources = await this.crm.sources(this.context.teamId, rows);
      this.leads = sources.leads;
      const decisions: { row: OutboxRow; properties: Record<string, string> }[] = [];
      for (const row of rows.filter((r) => r.kind === 'decision')) {
        const disposition = sources.dispositions.get(row.record_id);
        if (!disposition || !this.leads.has(row.lead_id)) {
          await this.settle(row, { status: 'refused', message: 'The decision or its lead is not on the server' });
        } else if (await this.crm.laterDecisionWritten(row)) {
          await this.settle(row, {
            status: 'superseded',
            message: 'A later decision on this lead was written to HubSpot first; this one would have undone it',
          });
        } else if (disposition.decision === 'withdrawn') {
          const history = await this.crm.leadHistory(this.context.teamId, row.lead_id);
          const inForce = latestInForce(
            history,
            (entry) => entry.disposition,
            (entry) => entry.hlc,
          );
          decisions.push({ row, properties: hubspotWithdrawalProperties(this.context.mapping, inForce?.disposition) });
        } else {
          decisions.push({ row, properties: hubspotDecisionProperties(this.context.mapping, disposition) });
        }
      }
      const ready: { row: OutboxRow; contactId: string; properties: Record<string, string> }[] = [];
      for (const item of decisions) {
        const match = await this.contactFor(item.row.lead_id);
        if ('refusal' in match) await this.settle(item.row, { status: 'refused', message: match.refusal });
        else ready.push({ ...item, contactId: match.contactId });
      }
      for (let i = 0; i < ready.length; i += 100) await this.writeDecisions(ready.slice(i, i + 100));
      for (const row of rows.filter((r) => r.kind === 'touch')) {
        const activity = sources.activities.get(row.record_id);
        if (!activity || !this.leads.has(row.lead_id)) {
          await this.settle(row, { status: 'refused', message: 'The touch or its lead is not on the server' });
          continue;
        }
        await this.writeTouch(row, activity);
      }
    } catch (error) {
      await this.fail(classify(error));
    }
  }

  /** Handoff's custom properties exist in this HubSpot (checked once per process per team and mapping). */
  private async ensureProperties(): Promise<void> {
    const definitions = hubspotCustomProperties(this.context.mapping);
    const key = `${this.context.account}:${JSON.stringify(definitions)}`;
    const { ensured, log } = this.deps;
    if (ensured.get(this.context.teamId) === key) return;
    const created = await this.api.ensureProperties(definitions);
    if (created.length > 0) log.info({ teamId: this.context.teamId, created }, 'crm: created HubSpot properties');
    ensured.set(this.context.teamId, key);
  }

  /**
   * The lead's contact: the one matched before; else by the lead's HubSpot id; else by email
   * (the oldest when several match); else created, only when the team's setting allows it.
   * Found once per lead per pass. `fresh` skips what was matched before (it was refused as gone).
   */
  private async contactFor(leadId: string, fresh = false): Promise<ContactMatch> {
    const seen = this.contacts.get(leadId);
    if (seen && !fresh) return seen;
    const match = await this.matchContact(leadId, fresh);
    this.contacts.set(leadId, match);
    return match;
  }

  private async matchContact(leadId: string, fresh: boolean): Promise<ContactMatch> {
    const { teamId, settings } = this.context;
    const lead = this.leads.get(leadId);
    if (!lead) return { refusal: 'The lead is not on the server' };
    if (!fresh) {
      const known = await this.crm.contact(teamId, 'hubspot', leadId);
      if (known) return { contactId: known.recordId, cached: true };
    }
    const save = async (link: ContactLink): Promise<ContactMatch> => {
      await this.crm.saveContact(teamId, 'hubspot', leadId, link);
      return { contactId: link.recordId, cached: false };
    };
    const hubspotId = lead.crmIds?.hubspot;
    if (hubspotId) {
      const found = await this.api.contact(hubspotId);
      if (found) return save({ recordId: found.id, matchedBy: 'crm_id' });
    }
    const emails = lead.person.emails;
    if (emails.length > 0) {
      const [found] = await this.api.contactsByEmail(emails);
      if (found) return save({ recordId: found.id, matchedBy: 'email' });
    }
    const tried = [
      hubspotId && `HubSpot id ${hubspotId} (not found)`,
      emails.length > 0 ? `email ${emails.join(', ')}` : 'no email to search by',
    ]
      .filter(Boolean)
      .join('; ');
    if (!settings.createContacts) {
      return {
        refusal: `No HubSpot contact matches this lead (${tried}), and the team does not let Handoff create contacts: add the contact in HubSpot or turn on createContacts, then re-queue`,
      };
    }
    const [email] = emails;
    if (!email)
      return { refusal: `No HubSpot contact matches this lead (${tried}), and without an email none is created` };
    const created = await this.api.createContact(contactProperties(lead, email));
    // 409 "already exists" means it was there all along (HubSpot's search lags a write): use it.
    return save({ recordId: created.id, matchedBy: created.existed ? 'email' : 'created' });
  }

  private async writeDecisions(items: { row: OutboxRow; contactId: string; properties: Record<string, string> }[]) {
    let result: { written: string[]; missing: string[] };
    try {
      result = await this.api.updateContacts(items.map((i) => ({ id: i.contactId, properties: i.properties })));
    } catch (error) {
      const failure = classify(error);
      if (failure.kind !== 'refused') throw failure;
      // HubSpot refuses a whole batch for one bad value: write them one by one to find which.
      if (items.length === 1 && items[0]) return this.refuse(items[0].row, failure, items[0].contactId);
      for (const item of items) await this.writeOne(item);
      return;
    }
    const missing = new Set(result.missing);
    for (const item of items) {
      if (missing.has(item.contactId)) await this.contactGone(item.row, item.contactId);
      else await this.settle(item.row, { status: 'written', crmRecordId: item.contactId });
    }
  }

  private async writeOne(item: { row: OutboxRow; contactId: string; properties: Record<string, string> }) {
    try {
      const outcome = await this.api.updateContact(item.contactId, item.properties);
      if (outcome === 'missing') await this.contactGone(item.row, item.contactId);
      else await this.settle(item.row, { status: 'written', crmRecordId: item.contactId });
    } catch (error) {
      const failure = classify(error);
      if (failure.kind !== 'refused') throw failure;
      await this.refuse(item.row, failure, item.contactId);
    }
  }

  /** The contact was deleted in HubSpot: forget it, and match the lead again on the next pass. */
  private async contactGone(row: OutboxRow, contactId: string): Promise<void> {
    await this.crm.forgetContact(this.context.teamId, 'hubspot', row.lead_id);
    this.contacts.delete(row.lead_id);
    await this.settle(row, {
      status: 'pending',
      message: `The HubSpot contact ${contactId} no longer exists: the lead will be matched again`,
      nextAttemptAt: this.now(),
      counted: true,
    });
  }

  private async refuse(row: OutboxRow, failure: CrmError, contactId?: string): Promise<void> {
    // A property may have been deleted in HubSpot: look again before the next write.
    this.deps.ensured.delete(this.context.teamId);
    await this.settle(row, { status: 'refused', message: failure.message, crmRecordId: contactId });
  }

  /**
   * A touch as a call or note, exactly once: when a create was sent before (and its answer lost),
   * look for the engagement by its marker first; record that a create is being sent before sending it.
   */
  private async writeTouch(row: OutboxRow, activity: Parameters<typeof hubspotEngagement>[1]): Promise<void> {
    const match = await this.contactFor(row.lead_id);
    if ('refusal' in match) return this.settle(row, { status: 'refused', message: match.refusal });
    const engagement = hubspotEngagement(this.context.mapping, activity, row.first_touch);
    const marker = this.context.mapping.properties.activityMarker;
    if (row.engagement_sent_at !== null) {
      const existing = await this.api.findEngagement(engagement.object, marker, activity.id);
      if (existing) {
        return this.settle(row, { status: 'written', crmRecordId: match.contactId, engagementId: existing });
      }
    }
    await this.crm.engagementSent(row.id, this.now());
    let contactId = match.contactId;
    let engagementId: string;
    try {
      engagementId = await this.api.createEngagement(engagement, contactId);
    } catch (error) {
      const failure = classify(error);
      if (failure.kind !== 'refused' || !match.cached) throw failure;
      // Refused with the contact matched on an earlier pass: it may be gone. Match again, once.
      await this.crm.forgetContact(this.context.teamId, 'hubspot', row.lead_id);
      const again = await this.contactFor(row.lead_id, true);
      if ('refusal' in again) return this.settle(row, { status: 'refused', message: again.refusal });
      if (again.contactId === contactId) return this.refuse(row, failure, contactId);
      contactId = again.contactId;
      try {
        engagementId = await this.api.createEngagement(engagement, contactId);
      } catch (retryError) {
        const second = classify(retryError);
        if (second.kind !== 'refused') throw second;
        return this.refuse(row, second, contactId);
      }
    }
    await this.settle(row, { status: 'written', crmRecordId: contactId, engagementId });
  }

  /** A failure that stops this team's pass: every write not yet settled goes back, as the failure says. */
  private async fail(failure: CrmError): Promise<void> {
    const { crm, log, backoff } = this.deps;
    const rows = [...this.open.values()];
    if (rows.length === 0) return;
    const now = this.now();
    if (failure.kind === 'auth') {
      await crm.needsAttention(
        this.context.teamId,
        `${failure.message} (connect HubSpot again with a valid private app token)`,
      );
      log.warn({ teamId: this.context.teamId, problem: failure.message }, 'crm: HubSpot refused the token');
      for (const row of rows) {
        await this.settle(row, { status: 'pending', message: failure.message, nextAttemptAt: now, counted: false });
      }
      return;
    }
    if (failure.kind === 'rate_limited' || failure.kind === 'transient') {
      log.warn(
        { teamId: this.context.teamId, problem: failure.message, retryAfterMs: failure.detail.retryAfterMs },
        'crm: HubSpot failed; retrying later',
      );
      for (const row of rows) {
        const wait =
          failure.kind === 'rate_limited' && failure.detail.retryAfterMs !== undefined
            ? failure.detail.retryAfterMs
            : backoffMs(row.attempts + 1, backoff);
        await this.settle(row, {
          status: 'pending',
          message: failure.message,
          nextAttemptAt: now + wait,
          counted: true,
        });
      }
      return;
    }
    // Refused outside one write (a property HubSpot will not create with this mapping): every write waits for a fix.
    log.warn({ teamId: this.context.teamId, problem: failure.message }, 'crm: HubSpot refused');
    for (const row of rows) await this.refuse(row, failure);
  }

  private async settle(row: OutboxRow, outcome: Settlement): Promise<void> {
    await this.crm.settle(row.id, outcome, this.now());
    this.open.delete(row.id);
    if (outcome.status === 'pending') this.tally.retrying += 1;
    else this.tally[outcome.status] += 1;
  }
}

/** What a created contact starts with: the lead's email, name, company and title. */
function contactProperties(lead: Lead, email: string): Record<string, string> {
  const [first = '', ...rest] = lead.person.name.trim().split(/\s+/);
  return {
    email,
    firstname: first,
    ...(rest.length > 0 && { lastname: rest.join(' ') }),
    ...(lead.company?.name && { company: lead.company.name }),
    ...(lead.person.title && { jobtitle: lead.person.title }),
    ...(lead.person.phone && { phone: lead.person.phone }),
  };
}
