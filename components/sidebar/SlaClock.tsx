import { useId, useMemo } from 'react';
import type { EngagementEvent } from '../../lib/domain/event';
import type { Lead } from '../../lib/domain/lead';
import type { Settings } from '../../lib/domain/settings';
import { highIntentTriggerAt, leadClocks, type TierClock } from '../../lib/sla/tiers';
import { type Formatter, formatBusinessDuration, formatDuration, useFormat } from './format';

const MINUTE_MS = 60_000;

export interface SlaClockProps {
  lead: Lead;
  settings: Pick<Settings, 'sla'>;
  now: number;
  /** The lead's events: a high-intent request among them puts the first touch on its own clock. */
  events?: readonly EngagementEvent[] | undefined;
}

const hours = (n: number) => `${n} business ${n === 1 ? 'hour' : 'hours'}`;
const days = (n: number) => `${n} business ${n === 1 ? 'day' : 'days'}`;

/** What a clock's allowance is and what started it: "1 business hour from the request". */
function allowanceOf(clock: TierClock, settings: Pick<Settings, 'sla'>): string {
  switch (clock.tier) {
    case 'high_intent':
      return `${hours(clock.allowanceHours)} from the request`;
    case 'standard':
      return `${hours(clock.allowanceHours)} from MQL`;
    case 'verdict':
      return `${days(settings.sla.verdictBusinessDays)} from the first touch`;
  }
}

interface Wording {
  badge: string;
  text: string;
  detail: string;
}

function firstTouchWords(clock: TierClock, allowance: string, format: Formatter): Wording {
  const { status } = clock;
  switch (status.kind) {
    case 'running':
      return {
        badge: clock.tier === 'high_intent' ? 'High intent' : 'Waiting',
        text:
          status.remainingBusinessMs < MINUTE_MS
            ? 'Less than a minute left for first touch'
            : `${formatDuration(status.remainingBusinessMs)} left for first touch`,
        detail: `Due ${format.dateTime(status.deadline)} (${allowance})`,
      };
    case 'overdue':
      return {
        badge: 'Overdue',
        text:
          status.overdueBusinessMs < MINUTE_MS
            ? `Overdue since ${format.dateTime(status.deadline)}`
            : `Overdue by ${formatBusinessDuration(status.overdueBusinessMs)}`,
        detail: `Was due ${format.dateTime(status.deadline)} (${allowance})`,
      };
    case 'met':
      return {
        badge: status.onTime ? 'Met' : 'Late',
        text: status.onTime
          ? `First touch met in ${formatDuration(status.withinBusinessMs)}`
          : `First touch after ${formatDuration(status.withinBusinessMs)}, past the ${allowance.replace(/ from .*/, '')}`,
        detail: `Touched ${format.dateTime(status.at)}; due ${format.dateTime(status.deadline)}`,
      };
  }
}

function verdictWords(clock: TierClock, allowance: string, format: Formatter): Wording {
  const { status } = clock;
  switch (status.kind) {
    case 'running':
      return {
        badge: 'Waiting',
        text:
          status.remainingBusinessMs < MINUTE_MS
            ? 'Less than a minute left to accept or reject'
            : `${formatDuration(status.remainingBusinessMs)} left to accept or reject`,
        detail: `Due ${format.dateTime(status.deadline)} (${allowance})`,
      };
    case 'overdue':
      return {
        badge: 'Overdue',
        text:
          status.overdueBusinessMs < MINUTE_MS
            ? `Verdict overdue since ${format.dateTime(status.deadline)}`
            : `Verdict overdue by ${formatBusinessDuration(status.overdueBusinessMs)}`,
        detail: `Was due ${format.dateTime(status.deadline)} (${allowance})`,
      };
    case 'met':
      return {
        badge: status.onTime ? 'Met' : 'Late',
        text: status.onTime
          ? `Decided in ${formatDuration(status.withinBusinessMs)}`
          : `Decided after ${formatDuration(status.withinBusinessMs)}, past the ${allowance.replace(/ from .*/, '')}`,
        detail: `Decided ${format.dateTime(status.at)}; due ${format.dateTime(status.deadline)}`,
      };
  }
}

/**
 * The speed-to-lead clocks in words (lib/sla tiers): the first touch, on a high-intent
 * request's hour or an MQL's day, whichever is due first; once touched, the verdict's days.
 * The clock due next comes first with its deadline; a met first touch stays as one line above
 * the verdict. The verdict is a word in a badge (never colour alone); the deadline is always
 * written out. Not a live region: it ticks every 30 s and would talk over the rep.
 */
export function SlaClock({ lead, settings, now, events }: SlaClockProps) {
  const headingId = useId();
  const format = useFormat();
  const triggerAt = useMemo(() => (events ? highIntentTriggerAt(lead, events, now) : undefined), [lead, events, now]);
  const { firstTouch, verdict } = leadClocks(lead, settings, now, triggerAt);
  if (!firstTouch && !verdict) return null;
  const touch = firstTouch && firstTouchWords(firstTouch, allowanceOf(firstTouch, settings), format);
  const decide = verdict && verdictWords(verdict, allowanceOf(verdict, settings), format);
  // Under the verdict, a first touch met on time is one line; a late one keeps its dates.
  const touchStatus = firstTouch?.status;
  const touchDetail = !decide || touchStatus?.kind !== 'met' || !touchStatus.onTime;
  const kind = (verdict && firstTouch?.status.kind === 'met' ? verdict : (firstTouch ?? verdict))?.status.kind;

  return (
    <section className={`card sla sla-${kind}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{decide && firstTouch?.status.kind === 'met' ? 'First touch and verdict' : 'First touch'}</h3>
      {touch && firstTouch && (
        <>
          <p className="sla-text">
            <span className={`badge badge-${badgeClass(firstTouch)}`}>{touch.badge}</span>{' '}
            <span data-testid="sla-text">{touch.text}</span>
          </p>
          {touchDetail && <p className="muted small">{touch.detail}</p>}
        </>
      )}
      {decide && verdict && (
        <>
          <p className="sla-text">
            <span className={`badge badge-${badgeClass(verdict)}`}>{decide.badge}</span>{' '}
            <span data-testid="verdict-text">{decide.text}</span>
          </p>
          <p className="muted small">{decide.detail}</p>
        </>
      )}
    </section>
  );
}

const badgeClass = ({ status }: TierClock) => (status.kind === 'met' && status.onTime ? 'ok' : status.kind);
