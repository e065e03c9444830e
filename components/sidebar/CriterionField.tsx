import type { CriterionDefinition } from '../../lib/domain/frameworks';
import { CRITERION_STATUSES } from '../../lib/domain/enums';
import type { CriterionEntry } from '../../lib/domain/qualification';
import { useFormat } from './format';
import { STATUS_LABELS } from './labels';

/** The schema's limit (`CriterionEntrySchema.evidence`), enforced while typing rather than on save. */
const EVIDENCE_MAX = 2000;

export type CriterionPatch = Partial<Pick<CriterionEntry, 'status' | 'evidence'>>;

export interface CriterionFieldProps {
  id: string;
  criterion: CriterionDefinition;
  entry: CriterionEntry;
  onChange: (patch: CriterionPatch) => void;
}

/** One criterion of a checklist: its status, the evidence, who set it, and the questions to ask. */
export function CriterionField({ id, criterion, entry, onChange }: CriterionFieldProps) {
  const format = useFormat();
  return (
    <fieldset className="criterion" aria-describedby={`${id}-description`}>
      <legend>{criterion.label}</legend>
      <p id={`${id}-description`} className="muted small">
        {criterion.description}
      </p>
      <div className="criterion-statuses">
        {CRITERION_STATUSES.map((status) => (
          <label key={status} className={`criterion-status status-${status}`}>
            <input
              type="radio"
              name={id}
              value={status}
              checked={entry.status === status}
              onChange={() => onChange({ status })}
            />
            {STATUS_LABELS[status]}
          </label>
        ))}
      </div>
      <label className="criterion-evidence-label" htmlFor={`${id}-evidence`}>
        Evidence<span className="visually-hidden"> for {criterion.label}</span>
      </label>
      <textarea
        id={`${id}-evidence`}
        rows={2}
        maxLength={EVIDENCE_MAX}
        value={entry.evidence}
        onChange={(e) => onChange({ evidence: e.target.value })}
      />
      {entry.updatedBy && entry.updatedAt !== undefined && (
        <p className="muted small">
          Updated by {entry.updatedBy}, {format.dateTime(entry.updatedAt)}
        </p>
      )}
      <details className="criterion-questions">
        <summary>Questions to ask</summary>
        <ul>
          {criterion.questions.map((question) => (
            <li key={question}>{question}</li>
          ))}
        </ul>
      </details>
    </fieldset>
  );
}
