import type { Ref } from 'react';
import type { DirectToSqlRequest } from '../../lib/domain/disposition';
import { FRAMEWORK_DEFINITIONS } from '../../lib/domain/frameworks';
import { type CriterionEntry, emptyQualification, type Qualification } from '../../lib/domain/qualification';
import type { Settings } from '../../lib/domain/settings';
import { evaluateSqlBar } from '../../lib/qualification/sql-bar';
import { CriterionField, type CriterionPatch } from './CriterionField';
import { EMPTY_HANDOFF, type HandoffDraft, HandoffFields, handoffRequest } from './HandoffFields';
import { ROUTE_LABELS } from './labels';
import { SqlGate } from './SqlGate';

/** What the rep has filled in to take a new person straight to SQL. */
export interface DirectToSqlDraft {
  route: 'direct_outbound' | 'direct_inbound';
  criteria: Record<string, CriterionEntry>;
  override: string;
  note: string;
  /** Who takes the SQL, the meeting, the note to sales. */
  handoff: HandoffDraft;
}

export const EMPTY_DIRECT_TO_SQL: DirectToSqlDraft = {
  route: 'direct_outbound',
  criteria: {},
  override: '',
  note: '',
  handoff: EMPTY_HANDOFF,
};

/** The draft as the checklist it would become, for the SQL bar. */
function asQualification(draft: DirectToSqlDraft, framework: Qualification['framework']): Qualification {
  const blank = emptyQualification('', framework, 0);
  return { ...blank, criteria: { ...blank.criteria, ...draft.criteria } };
}

/** Whether the evidence meets the settings' SQL bar (so no override is needed). */
export function meetsBar(draft: DirectToSqlDraft, settings: Settings): boolean {
  return evaluateSqlBar(asQualification(draft, settings.framework), settings.sqlCriteria).meets;
}

/**
 * The request the background decides on: only the criteria the rep touched, the override
 * only below the bar, the handoff when any of it was given (its meeting read in `timeZone`;
 * check it first with {@link handoffProblem}).
 */
export function directToSqlRequest(draft: DirectToSqlDraft, settings: Settings, timeZone: string): DirectToSqlRequest {
  const meets = meetsBar(draft, settings);
  const given = handoffRequest(draft.handoff, settings, timeZone);
  return {
    route: draft.route,
    criteria: Object.fromEntries(
      Object.entries(draft.criteria)
        .filter(([, e]) => e.status !== 'unknown' || e.evidence.trim() !== '')
        .map(([key, e]) => [key, { status: e.status, evidence: e.evidence }]),
    ),
    ...(meets ? {} : { overrideNote: draft.override }),
    ...(draft.note.trim() ? { note: draft.note } : {}),
    ...(given.ok && given.handoff ? { handoff: given.handoff } : {}),
  };
}

/** The handoff's problem (a meeting that is no time), in words, or none. */
export function handoffProblem(draft: DirectToSqlDraft, settings: Settings, timeZone: string): string | undefined {
  const given = handoffRequest(draft.handoff, settings, timeZone);
  return given.ok ? undefined : given.message;
}

export interface DirectToSqlFieldsProps {
  id: string;
  settings: Settings;
  draft: DirectToSqlDraft;
  onChange: (draft: DirectToSqlDraft) => void;
  /** The override's problem, shown under it. */
  overrideError?: string | undefined;
  overrideRef?: Ref<HTMLTextAreaElement>;
  /** The handoff meeting's problem, shown under it. */
  meetingError?: string | undefined;
}

/**
 * The part of "Add as lead" that takes the person straight to SQL (no MQL stage): how they
 * came, the evidence the rep already has in the settings' framework, the SQL bar following
 * it, the override note the bar asks for when the evidence is short of it, and the handoff
 * to an AE.
 */
export function DirectToSqlFields({
  id,
  settings,
  draft,
  onChange,
  overrideError,
  overrideRef,
  meetingError,
}: DirectToSqlFieldsProps) {
  const framework = FRAMEWORK_DEFINITIONS[settings.framework];
  const qualification = asQualification(draft, settings.framework);
  const meets = evaluateSqlBar(qualification, settings.sqlCriteria).meets;

  function change(key: string, patch: CriterionPatch) {
    const entry = draft.criteria[key] ?? { status: 'unknown', evidence: '' };
    onChange({ ...draft, criteria: { ...draft.criteria, [key]: { ...entry, ...patch } } });
  }

  return (
    <div className="direct-to-sql">
      <label htmlFor={`${id}-route`}>How this person reached SQL</label>
      <select
        id={`${id}-route`}
        value={draft.route}
        onChange={(e) => onChange({ ...draft, route: e.target.value as DirectToSqlDraft['route'] })}
      >
        {(['direct_outbound', 'direct_inbound'] as const).map((r) => (
          <option key={r} value={r}>
            {ROUTE_LABELS[r]}
          </option>
        ))}
      </select>
      <h4>Evidence so far ({framework.label})</h4>
      {framework.criteria.map((criterion) => (
        <CriterionField
          key={criterion.key}
          id={`${id}-${criterion.key}`}
          criterion={criterion}
          entry={draft.criteria[criterion.key] ?? { status: 'unknown', evidence: '' }}
          onChange={(patch) => change(criterion.key, patch)}
        />
      ))}
      <SqlGate qualification={qualification} criteria={settings.sqlCriteria} framework={settings.framework} />
      {!meets && (
        <>
          <label htmlFor={`${id}-override`}>Override: why take them to SQL anyway (required)</label>
          <textarea
            id={`${id}-override`}
            ref={overrideRef}
            rows={2}
            value={draft.override}
            aria-invalid={overrideError !== undefined}
            aria-describedby={overrideError ? `${id}-override-error` : undefined}
            onChange={(e) => onChange({ ...draft, override: e.target.value })}
          />
          {overrideError && (
            <p id={`${id}-override-error`} className="field-error">
              {overrideError}
            </p>
          )}
        </>
      )}
      <HandoffFields
        id={`${id}-handoff`}
        settings={settings}
        draft={draft.handoff}
        onChange={(handoff) => onChange({ ...draft, handoff })}
        meetingError={meetingError}
      />
      <label htmlFor={`${id}-sql-note`}>Note on the decision (optional)</label>
      <textarea
        id={`${id}-sql-note`}
        rows={2}
        value={draft.note}
        onChange={(e) => onChange({ ...draft, note: e.target.value })}
      />
    </div>
  );
}
