import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo } from 'react';
import type { Repositories } from '../../lib/db';
import type { Lead } from '../../lib/domain/lead';
import { buildQueue, leadLink } from '../../lib/queue/queue';
import { createFormatter, type FormatOptions } from '../sidebar/format';

export interface QueueProps extends FormatOptions {
  repos: Repositories;
  now: () => number;
  /** How many leads each list shows; the counts always cover them all. */
  limit?: number;
}

/**
 * Today's work, live: MQLs waiting for a first touch, the most urgent SLA deadline first
 * (overdue marked with a word, not only a colour), and recycled leads due for a revisit.
 * Each lead is a link to its LinkedIn profile, or a LinkedIn search when it has none: the
 * sidebar takes over from there.
 */
export function Queue({ repos, now, limit = 25, locale, timeZone }: QueueProps) {
  const format = useMemo(() => createFormatter({ locale, timeZone }), [locale, timeZone]);
  const waitingId = useId();
  const revisitId = useId();
  const queue = useLiveQuery(async () => {
    // Only two stages can be in the queue; the stage index keeps this off the other 90%.
    const [mqls, recycled, settings] = await Promise.all([
      repos.leads.listByStage('mql'),
      repos.leads.listByStage('recycled'),
      repos.settings.get(),
    ]);
    return buildQueue([...mqls, ...recycled], settings, now());
  }, [repos, now]);

  if (queue === undefined) return <p aria-busy="true">Loading today’s queue…</p>;
  const { counts } = queue;

  return (
    <section className="queue" aria-label="Today’s queue">
      <p className="queue-counts" data-testid="queue-counts">
        <strong>{counts.waiting}</strong> waiting for first touch · <strong>{counts.overdue}</strong> overdue ·{' '}
        <strong>{counts.dueToday}</strong> due today · <strong>{counts.revisits}</strong> to revisit
      </p>

      <h2 id={waitingId}>Waiting for first touch</h2>
      {queue.waiting.length === 0 ? (
        <p className="muted">No MQL is waiting for a first touch.</p>
      ) : (
        <ol className="queue-list" aria-labelledby={waitingId}>
          {queue.waiting.slice(0, limit).map(({ lead, deadline, overdue }) => (
            <li key={lead.id} className={overdue ? 'overdue' : undefined}>
              <LeadLink lead={lead} />
              <span className="queue-when">
                {overdue && <span className="badge badge-overdue">Overdue</span>} {overdue ? 'was due' : 'due'}{' '}
                <time dateTime={new Date(deadline).toISOString()}>{format.dateTime(deadline)}</time>
              </span>
            </li>
          ))}
        </ol>
      )}
      <More shown={Math.min(limit, queue.waiting.length)} total={queue.waiting.length} />

      <h2 id={revisitId}>Due for revisit</h2>
      {queue.revisits.length === 0 ? (
        <p className="muted">No recycled lead is due for a revisit.</p>
      ) : (
        <ol className="queue-list" aria-labelledby={revisitId}>
          {queue.revisits.slice(0, limit).map(({ lead, revisitAt }) => (
            <li key={lead.id}>
              <LeadLink lead={lead} />
              <span className="queue-when">
                revisit since <time dateTime={new Date(revisitAt).toISOString()}>{format.date(revisitAt)}</time>
              </span>
            </li>
          ))}
        </ol>
      )}
      <More shown={Math.min(limit, queue.revisits.length)} total={queue.revisits.length} />
    </section>
  );
}

function LeadLink({ lead }: { lead: Lead }) {
  const link = leadLink(lead);
  const context = [lead.person.title, lead.company.name].filter(Boolean).join(' at ');
  return (
    <a href={link.href} target="_blank" rel="noreferrer">
      <span className="queue-name">{lead.person.name}</span>
      {context && <span className="muted small"> · {context}</span>}
      {link.kind === 'search' && <span className="visually-hidden"> (search on LinkedIn)</span>}
    </a>
  );
}

function More({ shown, total }: { shown: number; total: number }) {
  if (total <= shown) return null;
  return <p className="muted small">and {(total - shown).toLocaleString()} more</p>;
}
