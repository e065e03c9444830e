import { useId } from 'react';
import type { Activity } from '../../../lib/domain/activity';
import { formatDuration } from '../format';
import { STATUS_LABELS } from '../labels';
import { criterionLabel, KIND_LABELS, OUTCOME_LABELS } from './labels';

export interface TouchListProps {
  /** Newest first; undefined while loading. */
  activities: readonly Activity[] | undefined;
  now: number;
  formatAt: (at: number) => string;
}

/** The lead's logged touches, newest first. */
export function TouchList({ activities, now, formatAt }: TouchListProps) {
  const id = useId();
  return (
    <>
      <h4 id={id}>Touches</h4>
      {activities === undefined ? (
        <p aria-busy="true">Loading touches…</p>
      ) : activities.length === 0 ? (
        <p className="muted">No touches logged yet.</p>
      ) : (
        <ol className="touches" aria-labelledby={id}>
          {activities.map((activity) => (
            <Touch key={activity.id} activity={activity} now={now} formatAt={formatAt} />
          ))}
        </ol>
      )}
    </>
  );
}

interface TouchProps {
  activity: Activity;
  now: number;
  formatAt: (at: number) => string;
}

/** One logged touch; everything typed is rendered as text. */
function Touch({ activity, now, formatAt }: TouchProps) {
  const { nextStep } = activity;
  const overdue = nextStep !== undefined && nextStep.dueAt < now;
  return (
    <li className="touch">
      <p className="touch-head">
        <strong>{KIND_LABELS[activity.kind]}</strong> · {OUTCOME_LABELS[activity.outcome]}
        {activity.durationSeconds !== undefined && ` · ${formatDuration(activity.durationSeconds * 1000)}`}
      </p>
      <p className="touch-time">
        <time dateTime={new Date(activity.occurredAt).toISOString()}>{formatAt(activity.occurredAt)}</time>
      </p>
      {activity.notes !== '' && <p className="touch-notes">{activity.notes}</p>}
      {activity.criteriaUpdates.length > 0 && (
        <ul className="touch-updates" aria-label="Checklist updates">
          {activity.criteriaUpdates.map((u) => (
            <li key={u.criterion}>
              {criterionLabel(u.criterion)}: {STATUS_LABELS[u.status]}
              {u.evidence !== '' && ` (${u.evidence})`}
            </li>
          ))}
        </ul>
      )}
      {nextStep && (
        <p className={overdue ? 'next-step next-step-overdue' : 'next-step'}>
          Next step: {nextStep.action}, due {formatAt(nextStep.dueAt)}
          {overdue && <span className="badge badge-overdue">Overdue</span>}
        </p>
      )}
    </li>
  );
}
