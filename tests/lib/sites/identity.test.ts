import { describe, expect, it } from 'vitest';
import { PageIdentitySchema } from '../../../lib/sites/identity';

const dana = { name: 'Dana Whitfield', email: 'dana.whitfield@northwind-analytics.com' };
const tom = { name: 'Tom Becker', email: 'tom.becker@northwind-analytics.com' };
const identity = (participants: unknown) => ({
  site: 'gmail',
  page: 'mail_thread',
  name: dana.name,
  emails: [dana.email],
  participants,
});

describe('PageIdentitySchema: everyone on the thread', () => {
  it('keeps a list of outsiders as read', () => {
    const parsed = PageIdentitySchema.parse(identity([dana, { ...tom, readBy: { emails: 'selector' } }]));
    expect(parsed.participants).toEqual([dana, { ...tom, readBy: { emails: 'selector' } }]);
  });

  it('leaves out an entry that does not parse, and a repeat of an address', () => {
    const parsed = PageIdentitySchema.parse(
      identity([
        dana,
        { name: 'x', email: 'not an address' },
        { email: 'Tom.Becker+crm@Northwind-Analytics.com' },
        tom,
      ]),
    );
    expect(parsed.participants?.map((p) => p.email)).toEqual([dana.email, 'tom.becker+crm@northwind-analytics.com']);
  });

  it('drops a list that no longer names two people, or is too long, and keeps the page', () => {
    expect(PageIdentitySchema.parse(identity([dana, { email: '<script>' }])).participants).toBeUndefined();
    const many = Array.from({ length: 21 }, (_, i) => ({ email: `p${i}@crowd.example` }));
    const parsed = PageIdentitySchema.parse(identity(many));
    expect(parsed.participants).toBeUndefined();
    expect(parsed.emails).toEqual([dana.email]);
    expect(PageIdentitySchema.parse(identity('everyone')).participants).toBeUndefined();
  });

  it('bounds a name like the person name', () => {
    const parsed = PageIdentitySchema.parse(
      identity([dana, { ...tom, name: 'T'.repeat(201) }, { email: 'a@b.example' }]),
    );
    expect(parsed.participants?.map((p) => p.email)).toEqual([dana.email, 'a@b.example']);
  });
});
