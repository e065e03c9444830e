import { describe, expect, it } from 'vitest';
import {
  applySavedMapping,
  checkMapping,
  defaultSourceName,
  matchSavedMapping,
  type SavedMapping,
  stageRows,
  withColumnField,
  withStageValue,
} from '../../../components/options/import-mapping';
import { type ImportMapping, ImportMappingSchema } from '../../../lib/import/mapping';

const mapping = (columns: ImportMapping['columns'], extra: Partial<ImportMapping> = {}): ImportMapping =>
  ImportMappingSchema.parse({ columns, ...extra });

const saved = (source: string, columns: ImportMapping['columns'], updatedAt = 1): SavedMapping => ({
  source,
  mapping: mapping(columns),
  updatedAt,
});

describe('matchSavedMapping', () => {
  const header = ['E-Mail', 'Name', 'Firma', 'Notes'];
  it.each([
    {
      name: 'the one whose columns are all in the header, compared as the importer compares them',
      candidates: [
        saved('a', [
          { column: 'Email', field: 'email' },
          { column: 'Phone', field: 'phone' },
        ]),
        saved('b', [{ column: 'email', field: 'email' }]),
      ],
      expected: 'b',
    },
    {
      name: 'of several, the one mapping the most columns',
      candidates: [
        saved('few', [{ column: 'Email', field: 'email' }], 9),
        saved('more', [
          { column: 'E-Mail', field: 'email' },
          { column: 'Firma', field: 'companyName' },
        ]),
      ],
      expected: 'more',
    },
    {
      name: 'of equals, the newest',
      candidates: [
        saved('old', [{ column: 'Email', field: 'email' }], 1),
        saved('new', [{ column: 'email', field: 'email' }], 2),
      ],
      expected: 'new',
    },
    {
      name: 'none when no saved mapping fits',
      candidates: [saved('x', [{ column: 'Work Email', field: 'email' }])],
      expected: undefined,
    },
  ])('$name', ({ candidates, expected }) => {
    expect(matchSavedMapping(header, candidates)?.source).toBe(expected);
  });
});

describe('applySavedMapping', () => {
  it("takes the saved columns in the file's spelling and order, and leaves out what the rep left out", () => {
    const result = applySavedMapping(
      ['Record ID', 'E-mail', 'Last marketing email open date'],
      mapping(
        [
          { column: 'Email', field: 'email' },
          { column: 'Record ID', field: 'hubspotId' },
        ],
        { defaultStage: 'mql' },
      ),
    );
    expect(result.columns).toEqual([
      { column: 'Record ID', field: 'hubspotId' },
      { column: 'E-mail', field: 'email' },
    ]);
    expect(result.defaultStage).toBe('mql');
  });
});

describe('editing a mapping', () => {
  const columns = ['Email', 'First', 'Last'];
  const base = mapping([
    { column: 'Email', field: 'email' },
    { column: 'First', field: 'firstName' },
  ]);

  it('maps and unmaps a column, keeping the file order', () => {
    const mapped = withColumnField(base, columns, 'Last', 'lastName');
    expect(mapped.columns.map((c) => c.column)).toEqual(['Email', 'First', 'Last']);
    expect(withColumnField(mapped, columns, 'First', undefined).columns.map((c) => c.column)).toEqual([
      'Email',
      'Last',
    ]);
  });

  it('names both columns of a field fed twice, by its label', () => {
    const check = checkMapping(withColumnField(base, columns, 'Last', 'firstName'));
    const message = '"First" and "Last" are both imported as First name: choose one';
    expect(check.problems).toEqual([message]);
    expect([...check.columnProblems.keys()].sort()).toEqual(['First', 'Last']);
  });

  it('says a time zone is unknown next to its field', () => {
    const check = checkMapping({ ...base, dates: { order: 'auto', timeZone: 'Mars/Olympus' } });
    expect(check.timeZoneProblem).toMatch(/^"Mars\/Olympus" is not a time zone/);
  });

  it('keeps a stage value only where it differs from the standard name', () => {
    const custom = withStageValue(base, 'Working - Contacted', 'mql');
    expect(custom.stageValues).toEqual([{ value: 'Working - Contacted', stage: 'mql' }]);
    const standard = withStageValue(custom, 'Nurture', 'recycled');
    expect(standard.stageValues).toEqual(custom.stageValues);
    const overridden = withStageValue(standard, 'nurture', 'disqualified');
    expect(stageRows(overridden, ['Nurture', 'Working - Contacted', 'Cold'])).toEqual([
      { value: 'Working - Contacted', current: 'mql', builtIn: undefined },
      { value: 'nurture', current: 'disqualified', builtIn: 'recycled' },
      { value: 'Cold', current: undefined, builtIn: undefined },
    ]);
  });
});

it.each([
  [undefined, 'trade-show-leads.csv', 'trade-show-leads'],
  ['hubspot' as const, 'contacts.csv', 'HubSpot contacts export'],
  [undefined, '.csv', 'CSV import'],
])('names the source of %s %s: %s', (preset, file, expected) => {
  expect(defaultSourceName(preset, file)).toBe(expected);
});
