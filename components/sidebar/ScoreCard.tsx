import { useId, useMemo } from 'react';
import type { EngagementEvent } from '../../lib/domain/event';
import type { Lead } from '../../lib/domain/lead';
import type { ScoringModel } from '../../lib/domain/scoring-model';
import { scoreLead } from '../../lib/scoring/score';
import { describeEvidence } from './evidence';
import { formatPoints, useFormat } from './format';

export interface ScoreCardProps {
  lead: Lead;
  /** Every event of the lead (scoring reads them all; it is fast). */
  events: readonly EngagementEvent[];
  model: ScoringModel;
  now: number;
}

/**
 * The score, always with its explanation (DESIGN.md §2): the total against the threshold,
 * every rule that fired with its points and evidence, and what is still missing.
 */
export function ScoreCard({ lead, events, model, now }: ScoreCardProps) {
  const headingId = useId();
  const format = useFormat();
  const result = useMemo(() => scoreLead(model, { lead, events, now }), [model, lead, events, now]);
  const eventsById = useMemo(() => new Map(events.map((e) => [e.id, e])), [events]);

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Score</h3>
      <p className="score-total">
        <strong data-testid="score-total">{result.total}</strong> of {result.threshold} to MQL:{' '}
        <span className={result.isMql ? 'badge badge-ok' : 'badge'}>
          {result.isMql ? 'MQL by score' : 'Below the MQL threshold'}
        </span>
      </p>
      <h4>Why</h4>
      {result.lines.length === 0 ? (
        <p className="muted">No rule of the model applies yet.</p>
      ) : (
        <ul className="score-lines" aria-label="Score explanation">
          {result.lines.map((line) => (
            <li key={line.ruleId} className={line.points < 0 ? 'negative' : undefined}>
              <span className="points" data-testid="line-points">
                {formatPoints(line.points)}
              </span>{' '}
              <span className="line-label">{line.label}</span>{' '}
              <span className="evidence">{describeEvidence(line, eventsById, format)}</span>
            </li>
          ))}
        </ul>
      )}
      <h4>What is missing</h4>
      <p>
        {result.missing.points > 0
          ? `${result.missing.points} ${result.missing.points === 1 ? 'point' : 'points'} to the threshold of ${result.threshold}.`
          : 'Nothing: the score meets the threshold.'}
      </p>
      {result.missing.opportunities.length > 0 && (
        <>
          <p className="muted small" id={`${headingId}-open`}>
            Rules not met yet:
          </p>
          <ul className="score-lines" aria-labelledby={`${headingId}-open`}>
            {result.missing.opportunities.map((opportunity) => (
              <li key={opportunity.ruleId}>
                <span className="points">{formatPoints(opportunity.points)}</span>{' '}
                <span className="line-label">{opportunity.label}</span>{' '}
                <span className="evidence">{opportunity.need}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small">
        Model: {model.name} (version {model.version})
      </p>
    </section>
  );
}
