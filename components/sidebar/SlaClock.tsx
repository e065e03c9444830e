import { useId } from 'react';
import type { Lead } from '../../lib/domain/lead';
import type { Settings } from '../../lib/domain/settings';
import { slaStatus } from '../../lib/sla/business-hours';
import { formatBusinessDuration, formatDuration, useFormat } from './format';

const MINUTE_MS = 60_000;

export interface SlaClockProps {
  lead: Lead;
  settings: Pick<Settings, 'sla'>;
  now: number;
}

/**
 * The first-touch SLA in words: time left, time overdue, or how long the touch took. The
 * verdict is a word in a badge (never colour alone); the deadline is always written out.
 * Not a live region: it ticks every 30 s and would talk over the rep.
 */
export function SlaClock({ lead, settings, now }: SlaClockProps) {
  const headingId = useId();
  const format = useFormat();
  const status = slaStatus(lead, settings, now);
  if (status.kind === 'not_applicable') return null;
  const allowance = `${settings.sla.firstTouchBusinessHours} business ${settings.sla.firstTouchBusinessHours === 1 ? 'hour' : 'hours'}`;

  let badge: string;
  let text: string;
  let detail: string;
  switch (status.kind) {
    case 'running':
      badge = 'Waiting';
      text =
        status.remainingBusinessMs < MINUTE_MS
          ? 'Less than a minute left for first touch'
          : `${formatDuration(status.remainingBusinessMs)} left for first touch`;
      detail = `Due ${format.dateTime(status.deadline)} (${allowance} from MQL)`;
      break;
    case 'overdue':
      badge = 'Overdue';
      text =
        status.overdueBusinessMs < MINUTE_MS
          ? `Overdue since ${format.dateTime(status.deadline)}`
          : `Overdue by ${formatBusinessDuration(status.overdueBusinessMs)}`;
      detail = `Was due ${format.dateTime(status.deadline)} (${allowance} from MQL)`;
      break;
    case 'met':
      badge = status.onTime ? 'Met' : 'Late';
      text = status.onTime
        ? `First touch met in ${formatDuration(status.withinBusinessMs)}`
        : `First touch after ${formatDuration(status.withinBusinessMs)}, past the ${allowance}`;
      detail = `Touched ${format.dateTime(status.at)}; due ${format.dateTime(status.deadline)}`;
      break;
  }

  return (
    <section className={`card sla sla-${status.kind}`} aria-labelledby={headingId}>
      <h3 id={headingId}>First touch</h3>
      <p className="sla-text">
        <span className={`badge badge-${status.kind === 'met' && status.onTime ? 'ok' : status.kind}`}>{badge}</span>{' '}
        <span data-testid="sla-text">{text}</span>
      </p>
      <p className="muted small">{detail}</p>
    </section>
  );
}
