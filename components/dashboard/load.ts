import { keyOf, type Repositories, type SnapshotRecords } from '../../lib/db';
import type { EngagementEvent } from '../../lib/domain/event';
import type { Settings } from '../../lib/domain/settings';
import { cohort, type MetricsInput } from '../../lib/metrics';
import { TRIGGER_EVENT_TYPES } from '../../lib/sla/tiers';

/** What the loader is reading: leads, then sales' decisions (and their sync clocks), then the events scoring needs. */
export type LoadStep = 'leads' | 'decisions' | 'events';

/** `done` of `total` rows (for `events`: leads whose events were read). */
export interface LoadProgress {
  step: LoadStep;
  done: number;
  total: number;
}

export interface LoadOptions {
  /** The moment the figures are taken at. */
  now: number;
  /** Rows per read of the leads and dispositions tables. */
  pageSize?: number;
  /** Leads per read of their events (one transaction each). */
  eventLeadsPerRead?: number;
  onProgress?: (progress: LoadProgress) => void;
  signal?: AbortSignal;
}

export interface DashboardData {
  input: MetricsInput;
  /** All settings (the figures read `sla` and `scoringModel`; the page, the reason labels). */
  settings: Settings;
}

const NO_EVENTS: readonly EngagementEvent[] = [];

/**
 * Reads what the figures are computed from: every lead and every disposition (and sync's
 * clock of each that has one, so the decision in force is the server's), page by page
 * in key order (so a large database never arrives in one read, and progress can be shown
 * between pages), the high-intent requests (the SLA's tiers; on the event type index), then
 * the events of the decided MQLs only: acceptance by score is the one figure that reads all
 * of a lead's events, and only theirs. Nothing is computed until everything is read.
 * The reads are separate transactions: a decision written mid-load for a lead read before it
 * is counted, one for a lead created after its page was read has no lead and is ignored.
 */
export async function loadDashboardData(
  repos: Pick<Repositories, 'snapshot' | 'events' | 'settings' | 'sync'>,
  { now, pageSize = 2000, eventLeadsPerRead = 500, onProgress, signal }: LoadOptions,
): Promise<DashboardData> {
  const [settings, counts] = await Promise.all([repos.settings.get(), repos.snapshot.counts()]);

  const readAll = async <T extends 'leads' | 'dispositions'>(table: T, step: LoadStep, total: number) => {
    const rows: SnapshotRecords[T][] = [];
    let after: string | undefined;
    onProgress?.({ step, done: 0, total });
    for (;;) {
      signal?.throwIfAborted();
      const page = await repos.snapshot.page(table, after, pageSize);
      for (const row of page) rows.push(row);
      // Rows added since the count would otherwise read as more than 100%.
      onProgress?.({ step, done: rows.length, total: Math.max(total, rows.length) });
      const last = page[page.length - 1];
      if (page.length < pageSize || last === undefined) return rows;
      after = keyOf(table, last);
    }
  };
  const leads = await readAll('leads', 'leads', counts.leads);
  const dispositions = await readAll('dispositions', 'decisions', counts.dispositions);
  // Sync's clocks order a lead's decisions as the server does (none while sync was never on).
  const clocks = new Map<string, string>();
  let afterClock: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const page = await repos.sync.decisionClocks(afterClock, pageSize);
    for (const row of page) clocks.set(row.id, row.hlc);
    afterClock = page[page.length - 1]?.id;
    if (page.length < pageSize || afterClock === undefined) break;
  }

  // High-intent requests put their leads on the SLA's one-hour tier: read on the type index.
  signal?.throwIfAborted();
  const requests = new Map<string, EngagementEvent[]>();
  for (const event of await repos.events.ofTypesSince(TRIGGER_EVENT_TYPES, Number.NEGATIVE_INFINITY)) {
    const list = requests.get(event.leadId);
    if (list) list.push(event);
    else requests.set(event.leadId, [event]);
  }

  const events = new Map<string, readonly EngagementEvent[]>();
  const input: MetricsInput = {
    leads,
    dispositions,
    clocks,
    eventsOf: (leadId) => events.get(leadId) ?? NO_EVENTS,
    requestsOf: (leadId) => requests.get(leadId) ?? NO_EVENTS,
    settings,
    now,
  };
  // The same cohort the figures count (lib/metrics caches it for this input).
  const scored = cohort(input)
    .filter((c) => c.path === 'mql' && c.verdict !== 'pending')
    .map((c) => c.lead.id);
  onProgress?.({ step: 'events', done: 0, total: scored.length });
  for (let start = 0; start < scored.length; start += eventLeadsPerRead) {
    signal?.throwIfAborted();
    const batch = await repos.events.forLeads(scored.slice(start, start + eventLeadsPerRead));
    for (const [leadId, list] of batch) events.set(leadId, list);
    onProgress?.({ step: 'events', done: Math.min(scored.length, start + eventLeadsPerRead), total: scored.length });
  }
  return { input, settings };
}
