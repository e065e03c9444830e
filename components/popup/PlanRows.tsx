import type { Lead } from '../../lib/domain/lead';
import type { IntentSignal, NextStepEntry, VerdictEntry } from '../../lib/queue/plan';
import { leadLink, type RevisitEntry } from '../../lib/queue/queue';
import type { FirstTouchRow } from '../../lib/queue/read-plan';
import { type Formatter, formatDuration } from '../sidebar/format';
import { intentLabel } from '../sidebar/labels';

const MINUTE_MS = 60_000;

/** The lead's name as the row's link: its LinkedIn profile, or a LinkedIn search for it. */
function LeadName({ lead }: { lead: Lead }) {
  const link = leadLink(lead);
  return (
    <a className="plan-name" href={link.href} target="_blank" rel="noreferrer">
      {lead.person.name}
      {link.kind === 'search' && <span className="visually-hidden"> (search on LinkedIn)</span>}
    </a>
  );
}

/** "Acme · VP Sales": who the person is, when known. */
function who(lead: Lead): string {
  return [lead.company.name, lead.person.title].filter(Boolean).join(' · ');
}

function Intent({ intent }: { intent: IntentSignal }) {
  return (
    <span className="badge badge-intent">
      {/* The count is said in words to a screen reader; "×3" reads as "times three" at best. */}
      {intentLabel({ type: intent.type, pageCategory: intent.pageCategory })}
      {intent.count > 1 && (
        <>
          {' '}
          <span aria-hidden="true">×{intent.count}</span>
          <span className="visually-hidden">, {intent.count} times</span>
        </>
      )}
    </span>
  );
}

/** Time left in business hours (lib/sla), or how far past the deadline, in words. */
function TimeLeft({ row, format }: { row: FirstTouchRow; format: Formatter }) {
  const due = `Due ${format.dateTime(row.deadline)}`;
  if (!row.overdue) {
    return (
      <span className="plan-when" title={due}>
        {row.businessMs < MINUTE_MS ? 'Under a minute left' : `${formatDuration(row.businessMs)} left`}
      </span>
    );
  }
  return (
    <span className="plan-when plan-overdue" title={due}>
      <span className="badge badge-overdue">Overdue</span>{' '}
      {/* Past a deadline that fell at closing time, no business time has run yet. */}
      {row.businessMs < MINUTE_MS ? `since ${format.dateTime(row.deadline)}` : formatDuration(row.businessMs)}
    </span>
  );
}

export function FirstTouchItem({ row, format }: { row: FirstTouchRow; format: Formatter }) {
  const context = who(row.lead);
  return (
    <li className={row.overdue ? 'overdue' : undefined}>
      <LeadName lead={row.lead} />
      <span className="plan-meta">
        {context && `${context} · `}
        <span className="plan-score">{row.score} pts</span>
      </span>
      <span className="plan-meta">
        {row.intent && (
          <>
            <Intent intent={row.intent} />{' '}
          </>
        )}
        <TimeLeft row={row} format={format} />
      </span>
    </li>
  );
}

export function NextStepItem({ step, format, at }: { step: NextStepEntry; format: Formatter; at: number }) {
  const sameDay = format.dayKey(step.dueAt) === format.dayKey(at);
  return (
    <li className={step.overdue ? 'overdue' : undefined}>
      <LeadName lead={step.lead} />
      <span className="plan-step">{step.action}</span>
      <span className={step.overdue ? 'plan-meta plan-overdue' : 'plan-meta'}>
        {step.overdue && (
          <>
            <span className="badge badge-overdue">Overdue</span>{' '}
          </>
        )}
        {step.overdue ? 'was due ' : 'due '}
        <time dateTime={new Date(step.dueAt).toISOString()}>
          {sameDay ? `today ${format.time(step.dueAt)}` : format.dateTime(step.dueAt)}
        </time>
      </span>
    </li>
  );
}

export function VerdictItem({ entry }: { entry: VerdictEntry }) {
  const context = who(entry.lead);
  const days = entry.daysWaiting;
  return (
    <li>
      <LeadName lead={entry.lead} />
      <span className="plan-meta">
        {context && `${context} · `}
        {days === 0 ? 'touched today' : `${days} ${days === 1 ? 'day' : 'days'} waiting`}
      </span>
    </li>
  );
}

export function RevisitItem({ entry, format }: { entry: RevisitEntry; format: Formatter }) {
  const context = who(entry.lead);
  return (
    <li>
      <LeadName lead={entry.lead} />
      <span className="plan-meta">
        {context && `${context} · `}
        revisit since <time dateTime={new Date(entry.revisitAt).toISOString()}>{format.date(entry.revisitAt)}</time>
      </span>
    </li>
  );
}
