import type { Repositories } from '../db';
import { findLeadsForIdentity } from '../db';
import type { ParsedPageState } from '../sites/identity';
import { localDate } from '../sla';

/**
 * Captured engagement (opt-in, `settings.captureEngagement`): the rep opening a known
 * lead's LinkedIn profile or mail thread is logged as an event, at most once per lead per
 * day (the rep's calendar day, from the SLA calendar's time zone). A page reports its
 * state several times (late rendering, SPA navigation), so captures are serialised and
 * each checks what is already stored.
 */
export class EngagementCapture {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly repos: Repositories,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns the ids of the leads a view was logged for (none when off or already logged today). */
  capture(state: ParsedPageState): Promise<string[]> {
    const run = this.queue.then(() => this.captureNow(state));
    this.queue = run.catch(() => {});
    return run;
  }

  private async captureNow({ extraction }: ParsedPageState): Promise<string[]> {
    if (extraction.kind !== 'person') return [];
    const settings = await this.repos.settings.get();
    if (!settings.captureEngagement) return [];
    const { identity } = extraction;
    const type = identity.site === 'linkedin' ? 'linkedin_viewed' : 'email_thread_viewed';
    const at = this.now();
    const today = localDate(at, settings.sla.calendar.timeZone);
    const logged: string[] = [];
    for (const lead of await findLeadsForIdentity(this.repos.leads, identity)) {
      const recent = await this.repos.events.history(lead.id, { limit: 200 });
      const sameDay = recent.filter((e) => localDate(e.occurredAt, settings.sla.calendar.timeZone) === today);
      if (sameDay.some((e) => e.type === type)) continue;
      await this.repos.events.add({
        leadId: lead.id,
        type,
        occurredAt: at,
        origin: 'captured',
        details: { site: identity.site, page: identity.page },
      });
      logged.push(lead.id);
    }
    return logged;
  }
}
