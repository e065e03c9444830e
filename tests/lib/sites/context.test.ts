import { describe, expect, it } from 'vitest';
import { adapterContextFrom } from '../../../lib/sites/context';

describe('adapterContextFrom', () => {
  it('reads the rep and company domains out of the reply', () => {
    expect(
      adapterContextFrom({ ok: true, value: { selfEmails: ['sam@seller.io'], companyDomains: ['seller.io'] } }),
    ).toEqual({ selfEmails: ['sam@seller.io'], companyDomains: ['seller.io'] });
  });

  it.each([
    ['no reply (background restarting)', undefined],
    ['an error reply', { ok: false, error: 'boom' }],
    ['no value', { ok: true }],
    ['a string', 'hello'],
  ])('gives the empty context for %s', (_, reply) => {
    expect(adapterContextFrom(reply)).toEqual({});
  });

  it('keeps only strings, within bounds', () => {
    const context = adapterContextFrom({
      ok: true,
      value: { selfEmails: ['a@b.io', 42, { x: 1 }, 'x'.repeat(400)], companyDomains: 'seller.io' },
    });
    expect(context).toEqual({ selfEmails: ['a@b.io'], companyDomains: [] });
  });
});
