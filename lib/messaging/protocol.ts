import * as z from 'zod';
import { ActivitySchema, StoredActivitySchema } from '../domain/activity';
import { PageCorrectionSchema, PageKeySchema } from '../domain/correction';
import {
  DecisionRequestSchema,
  DirectToSqlRequestSchema,
  DispositionSchema,
  ReopenRequestSchema,
} from '../domain/disposition';
import { EngagementEventSchema } from '../domain/event';
import { LeadSchema } from '../domain/lead';
import { MarketingScoreSchema } from '../domain/marketing-score';
import { QualificationSchema } from '../domain/qualification';
import { SettingsSchema, SidebarModeSchema } from '../domain/settings';
import { MAX_TEAM_REPS, TeamRepSchema } from '../replication/contract';
import { PageStateSchema } from '../sites/identity';
import { SyncRunSchema, TurnOnRequestSchema, TurnOnResultSchema } from './sync-messages';

const IdSchema = z.string().min(1).max(64);

/** The most scoring systems a lead's marketing scores are answered for: a team scores in one or two. */
export const MAX_MARKETING_SCORES = 100;

/** The most leads the sidebar lists at one company: more is a named account, not a line under a name. */
export const SAME_COMPANY_LIMIT = 20;

/**
 * A redacted copy of a page (lib/sites/snapshot.ts): one HTML file and the page's redacted
 * URL. Bounded: a mail thread with a long history is a few megabytes at most.
 */
export const PageSnapshotSchema = z.object({
  html: z.string().min(1).max(20_000_000),
  url: z.string().max(4000),
});
export type PageSnapshot = z.infer<typeof PageSnapshotSchema>;
const IssuesSchema = z.array(z.object({ path: z.string(), message: z.string() }));
/** A write the repository validates: the saved record, or the fields it refused. */
const saved = <T extends z.ZodType>(record: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value: record }),
    z.object({ ok: z.literal(false), issues: IssuesSchema }),
  ]);

/**
 * Every message between the extension's contexts, in one place: its name, who may
 * send it, and zod schemas for the request and the response. The router parses both
 * directions, so a handler only ever sees valid input.
 *
 * `from` says which contexts may send a message:
 * - `extension`: our own pages (popup, options, sidebar iframe, dashboard);
 * - `content`: our content scripts on the sites in the manifest.
 * Web pages cannot use runtime messaging at all; the sender check still refuses a
 * message from an unexpected context (defence in depth).
 */
export const PROTOCOL = {
  'health.ping': {
    // Our pages only: it answers how many leads there are, which no page should learn (issue 14).
    from: ['extension'],
    request: z.object({}),
    response: z.object({
      version: z.string(),
      /** Whether the background could open the database. */
      database: z.enum(['ok', 'error']),
      leads: z.number().int().nonnegative(),
    }),
  },
  /**
   * What a content script's page adapter needs to tell the rep and colleagues from the
   * prospect: the rep's own email and company domains from the settings. The rep's own
   * details only (the mail page shows them anyway); no lead data ever goes to a page.
   * With it, where the sidebar shows on the sender's site: in `panel` mode the page side
   * adds nothing to the page (components/page/page-side.ts).
   */
  'adapter.context': {
    from: ['content'],
    request: z.object({}),
    response: z.object({
      selfEmails: z.array(z.string()),
      companyDomains: z.array(z.string()),
      sidebarMode: SidebarModeSchema,
      /** Whether to follow the rep's sends (`touch.sent`): the opt-in, nothing about any lead. */
      captureTouches: z.boolean(),
    }),
  },
  /**
   * The page loader (the manifest's one content script) says its page has loaded: the
   * background runs that site's page side in it (components/page/page-loader.ts).
   */
  'page.load': {
    from: ['content'],
    request: z.object({}),
    response: z.object({}),
  },
  /** A content script reports who is on its page (after every navigation and late render). */
  'page.state': {
    from: ['content'],
    request: PageStateSchema,
    response: z.object({}),
  },
  /**
   * The page side saw the rep send something (lib/sites/sent.ts): its kind, who it went to and
   * the thread or profile, never its content. The background checks the opt-in, that the kind is
   * the sender's site's, and who among them is a known lead, then logs the touches
   * (lib/background/touches.ts). It answers nothing about who is a lead.
   */
  'touch.sent': {
    from: ['content'],
    request: z.object({
      kind: z.enum(['email', 'linkedin_message', 'linkedin_invite']),
      emails: z.array(z.string().max(320)).max(50),
      linkedinUrl: z.string().max(2048).optional(),
      thread: PageKeySchema.optional().catch(undefined),
    }),
    response: z.object({}),
  },
  /** The sidebar (an extension frame in the tab) asks its tab's content script to open or collapse it. */
  'sidebar.setOpen': {
    from: ['extension'],
    request: z.object({ open: z.boolean() }),
    response: z.object({}),
  },
  /**
   * The sidebar (framed or in the side panel) moves a site to the other host; the background
   * saves the setting and tells that site's open tabs (`sidebar.mode`).
   */
  'sidebar.setMode': {
    from: ['extension'],
    request: z.object({ site: z.enum(['linkedin', 'gmail', 'outlook']), mode: SidebarModeSchema }),
    response: z.object({}),
  },
  /**
   * The sidebar frame asks for a redacted copy of its tab's page, for a bug report: the
   * background injects entrypoints/snapshot.ts into the tab (lib/sites/snapshot.ts does the
   * redacting, in the page, with no network) and hands back its answer, checked here.
   */
  'page.snapshot': {
    from: ['extension'],
    request: z.object({}),
    response: PageSnapshotSchema,
  },
  // The sidebar frame's data (lib/sidebar/remote.ts): extension pages only, never a content
  // script, so nothing running in a web page's process can ask for lead data.
  'leads.forIdentity': {
    from: ['extension'],
    request: z.object({
      emails: z.array(z.string().max(320)).max(20),
      linkedinUrl: z.string().max(2048).optional(),
    }),
    response: z.array(LeadSchema),
  },
  'leads.get': {
    from: ['extension'],
    request: z.object({ id: IdSchema }),
    response: z.object({ lead: LeadSchema.nullable() }),
  },
  'leads.search': {
    from: ['extension'],
    request: z.object({ query: z.string().max(500) }),
    response: z.array(LeadSchema),
  },
  /** Leads at a company domain, for "2 others at northwind-analytics.com" (lib/db/leads.ts `findByDomain`). */
  'leads.atDomain': {
    from: ['extension'],
    request: z.object({ domain: z.string().min(1).max(253) }),
    response: z.array(LeadSchema).max(SAME_COMPANY_LIMIT),
  },
  /** The lead is validated by the repository (LeadSchema); a refusal names the fields. */
  'leads.create': {
    from: ['extension'],
    request: z.object({ lead: z.record(z.string(), z.unknown()) }),
    response: saved(LeadSchema),
  },
  'events.forLead': {
    from: ['extension'],
    request: z.object({ leadId: IdSchema }),
    response: z.array(EngagementEventSchema),
  },
  'events.history': {
    from: ['extension'],
    request: z.object({
      leadId: IdSchema,
      limit: z.number().int().positive().max(1000),
      before: z.number().optional(),
    }),
    response: z.array(EngagementEventSchema),
  },
  /** Marketing's scores of a lead, newest first (lib/db/marketing-scores.ts): one per scoring system. */
  'marketingScores.forLead': {
    from: ['extension'],
    request: z.object({ leadId: IdSchema }),
    response: z.array(MarketingScoreSchema).max(MAX_MARKETING_SCORES),
  },
  'settings.get': {
    from: ['extension'],
    request: z.object({}),
    response: SettingsSchema,
  },
  'qualification.get': {
    from: ['extension'],
    request: z.object({ leadId: IdSchema }),
    response: z.object({ qualification: QualificationSchema.nullable() }),
  },
  'qualification.save': {
    from: ['extension'],
    request: z.object({ qualification: z.record(z.string(), z.unknown()) }),
    response: saved(QualificationSchema),
  },
  /** A lead's decisions, newest first, each with where it stands by team sync's rules (lib/db/dispositions.ts). */
  'dispositions.history': {
    from: ['extension'],
    request: z.object({ leadId: IdSchema }),
    response: z.array(
      z.object({
        disposition: DispositionSchema,
        inForce: z.boolean(),
        /** Decisions made on the same basis without seeing this one (sync's conflict). */
        conflictsWith: z.array(IdSchema),
      }),
    ),
  },
  'decision.make': {
    from: ['extension'],
    request: z.object({ leadId: IdSchema, request: DecisionRequestSchema }),
    response: z.object({ disposition: DispositionSchema, lead: LeadSchema, before: LeadSchema }),
  },
  /** A person added and taken straight to SQL in one write; the lead's refusal names its fields. */
  'decision.addAsSql': {
    from: ['extension'],
    request: z.object({ lead: z.record(z.string(), z.unknown()), request: DirectToSqlRequestSchema }),
    response: saved(z.object({ disposition: DispositionSchema, lead: LeadSchema, before: LeadSchema })),
  },
  'decision.undo': {
    from: ['extension'],
    request: z.object({ dispositionId: IdSchema, before: LeadSchema }),
    response: z.object({ disposition: DispositionSchema, lead: LeadSchema }),
  },
  /** The decision in force taken back after the undo window, with the rep's reason (required). */
  'decision.reopen': {
    from: ['extension'],
    request: ReopenRequestSchema.extend({ leadId: IdSchema, dispositionId: IdSchema }),
    response: z.object({ disposition: DispositionSchema, lead: LeadSchema }),
  },
  'activities.log': {
    from: ['extension'],
    request: z.object({ activity: z.record(z.string(), z.unknown()) }),
    response: saved(ActivitySchema),
  },
  'activities.forLead': {
    from: ['extension'],
    request: z.object({ leadId: IdSchema }),
    // Lenient on read: a touch stored before the kind/outcome rule still shows.
    response: z.array(StoredActivitySchema),
  },
  /** The rep's correction of who is on a page (lib/domain/correction.ts), by the page's key. */
  'corrections.get': {
    from: ['extension'],
    request: z.object({ pageKey: PageKeySchema }),
    response: z.object({ correction: PageCorrectionSchema.nullable() }),
  },
  /** Validated by the repository; a refusal names the fields. */
  'corrections.save': {
    from: ['extension'],
    request: z.object({ correction: z.record(z.string(), z.unknown()) }),
    response: saved(PageCorrectionSchema),
  },
  'corrections.forget': {
    from: ['extension'],
    request: z.object({ pageKey: PageKeySchema }),
    response: z.object({}),
  },
  /** The sidebar's sync line: counts and times, never the server's address or the token. */
  'sync.status': {
    from: ['extension'],
    request: z.object({}),
    response: z.object({
      enabled: z.boolean(),
      unsynced: z.number().int().nonnegative(),
      lastSyncAt: z.number().optional(),
      /** Why the last attempt failed, in words. */
      error: z.string().optional(),
      /** Leads with decisions made without seeing each other. */
      conflicts: z.number().int().nonnegative(),
    }),
  },
  /** The team's reps from the last sync, for the handoff's AE list: names and work emails, none with sync off. */
  'team.reps': {
    from: ['extension'],
    request: z.object({}),
    response: z.array(TeamRepSchema).max(MAX_TEAM_REPS),
  },
  // Sync's commands: the background runs every sync (never two at once). The options page
  // asks for the host permission (it needs the rep's click) before it sends `sync.turnOn`.
  'sync.turnOn': {
    from: ['extension'],
    request: TurnOnRequestSchema,
    response: TurnOnResultSchema,
  },
  'sample.load': {
    // Our pages only. Run in the background, not the popup: a popup closes the moment the
    // rep clicks elsewhere, and the writes it had started died with it (events lost).
    from: ['extension'],
    request: z.object({}),
    response: z.object({
      leads: z.number().int().nonnegative(),
      events: z.number().int().nonnegative(),
      dispositions: z.number().int().nonnegative(),
      activities: z.number().int().nonnegative(),
    }),
  },
  'sync.turnOff': {
    from: ['extension'],
    request: z.object({}),
    response: z.object({}),
  },
  'sync.now': {
    from: ['extension'],
    request: z.object({}),
    response: SyncRunSchema,
  },
} as const satisfies Record<string, MessageDefinition>;

/** Messages the background sends down to a tab's content script (checked there: sender.id is ours). */
export const ContentCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sidebar.setOpen'), open: z.boolean() }),
  z.object({ type: z.literal('sidebar.toggle') }),
  /** The site's sidebar moved host: mount the frame (`frame`) or take it off the page (`panel`). */
  z.object({ type: z.literal('sidebar.mode'), mode: SidebarModeSchema }),
]);

/** What the injected snapshot script (entrypoints/snapshot.ts) answers: the redacted page, or why not. */
export const PageSnapshotReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }).extend(PageSnapshotSchema.shape),
  z.object({ ok: z.literal(false), error: z.string().max(500) }),
]);
export type ContentCommand = z.infer<typeof ContentCommandSchema>;

/** The long-lived port between the background and a tab's sidebar frame. */
export const SIDEBAR_PORT = 'handoff-sidebar';
/**
 * The same port for the side panel (entrypoints/sidepanel): not in the tab it shows, so it
 * names the tab it follows (`panel.follow`) rather than being given its own.
 */
export const PANEL_PORT = 'handoff-panel';

/**
 * What the background posts on the sidebar port: the tab's latest page state, "stored data
 * changed", and, to a side panel, "the tab it follows has no page of ours" (`page.absent`).
 */
export const SidebarPortMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page.state'), state: PageStateSchema }),
  z.object({ type: z.literal('page.absent') }),
  z.object({ type: z.literal('db.changed') }),
]);
export type SidebarPortMessage = z.infer<typeof SidebarPortMessageSchema>;

/**
 * What the sidebar posts up the port: the rep's checklist edit that is not saved yet
 * (`draft: null` once it is). Posted as the rep types, so it is with the background before
 * the tab can close; if the frame goes away with it unsaved, the background saves it
 * (lib/background/drafts.ts). The draft itself is validated by the repository on save.
 */
export const UnsavedDraftMessageSchema = z.object({
  type: z.literal('qualification.unsaved'),
  leadId: IdSchema,
  draft: z.record(z.string(), z.unknown()).nullable(),
});
/** The side panel names the tab it now shows (the active tab of its window), or none. */
export const PanelFollowMessageSchema = z.object({
  type: z.literal('panel.follow'),
  tabId: z.number().int().nonnegative().nullable(),
});
export const SidebarUpMessageSchema = z.discriminatedUnion('type', [
  UnsavedDraftMessageSchema,
  PanelFollowMessageSchema,
]);
export type SidebarUpMessage = z.infer<typeof SidebarUpMessageSchema>;

export type SenderKind = 'extension' | 'content';

export interface MessageDefinition {
  from: readonly SenderKind[];
  request: z.ZodType;
  response: z.ZodType;
}

export type MessageType = keyof typeof PROTOCOL;
export type RequestOf<T extends MessageType> = z.input<(typeof PROTOCOL)[T]['request']>;
/** What a handler receives: the request as the router parsed it. */
export type ParsedRequestOf<T extends MessageType> = z.output<(typeof PROTOCOL)[T]['request']>;
export type ResponseOf<T extends MessageType> = z.output<(typeof PROTOCOL)[T]['response']>;

/** The envelope on the wire. */
export const EnvelopeSchema = z.object({
  type: z.string().min(1).max(64),
  payload: z.unknown(),
});

/** What a handler's result travels back as: never a thrown error across contexts. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export const ReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
