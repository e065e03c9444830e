import type { Repositories } from '../../lib/db';
import type { Settings } from '../../lib/domain/settings';
import type { PreviewReader } from '../../lib/scoring/preview-run';
import type { SettingsDraft, SettingsKey, UpdateDraft } from './draft';
import type { Issue } from './issues';

/** What the page gives every section besides the draft: the database and the page's services. */
export interface OptionsContext {
  repos: Repositories;
  /** The clock (the MQL preview's time windows, export file names); tests pin it. */
  now: () => number;
  /** Offers a file for download: settings as text, exports and backups as the Blobs lib/export builds. */
  download: (name: string, content: string | Blob) => void;
  /** Where the MQL preview reads the stored leads from. */
  previewReader: PreviewReader;
  /** Leads scored per chunk before the preview yields to the page. */
  previewChunkSize?: number;
  /** How long the draft model must stay unchanged before the preview re-reads the leads (ms). */
  previewSettleMs?: number;
  /** The optional `notifications` permission (the Alerts section asks for it inside the rep's click). */
  notificationPermission: OptionalPermission;
}

/** One optional permission: ask for it (inside a click), give it back, and whether it is held. */
export interface OptionalPermission {
  request(): Promise<boolean>;
  remove(): Promise<boolean>;
  contains(): Promise<boolean>;
}

/** The props of every section of the options page. */
export interface SectionProps {
  draft: SettingsDraft;
  /** The settings as stored, for "compared with the saved" and the export. */
  saved: Settings;
  /** Problems with the draft, shown once a save was refused (and kept current as the rep fixes them). */
  issues: readonly Issue[];
  update: UpdateDraft;
  /**
   * Replaces some settings at once (a removed rule, an import) with an Undo offered: for
   * changes a misclick must not lose.
   */
  replace: (patch: Partial<Settings>, message: string) => void;
  context: OptionsContext;
}

/** A group of settings: one section of the page, with what "Reset to defaults" and "Unsaved" cover. */
export interface SettingsGroup {
  id: string;
  title: string;
  keys: readonly SettingsKey[];
}

/**
 * The settings, grouped as the page shows them. Sections that hold no settings (the file
 * import and export; later CSV import and sync) are registered by the page with no keys.
 */
export const SETTINGS_GROUPS = {
  scoring: { id: 'scoring', title: 'Scoring model', keys: ['scoringModel'] },
  qualification: { id: 'qualification', title: 'Qualification and SQL bar', keys: ['framework', 'sqlCriteria'] },
  reasons: { id: 'reasons', title: 'Rejection reasons', keys: ['reasonLabels'] },
  sla: { id: 'sla', title: 'SLA and business hours', keys: ['sla'] },
  alerts: { id: 'alerts', title: 'Alerts', keys: ['alerts'] },
  identity: { id: 'identity', title: 'You and your company', keys: ['rep', 'companyDomains'] },
  team: { id: 'team', title: 'Team: account executives', keys: ['accountExecutives'] },
  crm: { id: 'crm', title: 'CRM links', keys: ['crm'] },
  capture: { id: 'capture', title: 'Captured engagement', keys: ['captureEngagement', 'captureTouches'] },
  sidebarMode: { id: 'sidebar-mode', title: 'Where the sidebar shows', keys: ['sidebarMode'] },
} as const satisfies Record<string, SettingsGroup>;
