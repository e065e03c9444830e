import { useId, useMemo } from 'react';
import type { EngagementEvent } from '../../lib/domain/event';
import type { Lead } from '../../lib/domain/lead';
import type { ScoringModel } from '../../lib/domain/scoring-model';
import { type ScoreResult, scoreLead } from '../../lib/scoring/score';
import { describeEvidence } from './evidence';
import { formatPoints, useFormat } from './format';

export interface ScoreCardProps {
  lead: Lead;
  /** Every event of the lead (scoring reads them all; it is fast). */
  events: readonly EngagementEvent[];
  model: ScoringModel;
  now: number;
}

/** Stages where the score still decides something: before the handoff, and a recycled lead coming back. */
const SCORING_STAGES = new Set<Lead['stage']>(['lead', 'mql', 'recycled']);

const useScore = ({ lead, events, model, now }: ScoreCardProps) =>
  useMemo(() => scoreLead(model, { lead, events, now }), [model, lead, events, now]);

/** "125 points", "1 point". */
const points = (n: number) => `${n} ${Math.abs(n) === 1 ? 'point' : 'points'}`;

/** The badge beside the full score: a total over the threshold that lacks a group says which. */
function verdict({ isMql, missing }: ScoreResult): string {
  if (isMql) return 'MQL by score';
  if (missing.points > 0) return 'Below the MQL threshold';
  return missing.groups.fit > 0 ? 'Not an MQL: needs fit' : 'Not an MQL: needs behaviour';
}

/**
 * The MQL bar's gaps in words: points to the threshold, then each group short of the model's
 * "MQL needs fit and behaviour" minimum, with what the lead has.
 */
function missingLines({ missing, threshold, groups, mqlNeeds }: ScoreResult): string[] {
  const lines: string[] = [];
  if (missing.points > 0) lines.push(`${points(missing.points)} to the threshold of ${threshold}.`);
  if (missing.groups.fit > 0)
    lines.push(
      `${points(missing.groups.fit)} of fit (who the lead is): an MQL needs ${mqlNeeds?.fit} fit points, this lead has ${groups.fit}.`,
    );
  if (missing.groups.behavior > 0)
    lines.push(
      `${points(missing.groups.behavior)} of behaviour (what the lead did): an MQL needs ${mqlNeeds?.behavior} behaviour points, this lead has ${groups.behavior}.`,
    );
  if (lines.length === 0)
    lines.push(
      mqlNeeds
        ? 'Nothing: the score meets the threshold, with fit and behaviour.'
        : 'Nothing: the score meets the threshold.',
    );
  return lines;
}

/**
 * The score as one figure with its verdict, for the top of the lead view: "125 points · MQL
 * at 60" (a total and a threshold, not a fraction). The explanation is the ScoreCard below.
 */
export function ScoreSummary(props: ScoreCardProps) {
  const result = useScore(props);
  return (
    <>
      <strong className="score-figure" data-testid="score-summary">
        {points(result.total)}
      </strong>{' '}
      <span className="muted">· MQL at {result.threshold}</span>{' '}
      {SCORING_STAGES.has(props.lead.stage) && (
        <span className={result.isMql ? 'badge badge-ok' : 'badge'}>{result.isMql ? 'MQL by score' : 'Below MQL'}</span>
      )}
    </>
  );
}

/**
 * The score, always with its explanation (DESIGN.md §2): the total against the threshold,
 * every rule that fired with its points and evidence, and, while the score still decides
 * something (before the handoff, or recycled), what is still missing.
 */
export function ScoreCard(props: ScoreCardProps) {
  const { lead, events, model } = props;
  const headingId = useId();
  const format = useFormat();
  const result = useScore(props);
  const eventsById = useMemo(() => new Map(events.map((e) => [e.id, e])), [events]);

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Score</h3>
      <p className="score-total">
        <strong data-testid="score-total">{result.total}</strong> {Math.abs(result.total) === 1 ? 'point' : 'points'} ·
        MQL at {result.threshold} <span className={result.isMql ? 'badge badge-ok' : 'badge'}>{verdict(result)}</span>
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
      {SCORING_STAGES.has(lead.stage) && (
        <>
          <h4>What is missing</h4>
          {missingLines(result).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </>
      )}
      {SCORING_STAGES.has(lead.stage) && result.missing.opportunities.length > 0 && (
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
