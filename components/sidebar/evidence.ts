import type { EngagementEvent } from '../../lib/domain/event';
import type { ScoreLine } from '../../lib/scoring/score';
import type { Formatter } from './format';
import { FIELD_LABELS, SENIORITY_LABELS } from './labels';

function isSeniority(value: string): value is keyof typeof SENIORITY_LABELS {
  return Object.hasOwn(SENIORITY_LABELS, value);
}

/**
 * A score line's evidence as one plain sentence: the lead field and the value found there
 * ("Employees: 220"), or the events counted ("3 events, latest 21 Nov 2026"), and any decay.
 */
export function describeEvidence(
  line: Pick<ScoreLine, 'evidence' | 'basePoints'>,
  eventsById: ReadonlyMap<string, Pick<EngagementEvent, 'occurredAt'>>,
  format: Pick<Formatter, 'date'>,
): string {
  const { evidence } = line;
  const parts: string[] = [];
  if (evidence.field !== undefined) {
    const label = FIELD_LABELS[evidence.field] ?? evidence.field;
    const raw = evidence.value;
    const value =
      typeof raw === 'string' && evidence.field === 'person.seniority' && isSeniority(raw)
        ? SENIORITY_LABELS[raw]
        : raw;
    parts.push(value === undefined || value === '' ? label : `${label}: ${value}`);
  }
  if (evidence.eventIds !== undefined) {
    const count = evidence.count ?? evidence.eventIds.length;
    const newestId = evidence.eventIds[0];
    const newest = newestId === undefined ? undefined : eventsById.get(newestId);
    const counted = count === 1 ? '1 event' : `${count} events`;
    parts.push(newest ? `${counted}, latest ${format.date(newest.occurredAt)}` : counted);
  }
  if (evidence.decayFactor !== undefined) {
    parts.push(`decayed to ${Math.round(evidence.decayFactor * 100)}% of ${line.basePoints} points`);
  }
  return parts.join('; ');
}
