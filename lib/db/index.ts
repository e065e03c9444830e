import { ActivityRepository } from './activities';
import type { RepositoryOptions } from './base';
import { PageCorrectionRepository } from './corrections';
import type { HandoffDb } from './db';
import { DispositionRepository } from './dispositions';
import { SettingsEntryRepository } from './entries';
import { EventRepository } from './events';
import { ImportRepository } from './imports';
import { LeadRepository } from './leads';
import { MarketingScoreRepository } from './marketing-scores';
import { QualificationRepository } from './qualifications';
import { SettingsRepository } from './settings';
import { SnapshotRepository } from './snapshot';
import { SyncRepository } from './sync';

export { ActivityRepository, type NewActivity } from './activities';
export { type HistoryOptions, RecordNotFoundError, type RepositoryOptions } from './base';
export { PageCorrectionRepository } from './corrections';
export { DB_NAME, HandoffDb, type IndexedDbDeps, openHandoffDb, SCHEMA_VERSIONS } from './db';
export { type DecisionEntry, DispositionRepository, type NewDisposition } from './dispositions';
export { SettingsEntryRepository, type SettingsEntryRow } from './entries';
export { EventRepository, type NewEngagementEvent } from './events';
export {
  type ImportBatchOptions,
  type ImportCandidate,
  type ImportedEvent,
  type ImportedLead,
  type ImportIssue,
  ImportRepository,
  type ImportRowOutcome,
} from './imports';
export { ClaimConflictError, type LeadPatch, LeadRepository, type LeadUpsert, type NewLead } from './leads';
export { MarketingScoreRepository } from './marketing-scores';
export type { DispositionClockRow, OutboxRow } from './sync-state';
export { requestPersistentStorage } from './persist';
export { type QualificationDraft, QualificationRepository } from './qualifications';
export { SettingsRepository } from './settings';
export {
  keyOf,
  type LeadBundle,
  SNAPSHOT_SCHEMAS,
  SNAPSHOT_TABLES,
  type SnapshotBatch,
  type SnapshotRecords,
  SnapshotRepository,
  type SnapshotTable,
} from './snapshot';
export { type PushBatch, type SyncConnection, SyncRepository, type SyncStatus } from './sync';
export type { RejectedChange, SyncErrorInfo, SyncErrorKind } from './sync-state';

/** Every repository over one database, sharing one clock. */
export interface Repositories {
  leads: LeadRepository;
  events: EventRepository;
  qualifications: QualificationRepository;
  dispositions: DispositionRepository;
  activities: ActivityRepository;
  settings: SettingsRepository;
  /** Named rows of the settings table (saved import mappings). */
  entries: SettingsEntryRepository;
  /** CSV import: rows matched, merged and written a batch per transaction. */
  imports: ImportRepository;
  /** Whole-database reads and writes for export, backup and restore. */
  snapshot: SnapshotRepository;
  /** Team sync: its state, the outbox as the push reads it, and the writes a pull makes. */
  sync: SyncRepository;
  /** The rep's corrections of who is on a page, by page key. */
  corrections: PageCorrectionRepository;
  /** Marketing's scores of each lead, as its tools posted them to the team server. */
  marketingScores: MarketingScoreRepository;
}

/** The repositories the app (and tests) use; the only way in to the tables. */
export function createRepositories(db: HandoffDb, options: RepositoryOptions = {}): Repositories {
  return {
    leads: new LeadRepository(db, options),
    events: new EventRepository(db, options),
    qualifications: new QualificationRepository(db, options),
    dispositions: new DispositionRepository(db, options),
    activities: new ActivityRepository(db, options),
    settings: new SettingsRepository(db, options),
    entries: new SettingsEntryRepository(db, options),
    imports: new ImportRepository(db, options),
    snapshot: new SnapshotRepository(db, options),
    sync: new SyncRepository(db, options),
    corrections: new PageCorrectionRepository(db, options),
    marketingScores: new MarketingScoreRepository(db, options),
  };
}
export { findLeadsForIdentity, type IdentityKeys, SEARCH_LIMIT, searchLeads } from './search';
