import { FRAMEWORKS, type Framework } from '../../lib/domain/enums';
import { FRAMEWORK_DEFINITIONS } from '../../lib/domain/frameworks';
import type { SqlCriteria } from '../../lib/domain/qualification';
import { errorAt, fieldId } from './issues';
import type { SectionProps } from './section';

type Requirement = SqlCriteria['requirements'][Framework][number];
type Level = Requirement['atLeast'] | 'none';

const LEVELS: readonly { value: Level; label: string }[] = [
  { value: 'none', label: 'Not required' },
  { value: 'partial', label: 'At least partial' },
  { value: 'confirmed', label: 'Confirmed' },
];

/**
 * Sets one criterion's level in a framework's bar. An existing requirement is changed in
 * place and a new one appended, so the bar keeps the order it was written in (the sidebar
 * lists what is missing in that order) and setting a level back is no change.
 */
export function setRequirement(requirements: readonly Requirement[], criterion: string, level: Level): Requirement[] {
  if (level === 'none') return requirements.filter((r) => r.criterion !== criterion);
  if (requirements.some((r) => r.criterion === criterion)) {
    return requirements.map((r) => (r.criterion === criterion ? { criterion, atLeast: level } : r));
  }
  return [...requirements, { criterion, atLeast: level }];
}

/**
 * The framework reps qualify with, and the written SQL bar of each framework: per criterion,
 * whether it is required and how far it must be confirmed.
 */
export function QualificationSection({ draft, issues, update }: SectionProps) {
  const frameworkError = errorAt(issues, 'framework');
  return (
    <>
      <fieldset
        id={fieldId('framework')}
        tabIndex={-1}
        aria-describedby={frameworkError ? `${fieldId('framework')}-error` : undefined}
      >
        <legend>Framework reps qualify with</legend>
        <div className="checkbox-row">
          {FRAMEWORKS.map((framework) => (
            <label key={framework} className="checkbox">
              <input
                type="radio"
                name="framework"
                value={framework}
                checked={draft.framework === framework}
                aria-invalid={frameworkError !== undefined || undefined}
                onChange={() => update((d) => ({ ...d, framework }))}
              />
              {FRAMEWORK_DEFINITIONS[framework].label}{' '}
              <span className="muted small">
                ({FRAMEWORK_DEFINITIONS[framework].criteria.map((c) => c.label).join(', ')})
              </span>
            </label>
          ))}
        </div>
        {frameworkError && (
          <p id={`${fieldId('framework')}-error`} className="field-error">
            {frameworkError}
          </p>
        )}
      </fieldset>

      <p className="muted small">
        The SQL bar is what a lead must meet to be accepted as SQL. The sidebar shows what is still missing; accepting
        below the bar takes an override note.
      </p>
      <div className="sql-bars">
        {FRAMEWORKS.map((framework) => {
          const definition = FRAMEWORK_DEFINITIONS[framework];
          const requirements = draft.sqlCriteria.requirements[framework];
          const path = `sqlCriteria.requirements.${framework}`;
          const error = errorAt(issues, path);
          return (
            <fieldset
              key={framework}
              id={fieldId(path)}
              tabIndex={-1}
              className={framework === draft.framework ? 'sql-bar in-use' : 'sql-bar'}
              aria-describedby={error ? `${fieldId(path)}-error` : undefined}
            >
              <legend>
                SQL bar: {definition.label}
                {framework === draft.framework && <span className="badge">in use</span>}
              </legend>
              {definition.criteria.map((criterion) => {
                const selectId = `${fieldId(path)}-${criterion.key}`;
                const level = requirements.find((r) => r.criterion === criterion.key)?.atLeast ?? 'none';
                return (
                  <div className="field inline" key={criterion.key}>
                    <label htmlFor={selectId} title={criterion.description}>
                      {criterion.label}
                    </label>
                    <select
                      id={selectId}
                      value={level}
                      aria-invalid={error !== undefined || undefined}
                      onChange={(e) => {
                        const next = setRequirement(requirements, criterion.key, e.target.value as Level);
                        update((d) => ({
                          ...d,
                          sqlCriteria: {
                            ...d.sqlCriteria,
                            requirements: { ...d.sqlCriteria.requirements, [framework]: next },
                          },
                        }));
                      }}
                    >
                      {LEVELS.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                  </div>
                );
              })}
              {error && (
                <p id={`${fieldId(path)}-error`} className="field-error">
                  {error}
                </p>
              )}
            </fieldset>
          );
        })}
      </div>
      <label className="checkbox">
        <input
          id={fieldId('sqlCriteria.blockOnFailed')}
          type="checkbox"
          checked={draft.sqlCriteria.blockOnFailed}
          onChange={(e) =>
            update((d) => ({ ...d, sqlCriteria: { ...d.sqlCriteria, blockOnFailed: e.target.checked } }))
          }
        />{' '}
        A criterion marked failed blocks acceptance, even when the bar does not require it
      </label>
    </>
  );
}
