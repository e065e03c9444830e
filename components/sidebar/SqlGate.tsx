import { useId } from 'react';
import type { Framework } from '../../lib/domain/enums';
import { emptyQualification, type Qualification, type SqlCriteria } from '../../lib/domain/qualification';
import { evaluateSqlBar, type UnmetRequirement } from '../../lib/qualification/sql-bar';
import { STATUS_LABELS } from './labels';
import './qualification.css';

const REQUIRED_LABELS: Record<UnmetRequirement['required'], string> = {
  partial: 'at least Partial',
  confirmed: 'Confirmed',
};

export interface SqlGateProps {
  /** The checklist to judge; `undefined` before the rep starts one (every criterion unknown). */
  qualification: Qualification | undefined;
  criteria: SqlCriteria;
  /** The framework of the blank checklist when there is none. */
  framework: Framework;
}

/** Whether the checklist meets the written SQL bar, and if not, each requirement it misses and each failure that blocks. */
export function SqlGate({ qualification, criteria, framework }: SqlGateProps) {
  const headingId = useId();
  const result = evaluateSqlBar(qualification ?? emptyQualification('', framework, 0), criteria);
  const blocking = criteria.blockOnFailed ? result.failed : [];

  return (
    <section className="card sql-gate" aria-labelledby={headingId}>
      <h3 id={headingId}>SQL bar</h3>
      {result.meets ? (
        <p>
          <span className="badge badge-ok">Meets the SQL bar</span>
        </p>
      ) : (
        <>
          <p>
            <span className="badge">Does not meet the SQL bar yet</span>
          </p>
          {result.missing.length > 0 && (
            <>
              <h4 id={`${headingId}-missing`}>Missing</h4>
              <ul className="sql-gate-list" aria-labelledby={`${headingId}-missing`}>
                {result.missing.map((m) => (
                  <li key={m.criterion}>
                    <strong>{m.label}</strong>: needs {REQUIRED_LABELS[m.required]}, now {STATUS_LABELS[m.actual]}
                  </li>
                ))}
              </ul>
            </>
          )}
          {blocking.length > 0 && (
            <>
              <h4 id={`${headingId}-failed`}>Blocked by failed criteria</h4>
              <ul className="sql-gate-list" aria-labelledby={`${headingId}-failed`}>
                {blocking.map((f) => (
                  <li key={f.criterion}>
                    <strong>{f.label}</strong>: Failed
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
