import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractGmail } from '../../../lib/sites/gmail/extract';
import { extractLinkedin } from '../../../lib/sites/linkedin/extract';
import { extractOutlook } from '../../../lib/sites/outlook/extract';
import { readSnapshotMeta } from '../../../lib/sites/snapshot';
import type { Adapter } from '../../../lib/sites/types';
import { FIELD_CASES as GMAIL } from '../../fixtures/gmail/field-cases';
import { FIELD_CASES as LINKEDIN } from '../../fixtures/linkedin/field-cases';
import { FIELD_CASES as OUTLOOK } from '../../fixtures/outlook/field-cases';
import { FIXTURES_DIR, loadFixture } from '../../support/fixtures';

/**
 * Pages from the field: snapshots reps saved where the sidebar read a page wrong or not at all,
 * added by `npm run fixture:add`. A case is a todo until someone writes its `expected`; from then
 * on the adapter must give exactly that answer, as for the project's own fixtures.
 */
const SITES: { site: 'linkedin' | 'gmail' | 'outlook'; adapter: Adapter; cases: typeof LINKEDIN }[] = [
  { site: 'linkedin', adapter: extractLinkedin, cases: LINKEDIN },
  { site: 'gmail', adapter: extractGmail, cases: GMAIL },
  { site: 'outlook', adapter: extractOutlook, cases: OUTLOOK },
];

describe.each(SITES)('$site field cases', ({ site, adapter, cases }) => {
  it('are snapshots of this site, at the URL their record names', () => {
    for (const c of cases) {
      const meta = readSnapshotMeta(readFileSync(join(FIXTURES_DIR, site, c.file), 'utf8'));
      expect(meta?.site, c.file).toBe(site);
      expect(meta?.url, c.file).toBe(c.url);
    }
  });

  for (const c of cases) {
    const { expected } = c;
    if (expected === undefined) {
      it.todo(`${c.file}: fill in \`expected\` (${c.note})`);
      continue;
    }
    it(`${c.file} (${c.note})`, () => {
      const { doc, url } = loadFixture(site, c.file, c.url);
      expect(adapter(doc, url, c.context)).toEqual(expected);
    });
  }
});
