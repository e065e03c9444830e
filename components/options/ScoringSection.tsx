import { useEffect, useId, useState } from 'react';
import type { ScoringRule } from '../../lib/domain/scoring-model';
import { differs, withModelVersion } from './draft';
import { NumberField, TextField } from './fields';
import { errorExactlyAt, fieldId } from './issues';
import { MqlPreview } from './MqlPreview';
import { newRule, RULE_KIND_ORDER, RULE_KINDS, type RuleKind, RuleRow } from './RuleRow';
import type { SectionProps } from './section';

type PendingFocus = { id: string } | null;

/**
 * The scoring model: its threshold, decay and group minimums, its rules (add, edit, reorder, remove), and a
 * live preview of how many stored leads the draft would make MQLs.
 */
export function ScoringSection({ draft, saved, issues, update, replace, context }: SectionProps) {
  const model = draft.scoringModel;
  const kindId = useId();
  const [kind, setKind] = useState<RuleKind>('behavior');
  const [focus, setFocus] = useState<PendingFocus>(null);

  // Focus follows the rule the rep moved, added or removed: keyboard users keep their place.
  useEffect(() => {
    if (!focus) return;
    document.getElementById(focus.id)?.focus();
    setFocus(null);
  }, [focus]);

  const setRules = (change: (rules: ScoringRule[]) => ScoringRule[]) =>
    update((d) => ({ ...d, scoringModel: { ...d.scoringModel, rules: change(d.scoringModel.rules) } }));

  function move(index: number, delta: -1 | 1) {
    const target = index + delta;
    const rule = model.rules[index];
    if (!rule || target < 0 || target >= model.rules.length) return;
    setRules((rules) => {
      const next = [...rules];
      const [moved] = next.splice(index, 1);
      if (moved) next.splice(target, 0, moved);
      return next;
    });
    // At the end of the list the button pressed is disabled; the other one takes the focus.
    const atEdge = target === 0 || target === model.rules.length - 1;
    const dir = delta < 0 ? (atEdge ? 'down' : 'up') : atEdge ? 'up' : 'down';
    setFocus({ id: `rule-${rule.id}-${dir}` });
  }

  function remove(index: number) {
    const rule = model.rules[index];
    if (!rule) return;
    const rules = model.rules.filter((_, i) => i !== index);
    replace({ scoringModel: { ...model, rules } }, `Rule "${rule.label}" removed.`);
    const next = Math.min(index, rules.length - 1);
    setFocus({ id: fieldId(`scoringModel.rules.${next}.label`) });
  }

  function add() {
    const rule = newRule(
      kind,
      model.rules.map((r) => r.id),
    );
    setRules((rules) => [...rules, rule]);
    setFocus({ id: fieldId(`scoringModel.rules.${model.rules.length}.label`) });
  }

  const changed = differs(draft, saved, ['scoringModel']);
  const nextVersion = withModelVersion(draft, saved).scoringModel.version;
  const rulesError = errorExactlyAt(issues, 'scoringModel.rules');

  return (
    <>
      <p className="muted small">
        Model <code>{model.id}</code>, version {saved.scoringModel.version}
        {changed && nextVersion !== saved.scoringModel.version && <> (saving makes it version {nextVersion})</>}. The
        score is always shown with its explanation: each rule, its points and its evidence.
      </p>
      <div className="row">
        <TextField
          path="scoringModel.name"
          label="Model name"
          className="grow"
          issues={issues}
          maxLength={120}
          value={model.name}
          onChange={(name) => update((d) => ({ ...d, scoringModel: { ...d.scoringModel, name } }))}
        />
        <NumberField
          path="scoringModel.threshold"
          label="MQL threshold"
          hint="A lead scoring this or more is an MQL."
          min={1}
          max={1000}
          issues={issues}
          value={model.threshold}
          onChange={(threshold) =>
            update((d) => ({ ...d, scoringModel: { ...d.scoringModel, threshold: threshold ?? Number.NaN } }))
          }
        />
      </div>
      <div className="row">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={model.decay !== undefined}
            onChange={(e) =>
              update((d) => ({
                ...d,
                scoringModel: { ...d.scoringModel, decay: e.target.checked ? { halfLifeDays: 30 } : undefined },
              }))
            }
          />{' '}
          Decay behaviour points (fit points never decay)
        </label>
        {model.decay && (
          <NumberField
            path="scoringModel.decay.halfLifeDays"
            label="Half-life (days)"
            hint="A behaviour rule's points halve every this many days since its newest evidence."
            min={1}
            max={365}
            issues={issues}
            value={model.decay.halfLifeDays}
            onChange={(halfLifeDays) =>
              update((d) => ({
                ...d,
                scoringModel: { ...d.scoringModel, decay: { halfLifeDays: halfLifeDays ?? Number.NaN } },
              }))
            }
          />
        )}
      </div>

      <div className="row">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={model.mqlNeeds !== undefined}
            onChange={(e) =>
              update((d) => ({
                ...d,
                scoringModel: {
                  ...d.scoringModel,
                  mqlNeeds: e.target.checked ? { fit: 15, behavior: 15 } : undefined,
                },
              }))
            }
          />{' '}
          MQL needs fit and behaviour (a minimum from each group, as well as the threshold)
        </label>
        {model.mqlNeeds &&
          (['fit', 'behavior'] as const).map((group) => (
            <NumberField
              key={group}
              path={`scoringModel.mqlNeeds.${group}`}
              label={group === 'fit' ? 'Fit points at least' : 'Behaviour points at least'}
              hint={
                group === 'fit'
                  ? 'From rules on who the lead is (size, seniority, title, industry, country).'
                  : 'From rules on what the lead did (visits, downloads, webinars, emails).'
              }
              min={0}
              max={1000}
              issues={issues}
              value={model.mqlNeeds?.[group]}
              onChange={(value) =>
                update((d) => ({
                  ...d,
                  scoringModel: {
                    ...d.scoringModel,
                    mqlNeeds: {
                      fit: d.scoringModel.mqlNeeds?.fit ?? 0,
                      behavior: d.scoringModel.mqlNeeds?.behavior ?? 0,
                      [group]: value ?? Number.NaN,
                    },
                  },
                }))
              }
            />
          ))}
      </div>

      <h3 id="scoring-rules-heading">Rules</h3>
      {rulesError && (
        <p id={fieldId('scoringModel.rules')} tabIndex={-1} className="field-error">
          {rulesError}
        </p>
      )}
      <ol className="rules" aria-labelledby="scoring-rules-heading">
        {model.rules.map((rule, index) => (
          <RuleRow
            key={rule.id}
            rule={rule}
            index={index}
            count={model.rules.length}
            issues={issues}
            onChange={(next) => setRules((rules) => rules.map((r, i) => (i === index ? next : r)))}
            onMove={(delta) => move(index, delta)}
            onRemove={() => remove(index)}
          />
        ))}
      </ol>
      <div className="add-rule">
        <label htmlFor={kindId}>New rule looks at</label>{' '}
        <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as RuleKind)}>
          {RULE_KIND_ORDER.map((k) => (
            <option key={k} value={k}>
              {RULE_KINDS[k].label}
            </option>
          ))}
        </select>{' '}
        <button type="button" onClick={add} disabled={model.rules.length >= 200}>
          Add rule
        </button>
        <p className="hint">{RULE_KINDS[kind].description}</p>
      </div>

      <MqlPreview
        draft={model}
        saved={saved.scoringModel}
        reader={context.previewReader}
        now={context.now}
        chunkSize={context.previewChunkSize}
        settleMs={context.previewSettleMs}
      />
    </>
  );
}
