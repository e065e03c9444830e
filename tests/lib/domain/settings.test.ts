import { describe, expect, it } from 'vitest';
import { DEFAULT_SQL_CRITERIA, SUPERSEDED_SQL_CRITERIA } from '../../../lib/domain/qualification';
import {
  DEFAULT_SCORING_MODEL,
  ScoringModelSchema,
  SUPERSEDED_SCORING_MODELS,
} from '../../../lib/domain/scoring-model';
import { DEFAULT_SETTINGS, SettingsSchema, upgradeSettings } from '../../../lib/domain/settings';

describe('sidebarMode', () => {
  it('defaults to the side panel on LinkedIn and the frame on the mail sites', () => {
    expect(DEFAULT_SETTINGS.sidebarMode).toEqual({ linkedin: 'panel', gmail: 'frame', outlook: 'frame' });
    expect(SettingsSchema.parse(DEFAULT_SETTINGS).sidebarMode).toEqual(DEFAULT_SETTINGS.sidebarMode);
  });

  it('reads settings stored before the choice existed, or with part of it, as the defaults for what is missing', () => {
    const { sidebarMode: _mode, ...before } = DEFAULT_SETTINGS;
    expect(SettingsSchema.parse(before).sidebarMode).toEqual(DEFAULT_SETTINGS.sidebarMode);
    expect(SettingsSchema.parse({ ...before, sidebarMode: { gmail: 'panel' } }).sidebarMode).toEqual({
      linkedin: 'panel',
      gmail: 'panel',
      outlook: 'frame',
    });
  });

  it('refuses a mode it does not know', () => {
    const result = SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, sidebarMode: { linkedin: 'overlay' } });
    expect(result.success).toBe(false);
  });
});

describe('upgradeSettings', () => {
  const [earlier] = SUPERSEDED_SQL_CRITERIA;
  if (!earlier) throw new Error('No superseded SQL bar to test against');

  it('moves an SQL bar still at an earlier default to the playbook bar, whatever its key order', () => {
    const upgraded = upgradeSettings({ ...DEFAULT_SETTINGS, sqlCriteria: earlier });
    expect(upgraded.sqlCriteria).toEqual(DEFAULT_SQL_CRITERIA);
    const reordered = {
      blockOnFailed: true,
      requirements: {
        champ: earlier.requirements.champ,
        meddic: earlier.requirements.meddic,
        bant: earlier.requirements.bant,
      },
    };
    expect(upgradeSettings({ ...DEFAULT_SETTINGS, sqlCriteria: reordered }).sqlCriteria).toEqual(DEFAULT_SQL_CRITERIA);
    expect(DEFAULT_SQL_CRITERIA.requirements.bant.map((r) => `${r.criterion}:${r.atLeast}`)).toEqual([
      'budget:confirmed',
      'authority:confirmed',
      'need:confirmed',
      'timeline:confirmed',
    ]);
  });

  it('keeps a bar the rep changed, by as little as one level or the failed rule', () => {
    const edited = structuredClone(earlier);
    const [first] = edited.requirements.bant;
    if (first) first.atLeast = 'partial';
    expect(upgradeSettings({ ...DEFAULT_SETTINGS, sqlCriteria: edited }).sqlCriteria).toEqual(edited);
    const noBlock = { ...earlier, blockOnFailed: false };
    expect(upgradeSettings({ ...DEFAULT_SETTINGS, sqlCriteria: noBlock }).sqlCriteria).toEqual(noBlock);
  });
});

describe('upgradeSettings: the scoring model', () => {
  const [v1] = SUPERSEDED_SCORING_MODELS;
  if (!v1) throw new Error('No superseded scoring model to test against');

  it('moves the untouched version 1 default to the model that asks for fit and behaviour', () => {
    expect(v1.mqlNeeds).toBeUndefined();
    const upgraded = upgradeSettings({ ...DEFAULT_SETTINGS, scoringModel: structuredClone(v1) });
    expect(upgraded.scoringModel).toEqual(DEFAULT_SCORING_MODEL);
    expect(upgraded.scoringModel).toMatchObject({ version: 2, mqlNeeds: { fit: 15, behavior: 15 } });
  });

  it('keeps a model the rep edited (every edit bumps the version) and the other sections as they are', () => {
    const edited = ScoringModelSchema.parse({ ...v1, version: 2, threshold: 70 });
    const settings = { ...DEFAULT_SETTINGS, framework: 'meddic' as const, scoringModel: edited };
    expect(upgradeSettings(settings)).toEqual(settings);
  });
});
