import { ActivityRepository } from './activities';
import type { RepositoryOptions } from './base';
import type { HandoffDb } from './db';
import { DispositionRepository } from './dispositions';
import { EventRepository } from './events';
import { LeadRepository } from './leads';
import { QualificationRepository } from './qualifications';
import { SettingsRepository } from './settings';

export { ActivityRepository, type NewActivity } from './activities';
export { type HistoryOptions, RecordNotFoundError, type RepositoryOptions } from './base';
export { DB_NAME, HandoffDb, type IndexedDbDeps, openHandoffDb, SCHEMA_VERSIONS } from './db';
export { DispositionRepository, type NewDisposition } from './dispositions';
export { EventRepository, type NewEngagementEvent } from './events';
export { type LeadPatch, LeadRepository, type LeadUpsert, type NewLead } from './leads';
export { requestPersistentStorage } from './persist';
export { type QualificationDraft, QualificationRepository } from './qualifications';
export { SettingsRepository } from './settings';

/** Every repository over one database, sharing one clock. */
export interface Repositories {
  leads: LeadRepository;
  events: EventRepository;
  qualifications: QualificationRepository;
  dispositions: DispositionRepository;
  activities: ActivityRepository;
  settings: SettingsRepository;
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
  };
}
export { findLeadsForIdentity, type IdentityKeys, SEARCH_LIMIT, searchLeads } from './search';
