import Dexie from 'dexie';
import { type MarketingScore, MarketingScoreSchema, replacesScore } from '../domain/marketing-score';
import { Repository } from './base';
import type { HandoffDb } from './db';

/**
 * Writes `score` unless a later one of the same lead and system is stored
 * (`replacesScore`), inside the caller's transaction, which must include `marketingScores`.
 * Sync's pull calls it for every pulled score; whether it wrote is the answer.
 */
export async function keepNewestScore(db: HandoffDb, score: MarketingScore): Promise<boolean> {
  if (!replacesScore(score, await db.marketingScores.get([score.leadId, score.system]))) return false;
  await db.marketingScores.put(score);
  return true;
}

/**
 * Marketing's scores: what its automation posted to the team server for a lead, one per
 * scoring system. They arrive with sync's pull (lib/db/sync/pull.ts writes them) or the
 * sample data; nothing in the browser makes one, and they are never pushed.
 */
export class MarketingScoreRepository extends Repository {
  /** The lead's scores, newest first (by `scoredAt`; the system's name breaks ties). */
  async forLead(leadId: string): Promise<MarketingScore[]> {
    const rows = await this.db.marketingScores
      .where('[leadId+system]')
      .between([leadId, Dexie.minKey], [leadId, Dexie.maxKey], true, true)
      .toArray();
    return rows.sort((a, b) => b.scoredAt - a.scoredAt || (a.system < b.system ? -1 : a.system > b.system ? 1 : 0));
  }

  /**
   * Stores scores, each kept only where it is the newest of its lead and system. All or
   * nothing: every score is parsed first (a bad one, named by index, refuses the batch) and
   * every lead must exist (`RecordNotFoundError`). Returns the scores written.
   */
  async keep(inputs: readonly unknown[]): Promise<MarketingScore[]> {
    const scores = this.parseAll(MarketingScoreSchema, inputs, 'marketingScores');
    const written: MarketingScore[] = [];
    await this.db.transaction('rw', [this.db.marketingScores, this.db.leads], async () => {
      await this.requireLeads(scores.map((s) => s.leadId));
      for (const score of scores) if (await keepNewestScore(this.db, score)) written.push(score);
    });
    return written;
  }
}
