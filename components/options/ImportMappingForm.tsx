import { useId } from 'react';
import { EVENT_TYPES, type EventType, LEAD_STAGES, type LeadStage } from '../../lib/domain/enums';
import { FIELD_LABELS, IMPORT_FIELDS, type ImportField } from '../../lib/import/fields';
import type { ImportMapping } from '../../lib/import/mapping';
import type { CsvPreview } from '../../lib/import/preview';
import { EVENT_LABELS, STAGE_LABELS } from '../sidebar/labels';
import {
  eventRows,
  FIELD_GROUPS,
  fieldOf,
  type MappingCheck,
  mappableColumns,
  sampleValues,
  stageRows,
  usesDates,
  type ValueRow,
  withColumnField,
  withEventValue,
  withStageValue,
} from './import-mapping';

/** What the rep decides before importing a file. */
export interface MappingDraft {
  mapping: ImportMapping;
  /** Where the mapping is saved (`saveMapping`), and offered again for files with this header. */
  sourceName: string;
  remember: boolean;
  /** `false`: only enrich leads that exist (an activity log should not add everyone who opened an email). */
  createLeads: boolean;
}

export interface ImportMappingFormProps {
  preview: CsvPreview;
  draft: MappingDraft;
  check: MappingCheck;
  sourceError: string | undefined;
  onChange: (draft: MappingDraft) => void;
}

const SAMPLE_CHARS = 40;
const isField = (value: string): value is ImportField => (IMPORT_FIELDS as readonly string[]).includes(value);

/**
 * The mapping step: one select per column of the file (suggested from the CRM preset, a
 * saved mapping or the header names), what the file's stage values and activity types
 * become, how its dates read, and the name the mapping is saved under. Problems (no
 * identity column, a field fed twice) are listed and block the import.
 */
export function ImportMappingForm({ preview, draft, check, sourceError, onChange }: ImportMappingFormProps) {
  const id = useId();
  const { mapping } = draft;
  const columns = mappableColumns(preview.header);
  const setMapping = (next: ImportMapping) => onChange({ ...draft, mapping: next });
  const stageColumn = mapping.columns.find((entry) => entry.field === 'stage')?.column;
  const eventColumn = mapping.columns.find((entry) => entry.field === 'eventType')?.column;

  return (
    <>
      <fieldset className="import-columns">
        <legend>Columns: what each one imports as</legend>
        <p className="hint">
          A row finds its lead by CRM ID, email or LinkedIn URL. Columns set to “Don't import” are left out.
        </p>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Imports as</th>
                <th scope="col">In the first rows</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((column, index) => {
                const selectId = `${id}-column-${index}`;
                const problem = check.columnProblems.get(column);
                return (
                  <tr key={column}>
                    <th scope="row">
                      <label htmlFor={selectId}>{column}</label>
                    </th>
                    <td>
                      <select
                        id={selectId}
                        value={fieldOf(mapping, column) ?? ''}
                        aria-invalid={problem !== undefined}
                        aria-describedby={problem ? `${selectId}-error` : undefined}
                        onChange={(e) =>
                          setMapping(
                            withColumnField(
                              mapping,
                              columns,
                              column,
                              isField(e.target.value) ? e.target.value : undefined,
                            ),
                          )
                        }
                      >
                        <option value="">Don't import</option>
                        {FIELD_GROUPS.map((group) => (
                          <optgroup key={group.label} label={group.label}>
                            {group.fields.map((field) => (
                              <option key={field} value={field}>
                                {FIELD_LABELS[field]}
                              </option>
                            ))}
                          </optgroup>
                        ))}
                      </select>
                      {problem && (
                        <p id={`${selectId}-error`} className="field-error">
                          {problem}
                        </p>
                      )}
                    </td>
                    <td className="sample">{samples(preview, column)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>

      {check.problems.length > 0 && (
        <div className="import-problems" aria-live="polite" data-testid="mapping-problems">
          <p className="error">Fix the mapping before importing:</p>
          <ul>
            {check.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}

      {stageColumn && (
        <ValueTable<LeadStage>
          legend={`Stage values (column “${stageColumn}”)`}
          hint="What each value of the file makes a lead's stage. The file's first rows and your saved values are listed."
          rows={stageRows(mapping, sampleValues(preview, stageColumn))}
          options={LEAD_STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }))}
          unmappedLabel={`Not recognised: new leads start as ${STAGE_LABELS[mapping.defaultStage]}`}
          onChange={(value, stage) => setMapping(withStageValue(mapping, value, stage))}
        />
      )}

      {eventColumn && (
        <ValueTable<EventType>
          legend={`Activity types (column “${eventColumn}”)`}
          hint="What each activity of the log is recorded as. A row whose activity is not an engagement is refused and listed."
          rows={eventRows(mapping, sampleValues(preview, eventColumn))}
          options={EVENT_TYPES.map((type) => ({ value: type, label: EVENT_LABELS[type] }))}
          unmappedLabel="Not an engagement: row refused"
          onChange={(value, type) => setMapping(withEventValue(mapping, value, type))}
        />
      )}

      <fieldset>
        <legend>New leads</legend>
        <div className="field">
          <label htmlFor={`${id}-default-stage`}>Stage of a new lead when its row names none</label>
          <select
            id={`${id}-default-stage`}
            value={mapping.defaultStage}
            onChange={(e) => setMapping({ ...mapping, defaultStage: e.target.value as LeadStage })}
          >
            {LEAD_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {STAGE_LABELS[stage]}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.createLeads}
            onChange={(e) => onChange({ ...draft, createLeads: e.target.checked })}
          />
          Add people who are not leads yet
        </label>
        <p className="hint">
          {draft.createLeads
            ? 'Rows about someone new create a lead.'
            : 'Only leads already in Handoff are updated; rows about anyone else are refused and listed.'}
        </p>
      </fieldset>

      {usesDates(mapping) && (
        <fieldset>
          <legend>Dates</legend>
          <div className="row">
            <div className="field">
              <label htmlFor={`${id}-date-order`}>Day and month order</label>
              <select
                id={`${id}-date-order`}
                value={mapping.dates.order}
                onChange={(e) =>
                  setMapping({
                    ...mapping,
                    dates: { ...mapping.dates, order: e.target.value as ImportMapping['dates']['order'] },
                  })
                }
              >
                <option value="auto">Detect from the file</option>
                <option value="mdy">Month first (03/14/2026)</option>
                <option value="dmy">Day first (14/03/2026)</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-time-zone`}>Time zone of dates written without one</label>
              <input
                id={`${id}-time-zone`}
                type="text"
                spellCheck={false}
                autoComplete="off"
                value={mapping.dates.timeZone}
                aria-invalid={check.timeZoneProblem !== undefined}
                aria-describedby={check.timeZoneProblem ? `${id}-time-zone-error` : `${id}-time-zone-hint`}
                onChange={(e) => setMapping({ ...mapping, dates: { ...mapping.dates, timeZone: e.target.value } })}
              />
              {check.timeZoneProblem && (
                <p id={`${id}-time-zone-error`} className="field-error">
                  {check.timeZoneProblem}
                </p>
              )}
              <p id={`${id}-time-zone-hint`} className="hint">
                CRMs export in the account's time zone, e.g. America/New_York.
              </p>
            </div>
          </div>
        </fieldset>
      )}

      <fieldset>
        <legend>Save this mapping</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.remember}
            onChange={(e) => onChange({ ...draft, remember: e.target.checked })}
          />
          Remember it for the next file like this one
        </label>
        <div className="field">
          <label htmlFor={`${id}-source`}>Source name</label>
          <input
            id={`${id}-source`}
            type="text"
            maxLength={100}
            autoComplete="off"
            disabled={!draft.remember}
            value={draft.sourceName}
            aria-invalid={sourceError !== undefined}
            aria-describedby={sourceError ? `${id}-source-error` : undefined}
            onChange={(e) => onChange({ ...draft, sourceName: e.target.value })}
          />
          {sourceError && (
            <p id={`${id}-source-error`} className="field-error">
              {sourceError}
            </p>
          )}
        </div>
      </fieldset>
    </>
  );
}

function samples(preview: CsvPreview, column: string): string {
  return sampleValues(preview, column, 3)
    .map((value) => (value.length > SAMPLE_CHARS ? `${value.slice(0, SAMPLE_CHARS - 1)}…` : value))
    .join(' · ');
}

interface ValueTableProps<T extends string> {
  legend: string;
  hint: string;
  rows: ValueRow<T>[];
  options: { value: T; label: string }[];
  unmappedLabel: string;
  onChange: (value: string, mapped: T | undefined) => void;
}

/** Values of one column and what each becomes, one select per value. */
function ValueTable<T extends string>({ legend, hint, rows, options, unmappedLabel, onChange }: ValueTableProps<T>) {
  const id = useId();
  return (
    <fieldset className="import-values">
      <legend>{legend}</legend>
      <p className="hint">{hint}</p>
      {rows.length === 0 ? (
        <p className="muted small">The first rows hold no values in this column.</p>
      ) : (
        <table>
          <tbody>
            {rows.map((row, index) => {
              const selectId = `${id}-${index}`;
              return (
                <tr key={row.value}>
                  <th scope="row">
                    <label htmlFor={selectId}>{row.value}</label>
                  </th>
                  <td>
                    <select
                      id={selectId}
                      value={row.current ?? ''}
                      onChange={(e) => {
                        const chosen = options.find((o) => o.value === e.target.value);
                        onChange(row.value, chosen?.value);
                      }}
                    >
                      {/* A value with a standard meaning always has one; only others can be left unmapped. */}
                      {row.builtIn === undefined && <option value="">{unmappedLabel}</option>}
                      {options.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.value === row.builtIn ? `${option.label} (standard)` : option.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}
