import { describe, expect, it } from 'vitest';
import type { PageCorrection } from '../../../lib/domain/correction';
import { allowedLeads, correctedIdentity, readFrom, readingSummary } from '../../../lib/sidebar/correction';
import type { PageIdentity } from '../../../lib/sites/types';
import { makeLead } from '../../support/factories';

const read: PageIdentity = {
  site: 'gmail',
  page: 'mail_thread',
  name: 'Dana W.',
  emails: ['dana@northwind.com'],
  readBy: { name: 'shape', emails: 'shape' },
  pageKey: 'gmail:FMfcgzQZTtLdMvwnRkXkHqBsDcZvGpNj',
};
const correction = (over: Partial<PageCorrection>): PageCorrection => ({
  pageKey: read.pageKey ?? '',
  notLeadIds: [],
  correctedAt: 1,
  ...over,
});

describe('correctedIdentity', () => {
  it('is the reading itself without a correction of the person', () => {
    expect(correctedIdentity(read, null)).toBe(read);
    expect(correctedIdentity(read, correction({ notLeadIds: [makeLead().id] }))).toBe(read);
  });

  it("lays the rep's name and email over the page's, and says so", () => {
    const next = correctedIdentity(read, correction({ person: { name: 'Dana Whitfield', email: 'dana@other.com' } }));
    expect(next).toMatchObject({ name: 'Dana Whitfield', emails: ['dana@other.com'] });
    expect(next.readBy).toEqual({ name: 'correction', emails: 'correction' });
    expect(read.readBy).toEqual({ name: 'shape', emails: 'shape' });
  });

  it('keeps what the rep did not correct', () => {
    const next = correctedIdentity(read, correction({ person: { name: 'Dana Whitfield' } }));
    expect(next).toMatchObject({ name: 'Dana Whitfield', emails: ['dana@northwind.com'] });
    expect(next.readBy).toEqual({ name: 'correction', emails: 'shape' });
  });
});

describe('allowedLeads', () => {
  it('never offers a lead the rep said the page is not', () => {
    const [a, b] = [makeLead(), makeLead()];
    expect(allowedLeads([a, b], correction({ notLeadIds: [a.id] }))).toEqual([b]);
    expect(allowedLeads([a, b], null)).toEqual([a, b]);
  });
});

describe('how a reading is described', () => {
  it('groups fields by the layer that read them', () => {
    expect(
      readingSummary({
        ...read,
        readBy: { linkedinUrl: 'url', name: 'metadata', title: 'landmark', company: 'landmark' },
      }),
    ).toBe(
      "profile from the address bar; name from the page title or metadata; title and company from the page's headings and regions",
    );
    expect(readingSummary({ ...read, readBy: undefined })).toBeUndefined();
    expect(readFrom(read, 'emails')).toBe('read from an address on the page');
    expect(readFrom(read, 'title')).toBeUndefined();
  });
});
