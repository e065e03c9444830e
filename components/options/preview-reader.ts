import type { Repositories } from '../../lib/db';
import { LEAD_STAGES } from '../../lib/domain/enums';
import type { PreviewReader } from '../../lib/scoring/preview-run';

/**
 * The MQL preview's reader over the repositories: every lead, stage by stage (together the
 * stages hold every lead once), with its events, a chunk at a time. The repositories offer no
 * paging over all leads, so one stage's leads are read whole and only the event reads are
 * chunked; a `LeadRepository` page method would bound that too.
 */
export function repositoryPreviewReader(repos: Pick<Repositories, 'leads' | 'events'>): PreviewReader {
  return {
    count: () => repos.leads.count(),
    async *chunks(size) {
      for (const stage of LEAD_STAGES) {
        const leads = await repos.leads.listByStage(stage);
        for (let start = 0; start < leads.length; start += size) {
          const slice = leads.slice(start, start + size);
          const events = await Promise.all(slice.map((lead) => repos.events.forLead(lead.id)));
          yield slice.map((lead, index) => ({ lead, events: events[index] ?? [] }));
        }
      }
    },
  };
}
