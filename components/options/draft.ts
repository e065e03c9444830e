import { ScoringModelSchema } from '../../lib/domain/scoring-model';
import type { Settings } from '../../lib/domain/settings';

/**
 * The settings being edited. Shaped like `Settings` so the schema's issue paths name the
 * controls directly; a required number the rep cleared is `NaN` (the schema then says
 * "expected number") and an optional one is `undefined`.
 */
export type SettingsDraft = Settings;

export type SettingsKey = keyof Settings;

/** Changes the draft; sections call it with a function of the current draft. */
export type UpdateDraft = (change: (draft: SettingsDraft) => SettingsDraft) => void;

/** JSON with object keys sorted, so a field edited and edited back compares equal. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** Whether the draft differs from `saved` in any of `keys`. */
export function differs(draft: SettingsDraft, saved: Settings, keys: readonly SettingsKey[]): boolean {
  return keys.some((key) => stableJson(draft[key]) !== stableJson(saved[key]));
}

/** The values of `keys` in `settings`: what a section reset or an import replaces. */
export function pick(settings: Settings, keys: readonly SettingsKey[]): Partial<Settings> {
  return Object.fromEntries(keys.map((key) => [key, structuredClone(settings[key])])) as Partial<Settings>;
}

/**
 * The draft as it should be saved: the scoring model's `version` goes up when the model
 * differs from the saved one (the schema says it is bumped on every edit, so a score can
 * say which model produced it), and stays when only other settings changed. Compared after
 * parsing, so a keyword typed in capitals that the schema lower-cases anyway is no edit. An
 * imported model keeps its own version when that is higher, so a model shared by a team
 * reads the same version on every rep's machine.
 */
export function withModelVersion(draft: SettingsDraft, saved: Settings): SettingsDraft {
  const parsed = ScoringModelSchema.safeParse(draft.scoringModel);
  // An invalid model will not save anyway; the repository names its problems.
  if (!parsed.success) return draft;
  const { version: _draftVersion, ...next } = parsed.data;
  const { version: savedVersion, ...previous } = saved.scoringModel;
  const version =
    stableJson(next) === stableJson(previous) ? savedVersion : Math.max(savedVersion + 1, draft.scoringModel.version);
  return { ...draft, scoringModel: { ...draft.scoringModel, version } };
}

/** A number input's text as the draft keeps it: blank or junk is `NaN` (required) or `undefined` (optional). */
export function numberFromInput(text: string, optional: true): number | undefined;
export function numberFromInput(text: string, optional?: false): number;
export function numberFromInput(text: string, optional = false): number | undefined {
  if (text.trim() === '') return optional ? undefined : Number.NaN;
  return Number(text);
}

/** The text a number input shows for a draft number. */
export function numberToInput(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '' : String(value);
}
