import { Dexie } from 'dexie';
import type {
  DecisionEntry,
  HistoryOptions,
  IdentityKeys,
  NewActivity,
  NewLead,
  QualificationDraft,
  Repositories,
} from '../db';
import { findLeadsForIdentity, RecordNotFoundError, searchLeads } from '../db';
import type { Activity } from '../domain/activity';
import type { PageCorrection, PageCorrectionInput } from '../domain/correction';
import {
  type DecisionRequest,
  type DirectToSqlRequest,
  DirectToSqlRequestSchema,
  type Disposition,
} from '../domain/disposition';
import type { EngagementEvent } from '../domain/event';
import type { Lead } from '../domain/lead';
import type { MarketingScore } from '../domain/marketing-score';
import { emptyQualification, type Qualification } from '../domain/qualification';
import type { Settings } from '../domain/settings';
import { parseOrThrow } from '../domain/validation';
import { SAME_COMPANY_LIMIT } from '../messaging/protocol';
import type { TeamRep } from '../replication/contract';
import { decide, decisionInForce, reopen as reopenDecision, withdraw } from '../qualification/decide';

/**
 * Everything the sidebar reads and writes, as one port. Two implementations:
 * - {@link localSidebarData}: straight to the repositories. The background answers the
 *   sidebar's messages with it; tests render the sidebar on it over fake-indexeddb.
 * - `remoteSidebarData` (./remote.ts): the sidebar frame's, over typed messages to the background.
 *
 * Why the frame does not open IndexedDB itself: it is framed by linkedin.com or
 * mail.google.com, so the browser treats it as a third party, and with third-party cookies
 * blocked (Chromium's default here, Brave's, many companies' policies) its IndexedDB is
 * refused ("The user denied permission to access the database"). The background is always
 * first party.
 */
export interface SidebarData {
  /** Every lead the person could be: by each email, then by the LinkedIn profile. */
  leadsFor(identity: IdentityKeys): Promise<Lead[]>;
  lead(id: string): Promise<Lead | null>;
  /** An email, a LinkedIn URL, or (part of) a name. */
  search(query: string): Promise<Lead[]>;
  /**
   * Leads at a company domain (their company's or a work email's), at most
   * {@link SAME_COMPANY_LIMIT}: "2 others at northwind-analytics.com". None for a free-mail domain.
   */
  leadsAtDomain(domain: string): Promise<Lead[]>;
  /** Throws `ValidationError` naming the fields when the lead does not parse. */
  createLead(input: NewLead): Promise<Lead>;
  /** All of a lead's events (scoring needs them all). */
  eventsFor(leadId: string): Promise<EngagementEvent[]>;
  /** A page of a lead's events, newest first. */
  history(leadId: string, options: HistoryOptions): Promise<EngagementEvent[]>;
  /** Marketing's scores of the lead (one per scoring system, from the team server), newest first. */
  marketingScores(leadId: string): Promise<MarketingScore[]>;
  settings(): Promise<Settings>;
  /** The lead's checklist, or null before the rep starts one. */
  qualification(leadId: string): Promise<Qualification | null>;
  /** Replaces the lead's checklist. Throws `ValidationError` naming the fields. */
  saveQualification(draft: QualificationDraft): Promise<Qualification>;
  /**
   * The rep's checklist edit that is not saved yet, or `null` once it is: if the sidebar goes
   * away first (the tab closed mid-sentence), the background saves it. Fire and forget.
   */
  holdUnsaved(leadId: string, draft: QualificationDraft | null): void;
  /**
   * Every decision on the lead, newest first (withdrawals included: the history), each
   * with whether it is in force and the decisions it conflicts with. In force and conflict
   * follow team sync's rules, so the sidebar agrees with the server and the team.
   */
  dispositions(leadId: string): Promise<DecisionEntry[]>;
  /**
   * Decides on a lead (lib/qualification/decide.ts against its stored checklist and the
   * settings' SQL bar) and records it. Returns the lead as it was before, for undo.
   * Throws `DecisionError` / `IllegalTransitionError` messages the rep can act on.
   */
  decide(leadId: string, request: DecisionRequest): Promise<DecisionRecorded>;
  /**
   * Adds someone who is not a lead and takes them straight to SQL, in one write: the lead,
   * the checklist with the evidence given, and the acceptance with its route (and override
   * when below the bar). Nothing is written when any of it is refused: `ValidationError`
   * naming the lead's fields, `DecisionError` below the bar without an override note.
   */
  addAsSql(input: Omit<NewLead, 'stage'>, request: DirectToSqlRequest): Promise<DecisionRecorded>;
  /** Undoes a decision just made: appends its withdrawal and moves the lead back. */
  undo(dispositionId: string, before: Lead): Promise<{ disposition: Disposition; lead: Lead }>;
  /**
   * Reopens the lead's decision in force, at any time (undo is for the first seconds): appends
   * a withdrawal with the rep's reason and moves the lead back to where it was before
   * (lib/qualification/decide.ts `reopen`). The lead's id finds its history. Throws
   * `DecisionError` (no reason, the lead moved on) and `Error`s in words when the decision is
   * not the one in force.
   */
  reopen(leadId: string, dispositionId: string, note: string): Promise<{ disposition: Disposition; lead: Lead }>;
  /** Logs a touch; its checklist updates land on the lead's checklist in the same write. */
  logActivity(input: NewActivity): Promise<Activity>;
  /** The lead's touches, newest first. */
  activities(leadId: string): Promise<Activity[]>;
  /** Team sync in one line: whether it is on, what is not sent yet, the last sync. */
  syncStatus(): Promise<SyncStatusLine>;
  /**
   * The team's reps from the last sync, to hand an SQL to (the rep's own name left out); none
   * while sync is off. Names only for reps whose token holds no email.
   */
  teamReps(): Promise<TeamRep[]>;
  /** The rep's correction of who is on the page with this key, or null (lib/domain/correction.ts). */
  correction(pageKey: string): Promise<PageCorrection | null>;
  /** Replaces the page's correction. Throws `ValidationError` naming the fields. */
  saveCorrection(input: Omit<PageCorrectionInput, 'correctedAt'>): Promise<PageCorrection>;
  /** Forgets the page's correction: the page's own reading stands again. */
  forgetCorrection(pageKey: string): Promise<void>;
  /**
   * Calls `listener` after stored data changed, here or elsewhere (another tab, an import,
   * a sync). Returns the unsubscribe function.
   */
  onChange(listener: () => void): () => void;
}

/** What the sidebar shows of sync: counts and times only (the server and token stay in the background). */
export interface SyncStatusLine {
  enabled: boolean;
  unsynced: number;
  lastSyncAt?: number;
  /** Why the last attempt failed, in words. */
  error?: string;
  /** Leads with decisions made without seeing each other. */
  conflicts: number;
}

export interface DecisionRecorded {
  disposition: Disposition;
  lead: Lead;
  before: Lead;
}

/** Who the settings say the rep is, for `decidedBy` / `loggedBy`. */
export function actorOf(settings: Settings): string {
  return settings.rep.email ?? (settings.rep.name || 'Rep (no name in settings)');
}

/** Dexie's own change signal: every committed write in this context or another of our origin. */
export function onDexieChange(listener: () => void): () => void {
  const subscriber = () => listener();
  Dexie.on('storagemutated', subscriber);
  return () => Dexie.on.storagemutated.unsubscribe(subscriber);
}

export function localSidebarData(repos: Repositories, { now = Date.now }: { now?: () => number } = {}): SidebarData {
  return {
    leadsFor: (identity) => findLeadsForIdentity(repos.leads, identity),
    lead: async (id) => (await repos.leads.get(id)) ?? null,
    search: (query) => searchLeads(repos.leads, query),
    leadsAtDomain: (domain) => repos.leads.findByDomain(domain, SAME_COMPANY_LIMIT),
    createLead: (input) => repos.leads.create(input),
    eventsFor: (leadId) => repos.events.forLead(leadId),
    history: (leadId, options) => repos.events.history(leadId, options),
    marketingScores: (leadId) => repos.marketingScores.forLead(leadId),
    settings: () => repos.settings.get(),
    qualification: async (leadId) => (await repos.qualifications.get(leadId)) ?? null,
    saveQualification: (draft) => repos.qualifications.save(draft),
    // Here the caller's own flush on unmount is the last word: there is no frame to outlive.
    holdUnsaved: () => {},
    dispositions: (leadId) => repos.dispositions.historyWithStandings(leadId),
    async decide(leadId, request) {
      const [lead, qualification, settings, current] = await Promise.all([
        repos.leads.get(leadId),
        repos.qualifications.get(leadId),
        repos.settings.get(),
        // An opportunity, a win or a loss carries the route of the acceptance it follows.
        repos.dispositions.current(leadId),
      ]);
      if (!lead) throw new RecordNotFoundError('lead', leadId);
      const decided = decide(lead, request, {
        qualification,
        criteria: settings.sqlCriteria,
        framework: settings.framework,
        by: actorOf(settings),
        at: now(),
        current,
      });
      const recorded = await repos.dispositions.record(decided.disposition, decided.lead);
      return { ...recorded, before: lead };
    },
    async addAsSql(input, request) {
      const parsed = parseOrThrow(DirectToSqlRequestSchema, request, 'decision');
      const settings = await repos.settings.get();
      const at = now();
      const by = actorOf(settings);
      // Someone new: a plain lead until the decision moves them, never an MQL on the way.
      // Created at the decision's own instant, by this one clock: the repository's would read
      // the time again, and across a millisecond tick date the lead after its decision.
      const lead = repos.leads.prepare({ ...input, stage: 'lead', times: { ...input.times, createdAt: at } });
      const given = Object.entries(parsed.criteria);
      const blank = emptyQualification(lead.id, settings.framework, at);
      const stamped = given.map(([key, entry]) => [key, { ...entry, updatedBy: by, updatedAt: at }] as const);
      const qualification: Qualification | undefined =
        given.length === 0 ? undefined : { ...blank, criteria: { ...blank.criteria, ...Object.fromEntries(stamped) } };
      const { overrideNote, note, handoff } = parsed;
      const decided = decide(
        lead,
        {
          kind: 'accept',
          route: parsed.route,
          ...(overrideNote ? { overrideNote } : {}),
          ...(note ? { note } : {}),
          ...(handoff ? { handoff } : {}),
        },
        { qualification, criteria: settings.sqlCriteria, framework: settings.framework, by, at },
      );
      const recorded = await repos.dispositions.recordWithNewLead(decided.disposition, decided.lead, qualification);
      return { disposition: recorded.disposition, lead: recorded.lead, before: lead };
    },
    async undo(dispositionId, before) {
      const [current, history, settings] = await Promise.all([
        repos.leads.get(before.id),
        repos.dispositions.history(before.id),
        repos.settings.get(),
      ]);
      if (!current) throw new RecordNotFoundError('lead', before.id);
      const decision = history.find((d) => d.id === dispositionId);
      if (!decision || decision.decision === 'withdrawn') throw new Error('There is no such decision to undo.');
      if (history.some((d) => d.withdraws === dispositionId)) throw new Error('That decision was already undone.');
      if (history[0]?.id !== dispositionId) throw new Error('A later decision was recorded: undo that one first.');
      const undone = withdraw(current, before, decision, { by: actorOf(settings), at: now() });
      return repos.dispositions.record(undone.disposition, undone.lead);
    },
    async reopen(leadId, dispositionId, note) {
      const [lead, entries, settings] = await Promise.all([
        repos.leads.get(leadId),
        repos.dispositions.historyWithStandings(leadId),
        repos.settings.get(),
      ]);
      if (!lead) throw new RecordNotFoundError('lead', leadId);
      const entry = entries.find((e) => e.disposition.id === dispositionId);
      if (!entry) throw new Error('That decision is not on this lead: reload the sidebar and try again.');
      if (!entry.inForce) {
        throw new Error('That decision is no longer in force (it was undone or decided again): nothing to reopen.');
      }
      // What is in force once it is withdrawn: a lead going back to recycled takes its revisit date.
      const previous = decisionInForce(entries.map((e) => e.disposition).filter((d) => d.id !== dispositionId));
      const reopened = reopenDecision(lead, entry.disposition, { by: actorOf(settings), at: now(), note, previous });
      return repos.dispositions.record(reopened.disposition, reopened.lead);
    },
    async logActivity(input) {
      const settings = await repos.settings.get();
      return repos.activities.log(input, { framework: settings.framework });
    },
    activities: (leadId) => repos.activities.history(leadId),
    async syncStatus() {
      const status = await repos.sync.status();
      return {
        enabled: status.enabled,
        unsynced: status.unsynced,
        ...(status.lastSyncAt !== undefined && { lastSyncAt: status.lastSyncAt }),
        ...(status.error && { error: status.error.message }),
        conflicts: status.conflicts.length,
      };
    },
    async teamReps() {
      const [reps, config] = await Promise.all([repos.sync.teamReps(), repos.sync.config()]);
      // The rep does not hand a lead to themselves: their own token is on the list too.
      const self = config?.rep?.trim().toLowerCase();
      return reps.filter((rep) => rep.name.toLowerCase() !== self);
    },
    correction: async (pageKey) => (await repos.corrections.forPage(pageKey)) ?? null,
    saveCorrection: (input) => repos.corrections.save(input),
    forgetCorrection: (pageKey) => repos.corrections.forget(pageKey),
    onChange: onDexieChange,
  };
}
