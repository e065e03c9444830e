import { type PageCorrection, type PageCorrectionInput, PageCorrectionSchema } from '../domain/correction';
import { Repository, type RepositoryOptions } from './base';
import type { HandoffDb } from './db';
import { SettingsEntryRepository } from './entries';

const PREFIX = 'pageCorrection:';

/**
 * The rep's corrections of who is on a page (lib/domain/correction.ts), one per page key.
 * Kept as named rows of the settings table (no schema change): few, small, local to this
 * browser, and read one at a time by key.
 */
export class PageCorrectionRepository extends Repository {
  private readonly entries: SettingsEntryRepository;

  constructor(db: HandoffDb, options: RepositoryOptions = {}) {
    super(db, options);
    this.entries = new SettingsEntryRepository(db, options);
  }

  /** The correction for `pageKey`, or `undefined` when the rep never corrected this page. */
  forPage(pageKey: string): Promise<PageCorrection | undefined> {
    return this.entries.get(PREFIX + pageKey, PageCorrectionSchema);
  }

  /** Replaces the page's correction, dated now. Throws `ValidationError`; nothing is written. */
  async save(input: Omit<PageCorrectionInput, 'correctedAt'>): Promise<PageCorrection> {
    const correction = this.parse(PageCorrectionSchema, { ...input, correctedAt: this.now() }, 'page correction');
    return this.entries.put(PREFIX + correction.pageKey, PageCorrectionSchema, correction);
  }

  /** Forgets the page's correction: the adapter's reading stands again. */
  forget(pageKey: string): Promise<void> {
    return this.entries.delete(PREFIX + pageKey);
  }
}
