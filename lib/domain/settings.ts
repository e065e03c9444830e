import * as z from 'zod';
import { CrmSettingsSchema } from './crm';
import { AccountExecutiveSchema } from './disposition';
import { DomainSchema, EmailSchema } from './lead';
import { DEFAULT_SQL_CRITERIA, FrameworkSchema, SqlCriteriaSchema, SUPERSEDED_SQL_CRITERIA } from './qualification';
import { REJECTION_REASON_CODES } from './reasons';
import { DEFAULT_SCORING_MODEL, ScoringModelSchema, SUPERSEDED_SCORING_MODELS } from './scoring-model';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Time of day as HH:MM (24 h)');

/** Business hours the SLA clock runs in. Days: 0 = Sunday ... 6 = Saturday. */
export const BusinessCalendarSchema = z
  .object({
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'Unknown IANA time zone'),
    workdays: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    dayStart: clock,
    dayEnd: clock,
    /** Holidays as local dates (YYYY-MM-DD). */
    holidays: z.array(z.iso.date()).default([]),
  })
  .refine((c) => c.dayStart < c.dayEnd, { message: 'The working day must end after it starts', path: ['dayEnd'] });

export const SETTINGS_VERSION = 1;

/** Where the sidebar shows: the browser's own side panel, or a frame beside the page. */
export const SIDEBAR_MODES = ['panel', 'frame'] as const;
export const SidebarModeSchema = z.enum(SIDEBAR_MODES);
export type SidebarMode = z.infer<typeof SidebarModeSchema>;

/**
 * The sidebar's host per site. LinkedIn defaults to the side panel: its user agreement forbids
 * overlaying or modifying its pages, and accounts get restricted for it; the mail sites keep
 * the frame beside the thread. A browser without a side panel uses the frame whatever this
 * says (lib/background/sidebar-mode.ts).
 */
export const SidebarModesSchema = z.object({
  linkedin: SidebarModeSchema.default('panel'),
  gmail: SidebarModeSchema.default('frame'),
  outlook: SidebarModeSchema.default('frame'),
});
export type SidebarModes = z.infer<typeof SidebarModesSchema>;
export const DEFAULT_SIDEBAR_MODES: SidebarModes = { linkedin: 'panel', gmail: 'frame', outlook: 'frame' };

export const AlertsSchema = z.object({
  newMql: z.boolean().default(false),
  slaDueSoon: z.boolean().default(false),
  revisitsDue: z.boolean().default(false),
});
export type Alerts = z.infer<typeof AlertsSchema>;

export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  framework: FrameworkSchema,
  sqlCriteria: SqlCriteriaSchema,
  scoringModel: ScoringModelSchema,
  /** Renamed labels for rejection reasons; the codes never change. */
  reasonLabels: z.partialRecord(z.enum(REJECTION_REASON_CODES), z.string().trim().min(1).max(80)).default({}),
  /**
   * Speed-to-lead tiers (the playbook's): a high-intent request (demo, pricing or contact form,
   * chat) is touched within `highIntentBusinessHours`, any other MQL within
   * `firstTouchBusinessHours`; sales' verdict (accept or reject) comes within
   * `verdictBusinessDays` of the first touch. Settings stored before the tiers existed read
   * with their defaults.
   */
  sla: z.object({
    firstTouchBusinessHours: z
      .number()
      .positive()
      .max(24 * 30),
    highIntentBusinessHours: z
      .number()
      .positive()
      .max(24 * 30)
      .default(1),
    verdictBusinessDays: z
      .number()
      .int()
      .min(1, 'Between 1 and 3 business days')
      .max(3, 'Between 1 and 3 business days')
      .default(2),
    calendar: BusinessCalendarSchema,
  }),
  rep: z.object({
    name: z.string().trim().max(200).default(''),
    email: EmailSchema.optional(),
  }),
  /** The rep's company domains: people there are colleagues, never prospects. */
  companyDomains: z.array(DomainSchema).default([]),
  /** Opt-in: log a view of a known lead's page or thread as an engagement event. */
  captureEngagement: z.boolean().default(false),
  /**
   * Opt-in: log the rep's own sends to a known lead, seen in the page (an email from Gmail or
   * Outlook, a LinkedIn message or connection request), as touches (lib/background/touches.ts).
   */
  captureTouches: z.boolean().default(false),
  /**
   * Opt-in notifications (the toolbar badge is always on): a new MQL assigned to the rep, a
   * first touch due within 15 minutes, the revisits due today. Quiet outside business hours.
   */
  alerts: AlertsSchema.prefault({}),
  /** Settings stored before the choice existed read as the defaults. */
  sidebarMode: SidebarModesSchema.prefault({}),
  /**
   * Where the sidebar links a lead's CRM record: the HubSpot portal id and the Salesforce
   * instance URL (lib/domain/crm.ts). Both optional; without them the ids show as text.
   */
  crm: CrmSettingsSchema.prefault({}),
  /**
   * The account executives SQLs are handed to, offered when a lead is accepted. Kept by hand
   * for now; with team sync on, the team's reps could fill it (not yet).
   */
  accountExecutives: z
    .array(AccountExecutiveSchema)
    .max(200)
    .default([])
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((ae, index) => {
        if (seen.has(ae.email)) {
          ctx.addIssue({ code: 'custom', path: [index, 'email'], message: `${ae.email} is already in the list` });
        }
        seen.add(ae.email);
      });
    }),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  framework: 'bant',
  sqlCriteria: DEFAULT_SQL_CRITERIA,
  scoringModel: DEFAULT_SCORING_MODEL,
  reasonLabels: {},
  sla: {
    firstTouchBusinessHours: 24,
    highIntentBusinessHours: 1,
    verdictBusinessDays: 2,
    calendar: { timeZone: 'UTC', workdays: [1, 2, 3, 4, 5], dayStart: '09:00', dayEnd: '17:00', holidays: [] },
  },
  rep: { name: '' },
  companyDomains: [],
  captureEngagement: false,
  captureTouches: false,
  alerts: { newMql: false, slaDueSoon: false, revisitsDue: false },
  sidebarMode: DEFAULT_SIDEBAR_MODES,
  crm: {},
  accountExecutives: [],
};

/** Same settings value, whatever the order its keys were written in. */
function sameValue(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/**
 * Settings as stored, with every section the rep never changed moved to the current default:
 * a section counts as unchanged while it equals a default an earlier release shipped. Pure;
 * the settings repository applies it on read, so nothing is rewritten until the rep saves.
 */
export function upgradeSettings(settings: Settings): Settings {
  let upgraded = settings;
  if (SUPERSEDED_SQL_CRITERIA.some((old) => sameValue(old, settings.sqlCriteria))) {
    upgraded = { ...upgraded, sqlCriteria: structuredClone(DEFAULT_SQL_CRITERIA) };
  }
  if (SUPERSEDED_SCORING_MODELS.some((old) => sameValue(old, settings.scoringModel))) {
    upgraded = { ...upgraded, scoringModel: structuredClone(DEFAULT_SCORING_MODEL) };
  }
  return upgraded;
}
