import type { ReactNode } from 'react';
import { EVENT_TYPES, PAGE_CATEGORIES, SENIORITIES } from '../../lib/domain/enums';
import type { ScoringRule } from '../../lib/domain/scoring-model';
import { EVENT_LABELS, PAGE_CATEGORY_LABELS, SENIORITY_LABELS } from '../sidebar/labels';
import { CheckboxGroupField, Field, ListTextField, NumberField, TextField } from './fields';
import { errorAt, errorExactlyAt, type Issue } from './issues';

export type RuleKind = ScoringRule['kind'];

/** Each kind of rule in words: the add menu and each row say what the rule looks at. */
export const RULE_KINDS: Readonly<Record<RuleKind, { label: string; description: string }>> = {
  company_size: { label: 'Company size', description: 'Fit: the company head count is within a range.' },
  seniority: { label: 'Seniority', description: 'Fit: the seniority, given or read from the title, is one of these.' },
  title_keywords: {
    label: 'Title keywords',
    description: 'Fit or negative: the title contains one of these words (whole words, any case).',
  },
  industry: { label: 'Industry', description: "Fit: the company's industry contains one of these words." },
  geography: { label: 'Country', description: 'Fit: the company is in one of these countries.' },
  personal_email: {
    label: 'Personal email only',
    description: 'Negative: every email of the lead is at a free-mail provider (Gmail, Outlook.com, ...).',
  },
  competitor_domain: {
    label: 'Competitor domain',
    description: "Negative: the lead's company or email domain is a competitor's (subdomains too).",
  },
  behavior: {
    label: 'Engagement',
    description: 'Behaviour: the lead did something at least N times, optionally within the last days.',
  },
};

export const RULE_KIND_ORDER: readonly RuleKind[] = [
  'company_size',
  'seniority',
  'title_keywords',
  'industry',
  'geography',
  'behavior',
  'personal_email',
  'competitor_domain',
];

/**
 * A new rule of `kind` with an id no other rule has. Parameters start empty where only the
 * rep can know them (the schema then asks for them); negative kinds start with negative points.
 */
export function newRule(kind: RuleKind, taken: readonly string[]): ScoringRule {
  const base = kind.replaceAll('_', '-');
  let n = 1;
  while (taken.includes(`${base}-${n}`)) n += 1;
  const id = `${base}-${n}`;
  const label = RULE_KINDS[kind].label;
  switch (kind) {
    case 'company_size':
      return { id, kind, label, points: 10, min: undefined, max: undefined };
    case 'seniority':
      return { id, kind, label, points: 10, seniorities: [] };
    case 'title_keywords':
      return { id, kind, label, points: 10, keywords: [] };
    case 'industry':
      return { id, kind, label, points: 10, industries: [] };
    case 'geography':
      return { id, kind, label, points: 10, countries: [] };
    case 'personal_email':
      return { id, kind, label, points: -10 };
    case 'competitor_domain':
      return { id, kind, label, points: -100, domains: [] };
    case 'behavior':
      return {
        id,
        kind,
        label,
        points: 10,
        eventType: 'page_visit',
        pageCategory: 'pricing',
        minCount: 1,
        withinDays: 90,
      };
  }
}

export interface RuleRowProps {
  rule: ScoringRule;
  index: number;
  count: number;
  issues: readonly Issue[];
  onChange: (rule: ScoringRule) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/**
 * One scoring rule: what it looks at (its kind, fixed once added: its id stays tied to the
 * explanations and the dashboard's acceptance-by-rule, so a rule does not turn into another
 * kind under the same id), its label, its points and the parameters of its kind.
 */
export function RuleRow({ rule, index, count, issues, onChange, onMove, onRemove }: RuleRowProps) {
  const path = `scoringModel.rules.${index}`;
  const legendId = `rule-${rule.id}-legend`;
  const rowError = errorExactlyAt(issues, path);
  return (
    <li className="rule-row">
      <fieldset aria-labelledby={legendId}>
        <legend id={legendId}>
          Rule {index + 1}: {rule.label || RULE_KINDS[rule.kind].label}
        </legend>
        <p className="muted small">
          {RULE_KINDS[rule.kind].label}. {RULE_KINDS[rule.kind].description}{' '}
          <span className="rule-id">id {rule.id}</span>
        </p>
        {rowError && <p className="field-error">{rowError}</p>}
        <div className="rule-main">
          <TextField
            path={`${path}.label`}
            label="Label"
            className="grow"
            issues={issues}
            value={rule.label}
            maxLength={120}
            onChange={(label) => onChange({ ...rule, label })}
          />
          <NumberField
            path={`${path}.points`}
            label="Points"
            issues={issues}
            min={-100}
            max={100}
            value={rule.points}
            onChange={(points) => onChange({ ...rule, points: points ?? Number.NaN })}
          />
        </div>
        <div className="rule-params">
          <RuleParams rule={rule} path={path} issues={issues} onChange={onChange} />
        </div>
        <div className="rule-actions">
          <button
            type="button"
            id={`rule-${rule.id}-up`}
            className="secondary"
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            Move up<span className="visually-hidden"> rule {index + 1}</span>
          </button>
          <button
            type="button"
            id={`rule-${rule.id}-down`}
            className="secondary"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            Move down<span className="visually-hidden"> rule {index + 1}</span>
          </button>
          <button type="button" className="secondary danger" disabled={count === 1} onClick={onRemove}>
            Remove<span className="visually-hidden"> rule {index + 1}</span>
          </button>
        </div>
      </fieldset>
    </li>
  );
}

interface ParamsProps {
  rule: ScoringRule;
  path: string;
  issues: readonly Issue[];
  onChange: (rule: ScoringRule) => void;
}

function RuleParams({ rule, path, issues, onChange }: ParamsProps): ReactNode {
  switch (rule.kind) {
    case 'company_size':
      return (
        <>
          <NumberField
            path={`${path}.min`}
            label="Minimum employees"
            optional
            min={0}
            issues={issues}
            value={rule.min}
            onChange={(min) => onChange({ ...rule, min })}
          />
          <NumberField
            path={`${path}.max`}
            label="Maximum employees"
            optional
            min={0}
            hint="Either may be left open."
            issues={issues}
            value={rule.max}
            onChange={(max) => onChange({ ...rule, max })}
          />
        </>
      );
    case 'seniority':
      return (
        <CheckboxGroupField
          path={`${path}.seniorities`}
          legend="Seniorities"
          issues={issues}
          options={SENIORITIES.map((value) => ({ value, label: SENIORITY_LABELS[value] }))}
          value={rule.seniorities}
          onChange={(seniorities) => onChange({ ...rule, seniorities })}
        />
      );
    case 'title_keywords':
      return (
        <ListTextField
          path={`${path}.keywords`}
          label="Title keywords"
          hint="Separate with commas, e.g. student, intern, open to work."
          issues={issues}
          value={rule.keywords}
          onChange={(keywords) => onChange({ ...rule, keywords })}
        />
      );
    case 'industry':
      return (
        <ListTextField
          path={`${path}.industries`}
          label="Industries"
          hint="Words of the industry, separated by commas, e.g. software, fintech."
          issues={issues}
          value={rule.industries}
          onChange={(industries) => onChange({ ...rule, industries })}
        />
      );
    case 'geography':
      return (
        <ListTextField
          path={`${path}.countries`}
          label="Countries"
          hint="Two-letter ISO codes separated by commas, e.g. US, DE, GB."
          issues={issues}
          value={rule.countries}
          onChange={(countries) => onChange({ ...rule, countries })}
        />
      );
    case 'personal_email':
      return <p className="muted small">No settings: the rule looks at the lead's emails.</p>;
    case 'competitor_domain':
      return (
        <ListTextField
          path={`${path}.domains`}
          label="Competitor domains"
          hint="Separated by commas, e.g. rival.com, other.io. Subdomains count too."
          issues={issues}
          value={rule.domains}
          onChange={(domains) => onChange({ ...rule, domains })}
        />
      );
    case 'behavior':
      return (
        <>
          <Field path={`${path}.eventType`} label="Event" error={errorAt(issues, `${path}.eventType`)}>
            {(control) => (
              <select
                {...control}
                value={rule.eventType}
                onChange={(e) => {
                  const eventType = e.target.value as (typeof EVENT_TYPES)[number];
                  // Only page visits carry a page category; any other event with one would never match.
                  onChange({
                    ...rule,
                    eventType,
                    pageCategory: eventType === 'page_visit' ? (rule.pageCategory ?? 'pricing') : undefined,
                  });
                }}
              >
                {EVENT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {EVENT_LABELS[type]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {rule.eventType === 'page_visit' && (
            <Field path={`${path}.pageCategory`} label="Page" error={errorAt(issues, `${path}.pageCategory`)}>
              {(control) => (
                <select
                  {...control}
                  value={rule.pageCategory ?? ''}
                  onChange={(e) =>
                    onChange({
                      ...rule,
                      pageCategory: e.target.value === '' ? undefined : (e.target.value as typeof rule.pageCategory),
                    })
                  }
                >
                  <option value="">Any page</option>
                  {PAGE_CATEGORIES.map((category) => (
                    <option key={category} value={category}>
                      {PAGE_CATEGORY_LABELS[category]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <NumberField
            path={`${path}.minCount`}
            label="At least (times)"
            min={1}
            max={1000}
            issues={issues}
            value={rule.minCount}
            onChange={(minCount) => onChange({ ...rule, minCount: minCount ?? Number.NaN })}
          />
          <NumberField
            path={`${path}.withinDays`}
            label="Within (days)"
            optional
            min={1}
            max={3650}
            hint="Blank: any time."
            issues={issues}
            value={rule.withinDays}
            onChange={(withinDays) => onChange({ ...rule, withinDays })}
          />
          <TextField
            path={`${path}.groupBy`}
            label="Counted per (optional)"
            hint='An event detail, e.g. "sequence": 3 opens of the same email sequence.'
            issues={issues}
            maxLength={64}
            value={rule.groupBy ?? ''}
            onChange={(groupBy) => onChange({ ...rule, groupBy: groupBy.trim() === '' ? undefined : groupBy })}
          />
        </>
      );
  }
}
