import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEARCH_LIMIT, searchLeads } from '../../../lib/db/search';
import { setupRepositories } from '../../support/db';
import { makeLead } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const names = (leads: { person: { name: string } }[]) => leads.map((l) => l.person.name);

async function seed(...people: [string, string][]) {
  for (const [name, email] of people) await ctx.leads.create(makeLead({ person: { name, emails: [email] } }));
}

describe('searchLeads', () => {
  it('ranks names that start with the query, then a word that does, then any match', async () => {
    await seed(['Annabel Lee', 'a@x.io'], ['Joanna Ann', 'b@x.io'], ['Ann Smith', 'c@x.io'], ['Bob Dylan', 'd@x.io']);
    expect(names(await searchLeads(ctx.leads, 'ann'))).toEqual(['Ann Smith', 'Annabel Lee', 'Joanna Ann']);
  });

  it('ignores case and accents, and searches every stage', async () => {
    await ctx.leads.create(makeLead({ person: { name: 'José Núñez', emails: ['j@x.io'] }, stage: 'disqualified' }));
    expect(names(await searchLeads(ctx.leads, '  NUNEZ '))).toEqual(['José Núñez']);
  });

  it('looks an email or a LinkedIn URL up by its index, not by name', async () => {
    await ctx.leads.create(
      makeLead({ person: { name: 'Jane', emails: ['jane@acme.io'], linkedinUrl: 'linkedin.com/in/jd' } }),
    );
    expect(names(await searchLeads(ctx.leads, 'JANE+x@acme.io'))).toEqual(['Jane']);
    expect(names(await searchLeads(ctx.leads, 'www.linkedin.com/in/JD/'))).toEqual(['Jane']);
    expect(await searchLeads(ctx.leads, 'jane@other.io')).toEqual([]);
  });

  it('returns nothing for a blank query and at most the limit', async () => {
    await ctx.leads.bulkUpsert(
      Array.from({ length: SEARCH_LIMIT + 5 }, (_, i) =>
        makeLead({ person: { name: `Lee ${String(i).padStart(2, '0')}`, emails: [`lee${i}@x.io`] } }),
      ),
    );
    expect(await searchLeads(ctx.leads, '   ')).toEqual([]);
    const found = await searchLeads(ctx.leads, 'lee');
    expect(found).toHaveLength(SEARCH_LIMIT);
    expect(names(found)[0]).toBe('Lee 00');
  });
});
