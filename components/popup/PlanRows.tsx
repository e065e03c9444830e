import { useState } from 'react';
import { ClaimConflictError, type Repositories } from '../../lib/db';
import type { Lead } from '../../lib/domain/lead';
import type { IntentSignal, NextStepEntry, VerdictEntry } from '../../lib/queue/plan';
import { leadLink, type RevisitEntry } from '../../lib/queue/queue';
import { type FirstTouchRow, inView } from '../../lib/queue/read-plan';
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

/** What a row needs to claim its lead: the database and who the rep is. */
export interface ClaimContext {
  repos: Pick<Repositories, 'leads'>;
  me: string | undefined;
}

/** "tom.okafor" of "tom.okafor@brightwave.example": an owner in a narrow row. */
const shortOwner = (owner: string) => owner.split('@')[0] ?? owner;

/**
 * The lead's owner and "Claim": on a lead of nobody's, one click makes it the rep's (synced,
 * so the team sees it); on a teammate's, a second step asks first. A claim that lost the race
 * (the owner changed since the list was read) says who has it instead.
 */
function Claim({ lead, claim }: { lead: Lead; claim: ClaimContext }) {
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { me } = claim;
  const mine = inView(lead, 'mine', me);
  if (mine) return <span className="plan-owner">yours</span>;
  const take = async () => {
    if (!me) return;
    setProblem(null);
    try {
      await claim.repos.leads.claim(lead.id, me, lead.owner);
    } catch (error) {
      setProblem(error instanceof ClaimConflictError ? error.message : `Could not claim: ${String(error)}`);
    }
    setConfirming(false);
  };
  const name = lead.person.name ?? 'this lead';
  return (
    <span className="plan-claim">
      {lead.owner && <span className="plan-owner">{shortOwner(lead.owner)}</span>}{' '}
      {me &&
        (confirming ? (
          <>
            <button type="button" className="link-button" onClick={() => void take()}>
              Take over from {shortOwner(lead.owner ?? '')}
            </button>{' '}
            <button type="button" className="link-button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            className="link-button"
            onClick={() => (lead.owner ? setConfirming(true) : void take())}
            aria-label={`Claim ${name}`}
          >
            Claim
          </button>
        ))}
      {problem && (
        <span role="alert" className="plan-overdue">
          {' '}
          {problem}
        </span>
      )}
    </span>
  );
}

export function FirstTouchItem({
  row,
  format,
  claim,
}: {
  row: FirstTouchRow;
  format: Formatter;
  claim?: ClaimContext;
}) {
  const context = who(row.lead);
  return (
    <li className={row.overdue ? 'overdue' : undefined}>
      <LeadName lead={row.lead} />
      {claim && <Claim lead={row.lead} claim={claim} />}
      <span className="plan-meta">
        {context && `${context} · `}
        <span className="plan-score">{row.score} pts</span>
      </span>
      <span className="plan-meta">
        {row.tier === 'high_intent' && (
          <>
            <span
              className="badge badge-high-intent"
              title={`First touch within ${row.allowanceHours} business hour(s) of the request`}
            >
              High intent
            </span>{' '}
          </>
        )}
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

export function VerdictItem({
  entry,
  format,
  claim,
}: {
  entry: VerdictEntry;
  format: Formatter;
  claim?: ClaimContext;
}) {
  const context = who(entry.lead);
  const days = entry.daysWaiting;
  return (
    <li className={entry.overdue ? 'overdue' : undefined}>
      <LeadName lead={entry.lead} />
      {claim && <Claim lead={entry.lead} claim={claim} />}
      <span className="plan-meta">
        {context && `${context} · `}
        {days === 0 ? 'touched today' : `${days} ${days === 1 ? 'day' : 'days'} waiting`}
      </span>
      <span className={entry.overdue ? 'plan-meta plan-overdue' : 'plan-meta'}>
        {entry.overdue && (
          <>
            <span className="badge badge-overdue">Overdue</span>{' '}
          </>
        )}
        {entry.overdue ? 'verdict was due ' : 'verdict due '}
        <time dateTime={new Date(entry.deadline).toISOString()}>{format.dateTime(entry.deadline)}</time>
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
