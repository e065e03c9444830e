import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSettingsFile, SETTINGS_FILE_FORMAT, settingsToFile } from '../../../components/options/settings-file';
import { DEFAULT_SCORING_MODEL } from '../../../lib/domain/scoring-model';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../../lib/domain/settings';
import { setupRepositories } from '../../support/db';
import { NOW } from '../../support/factories';
import { button, control, group, openOptions, saveSettings, saveState, section } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const fileSection = () => section('Back up and share settings');
const fileInput = () => control(fileSection(), 'Import settings from a file');

const CUSTOM: Settings = {
  ...DEFAULT_SETTINGS,
  framework: 'meddic',
  scoringModel: { ...DEFAULT_SCORING_MODEL, version: 4, threshold: 50 },
  reasonLabels: { no_budget: 'Budget frozen' },
  sla: {
    ...DEFAULT_SETTINGS.sla,
    firstTouchBusinessHours: 8,
    calendar: { ...DEFAULT_SETTINGS.sla.calendar, timeZone: 'Europe/Berlin', holidays: ['2026-12-25'] },
  },
  rep: { name: 'Sam Seller', email: 'sam@seller.io' },
  companyDomains: ['seller.io'],
  captureEngagement: true,
  captureTouches: true,
};

function jsonFile(content: unknown, name = 'settings.json'): File {
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  return new File([text], name, { type: 'application/json' });
}

const envelope = (settings: unknown, extra: object = {}) => ({
  format: SETTINGS_FILE_FORMAT,
  settingsVersion: SETTINGS_VERSION,
  exportedAt: new Date(NOW).toISOString(),
  settings,
  ...extra,
});

describe('export', () => {
  it('downloads the saved settings as a dated JSON file with the settings version', async () => {
    await ctx.settings.save(CUSTOM);
    const { downloads } = await openOptions(ctx);
    await userEvent.click(button(fileSection(), 'Export settings'));
    expect(downloads).toHaveLength(1);
    const [file] = downloads;
    expect(file?.name).toBe('handoff-settings-2026-11-23.json');
    expect(JSON.parse(file?.text ?? '')).toEqual({
      format: 'handoff-settings',
      settingsVersion: SETTINGS_VERSION,
      exportedAt: '2026-11-23T12:00:00.000Z',
      settings: JSON.parse(JSON.stringify(CUSTOM)),
    });
    expect(within(fileSection()).getByText('Exported handoff-settings-2026-11-23.json.')).toBeTruthy();
  });
});

describe('import', () => {
  it('brings an exported file back to the same settings: what changes is listed, applied to the draft, then saved', async () => {
    const other = setupRepositories();
    await other.settings.save(CUSTOM);
    const exported = await openOptions(other);
    await userEvent.click(button(fileSection(), 'Export settings'));
    const text = exported.downloads[0]?.text ?? '';
    exported.unmount();
    other.db.close();

    await openOptions(ctx);
    await userEvent.upload(fileInput(), jsonFile(text, 'team.json'));
    const review = await screen.findByRole('group', { name: 'Import team.json: what would change' });
    const groups = within(review)
      .getAllByRole('checkbox')
      .map((box) => [box.parentElement?.textContent?.trim(), (box as HTMLInputElement).checked]);
    expect(groups).toEqual([
      ['Scoring model', true],
      ['Qualification and SQL bar', true],
      ['Rejection reasons', true],
      ['SLA and business hours', true],
      ['You and your company', true],
      ['Captured engagement', true],
    ]);
    expect(within(review).getByText('MQL threshold: 60 → 50')).toBeTruthy();
    expect(within(review).getByText('Time zone: UTC → Europe/Berlin')).toBeTruthy();
    expect(within(review).getByText('Captured engagement: off → on')).toBeTruthy();
    expect(within(review).getByText('Touches logged from the page: off → on')).toBeTruthy();
    // Nothing changes before the rep applies it.
    expect(saveState()).toBe('All changes saved');

    await userEvent.click(button(review, 'Apply to the draft'));
    expect(
      screen.getByText(/^Applied Scoring model, .* from team\.json to the draft\. Review, then save\./),
    ).toBeTruthy();
    expect(saveState()).toBe('Unsaved changes');
    expect(await ctx.settings.get()).toEqual(DEFAULT_SETTINGS);
    await saveSettings();
    expect(await ctx.settings.get()).toEqual(CUSTOM);
  });

  it("keeps the rep's own name and email unless they tick them, and undoes an import", async () => {
    await ctx.settings.save({ ...DEFAULT_SETTINGS, rep: { name: 'Alex', email: 'alex@seller.io' } });
    await openOptions(ctx);
    await userEvent.upload(fileInput(), jsonFile(settingsToFile(CUSTOM, NOW)));
    const review = await screen.findByRole('group', { name: /what would change/ });
    const identity = control(review, 'You and your company');
    expect(identity.checked).toBe(false);
    await userEvent.click(control(review, 'Captured engagement'));
    await userEvent.click(button(review, 'Apply to the draft'));

    expect(control(section('You and your company'), 'Your name').value).toBe('Alex');
    expect(control(section('Captured engagement'), 'Log my views of known leads as engagement').checked).toBe(false);
    expect(control(section('Scoring model'), 'MQL threshold').value).toBe('50');

    await userEvent.click(screen.getByText('Undo', { selector: 'button' }));
    expect(control(section('Scoring model'), 'MQL threshold').value).toBe('60');
    expect(saveState()).toBe('All changes saved');
  });

  it('says so when the file holds the settings already shown', async () => {
    await openOptions(ctx);
    await userEvent.upload(fileInput(), jsonFile(settingsToFile(DEFAULT_SETTINGS, NOW), 'same.json'));
    expect(
      await within(fileSection()).findByText('same.json holds the same settings as the page: nothing to change.'),
    ).toBeTruthy();
  });

  const refusals: { name: string; file: () => File; says: string | RegExp; issues?: string[] }[] = [
    {
      name: 'not JSON',
      file: () => jsonFile('{"format": "handoff-settings", '),
      says: /^Not imported: settings\.json\. The file is not valid JSON \(.+\)\. Nothing was changed\.$/,
    },
    {
      name: 'some other JSON',
      file: () => jsonFile([{ name: 'Jane Doe', email: 'jane@acme.io' }]),
      says: 'Not imported: settings.json. This is not a Handoff settings file: it should start with "format": "handoff-settings" and hold "settings". Export one from this page to see the shape. Nothing was changed.',
    },
    {
      name: 'bare settings without the envelope',
      file: () => jsonFile(DEFAULT_SETTINGS),
      says: /This is not a Handoff settings file/,
    },
    {
      name: 'from a newer release',
      file: () => jsonFile(envelope({ ...DEFAULT_SETTINGS, version: 2 }, { settingsVersion: 2 })),
      says: 'Not imported: settings.json. The file was written by a newer Handoff (settings version 2); this one reads version 1. Update Handoff, then import it. Nothing was changed.',
    },
    {
      name: 'invalid settings',
      file: () =>
        jsonFile(
          envelope({
            ...DEFAULT_SETTINGS,
            scoringModel: {
              ...DEFAULT_SCORING_MODEL,
              threshold: 0,
              rules: DEFAULT_SCORING_MODEL.rules.map((r, i) => (i === 2 ? { ...r, points: 500 } : r)),
            },
            sla: { ...DEFAULT_SETTINGS.sla, calendar: { ...DEFAULT_SETTINGS.sla.calendar, timeZone: 'Mars/Olympus' } },
            reasonLabels: { not_a_reason: 'x' },
          }),
        ),
      says: 'Not imported: settings.json. 4 settings in the file are not valid: Nothing was changed.',
      issues: [
        'MQL threshold: Must be at least 1',
        'Scoring rule 3: Points: Points must be between -100 and 100',
        'Rejection reason labels: Unknown name "not_a_reason"',
        'Time zone: Unknown IANA time zone',
      ],
    },
    {
      name: 'too large to be settings',
      file: () => new File([new Uint8Array(2_000_000)], 'huge.json', { type: 'application/json' }),
      says: 'Not imported: huge.json. The file is 2,000 KB; a settings file is a few KB (at most 1 MB). Nothing was changed.',
    },
  ];

  it.each(refusals)('refuses a file that is $name, says why, and changes nothing', async ({ file, says, issues }) => {
    await ctx.settings.save(CUSTOM);
    await openOptions(ctx);
    await userEvent.upload(fileInput(), file());
    const alert = await within(fileSection()).findByRole('alert');
    const message = alert.querySelector('p')?.textContent ?? '';
    if (typeof says === 'string') expect(message).toBe(says);
    else expect(message).toMatch(says);
    if (issues) {
      const items = within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent);
      expect([...items].sort()).toEqual([...issues].sort());
    }
    expect(saveState()).toBe('All changes saved');
    expect(within(fileSection()).queryByRole('group', { name: /what would change/ })).toBeNull();
    expect(await ctx.settings.get()).toEqual(CUSTOM);
  });

  it('keeps hostile text inert: markup in a label stays text, and a __proto__ key pollutes nothing', async () => {
    await openOptions(ctx);
    const hostile = `{"format":"handoff-settings","settingsVersion":1,"settings":${JSON.stringify({
      ...DEFAULT_SETTINGS,
      scoringModel: {
        ...DEFAULT_SCORING_MODEL,
        rules: DEFAULT_SCORING_MODEL.rules.map((r, i) =>
          i === 0 ? { ...r, label: '<img src=x onerror="window.__pwned=1">' } : r,
        ),
      },
    }).replace(/^\{/, '{"__proto__":{"polluted":true},')}}`;
    await userEvent.upload(fileInput(), jsonFile(hostile, 'hostile.json'));
    const review = await screen.findByRole('group', { name: /what would change/ });
    await userEvent.click(button(review, 'Apply to the draft'));
    await saveSettings();

    const rule = group(section('Scoring model'), /^Rule 1: /);
    expect(rule.querySelector('legend')?.textContent).toBe('Rule 1: <img src=x onerror="window.__pwned=1">');
    expect(document.querySelector('img')).toBeNull();
    expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    const stored = await ctx.settings.get();
    expect(stored).not.toHaveProperty('polluted');
    expect(stored.scoringModel.rules[0]?.label).toBe('<img src=x onerror="window.__pwned=1">');
  });

  it('takes the same file again after a refused try', async () => {
    await openOptions(ctx);
    await userEvent.upload(fileInput(), jsonFile('nope'));
    await within(fileSection()).findByRole('alert');
    await userEvent.upload(fileInput(), jsonFile(settingsToFile(CUSTOM, NOW)));
    await waitFor(() => expect(within(fileSection()).queryByRole('alert')).toBeNull());
    expect(screen.getByRole('group', { name: /what would change/ })).toBeTruthy();
  });
});

describe('parseSettingsFile', () => {
  it('reads what settingsToFile writes', () => {
    expect(parseSettingsFile(settingsToFile(CUSTOM, NOW))).toEqual({ ok: true, settings: CUSTOM });
  });
});
