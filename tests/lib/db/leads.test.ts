import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordNotFoundError } from '../../../lib/db/base';
import { ClaimConflictError, type LeadUpsert, type NewLead } from '../../../lib/db/leads';
import { newId } from '../../../lib/domain/ids';
import { ValidationError } from '../../../lib/domain/validation';
import { refuseWrites, setupRepositories } from '../../support/db';
import { DAY, NOW, makeLead } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const jane: NewLead = {
  person: {
    name: 'Jane Doe',
    emails: ['Jane.Doe+webinar@Acme.com', 'jdoe@gmail.com'],
    linkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
  },
  company: { name: 'Acme', domain: 'acme.com' },
  stage: 'mql',
  owner: 'sam@seller.io',
  crmIds: { hubspot: '1001', salesforce: '00Q5e00000AbCdE' },
};

describe('LeadRepository.create', () => {
  it('assigns an id and stamps createdAt and updatedAt with the clock', async () => {
    const lead = await ctx.leads.create(jane);
    expect(lead.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(lead.times.createdAt).toBe(NOW);
    expect(lead.updatedAt).toBe(NOW);
    expect(await ctx.leads.get(lead.id)).toEqual(lead);
  });

  it('keeps a given id and stage times', async () => {
    const id = newId(NOW - DAY);
    const lead = await ctx.leads.create({ ...jane, id, times: { createdAt: NOW - 5 * DAY, mqlAt: NOW - DAY } });
    expect(lead.id).toBe(id);
    expect(lead.times).toEqual({ createdAt: NOW - 5 * DAY, mqlAt: NOW - DAY });
    expect(lead.updatedAt).toBe(NOW);
  });

  it('returns domain leads without the derived index fields', async () => {
    const { id } = await ctx.leads.create(jane);
    const [byEmail] = await ctx.leads.findByEmail('jane.doe@acme.com');
    for (const lead of [await ctx.leads.get(id), byEmail]) {
      expect(lead).toBeDefined();
      expect(lead).not.toHaveProperty('emailKeys');
      expect(lead).not.toHaveProperty('linkedinKey');
    }
  });

  it('refuses a lead without email or LinkedIn URL, naming person, and writes nothing', async () => {
    const anonymous = { ...jane, person: { name: 'Nobody', emails: [] } };
    await expect(ctx.leads.create(anonymous)).rejects.toThrow(ValidationError);
    await expect(ctx.leads.create(anonymous)).rejects.toThrow(/person: A lead needs an identity/);
    expect(await ctx.leads.count()).toBe(0);
  });

  it('refuses a bad email, naming person.emails.0, and writes nothing', async () => {
    const bad = { ...jane, person: { name: 'Jane', emails: ['not-an-email'] } };
    const error = await ctx.leads.create(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['person.emails.0']);
    expect((error as Error).message).toContain('person.emails.0');
    expect(await ctx.leads.count()).toBe(0);
  });

  it('refuses an id that is already taken and leaves the stored lead alone', async () => {
    const first = await ctx.leads.create(jane);
    await expect(ctx.leads.create({ ...jane, id: first.id, stage: 'lead' })).rejects.toThrow(/Constraint/);
    expect(await ctx.leads.get(first.id)).toEqual(first);
  });
});

describe('LeadRepository lookups', () => {
  it.each([
    'jane.doe@acme.com',
    'Jane.Doe+news@Acme.com ',
    ' JANE.DOE@ACME.COM',
    'jane.doe+webinar@acme.com',
    'JDoe@Gmail.com', // the second email is indexed too
  ])('findByEmail(%j) finds the lead stored as Jane.Doe+webinar@Acme.com', async (query) => {
    const { id } = await ctx.leads.create(jane);
    expect((await ctx.leads.findByEmail(query)).map((l) => l.id)).toEqual([id]);
  });

  it.each(['john@acme.com', 'jane.doe@acme.co', '', 'jane.doe', '@acme.com'])(
    'findByEmail(%j) finds nothing',
    async (query) => {
      await ctx.leads.create(jane);
      expect(await ctx.leads.findByEmail(query)).toEqual([]);
    },
  );

  it.each([
    'https://de.linkedin.com/in/Jane-Doe/?originalSubdomain=de',
    'linkedin.com/in/jane-doe',
    'https://www.linkedin.com/in/jane-doe/',
    'http://m.linkedin.com/in/JANE-DOE#about',
    'www.linkedin.com/in/jane-doe/details/experience/',
    'https://www.linkedin.com/in/jane-doe?trk=public_profile',
  ])('findByLinkedinUrl(%j) finds the lead', async (query) => {
    const { id } = await ctx.leads.create(jane);
    expect((await ctx.leads.findByLinkedinUrl(query)).map((l) => l.id)).toEqual([id]);
  });

  it.each([
    'https://www.linkedin.com/in/john-doe/',
    'https://www.linkedin.com/sales/lead/ACwAAAB12345,NAME_SEARCH,abc',
    'https://example.com/in/jane-doe',
    'not a url',
  ])('findByLinkedinUrl(%j) finds nothing', async (query) => {
    await ctx.leads.create(jane);
    expect(await ctx.leads.findByLinkedinUrl(query)).toEqual([]);
  });

  it('finds a lead created from a locale URL by its canonical URL', async () => {
    const { id } = await ctx.leads.create({
      ...jane,
      person: { name: 'Jane', linkedinUrl: 'https://de.linkedin.com/in/Jane-Doe/?originalSubdomain=de' },
    });
    expect((await ctx.leads.findByLinkedinUrl('linkedin.com/in/jane-doe')).map((l) => l.id)).toEqual([id]);
  });

  it('findByCrmId matches the id within its system only', async () => {
    const { id } = await ctx.leads.create(jane);
    expect((await ctx.leads.findByCrmId('hubspot', '1001')).map((l) => l.id)).toEqual([id]);
    expect((await ctx.leads.findByCrmId('salesforce', ' 00Q5e00000AbCdE ')).map((l) => l.id)).toEqual([id]);
    expect(await ctx.leads.findByCrmId('salesforce', '1001')).toEqual([]);
    expect(await ctx.leads.findByCrmId('marketo', '1001')).toEqual([]);
  });

  it('returns every duplicate of a person, oldest first, rather than picking one', async () => {
    const first = await ctx.leads.create(jane);
    const second = await ctx.leads.create({ ...jane, person: { name: 'J. Doe', emails: ['jane.doe@acme.com'] } });
    expect((await ctx.leads.findByEmail('jane.doe@acme.com')).map((l) => l.id)).toEqual([first.id, second.id]);
  });

  it('finds the leads at a company domain, by the company or a work email, subdomains included, up to a limit', async () => {
    const byCompany = await ctx.leads.create({ ...jane, person: { name: 'Jane Doe', emails: ['jdoe@gmail.com'] } });
    const byEmail = await ctx.leads.create({
      ...jane,
      person: { name: 'Tom Becker', emails: ['tom@EU.acme.com'] },
      company: {},
    });
    await ctx.leads.create({ ...jane, person: { name: 'Kim Lee', emails: ['kim@notacme.com'] }, company: {} });
    expect((await ctx.leads.findByDomain('ACME.com')).map((l) => l.id)).toEqual([byCompany.id, byEmail.id]);
    expect((await ctx.leads.findByDomain('https://www.acme.com/')).map((l) => l.id)).toEqual([
      byCompany.id,
      byEmail.id,
    ]);
    expect((await ctx.leads.findByDomain('acme.com', 1)).map((l) => l.id)).toEqual([byCompany.id]);
    // A free-mail domain is nobody's company, and a bare word is no domain.
    expect(await ctx.leads.findByDomain('gmail.com')).toEqual([]);
    expect(await ctx.leads.findByDomain('com')).toEqual([]);
  });

  it('lists by stage', async () => {
    const mql = await ctx.leads.create(jane);
    const fresh = await ctx.leads.create({ ...jane, stage: 'lead', owner: 'kim@seller.io' });
    const unowned = await ctx.leads.create({ ...jane, stage: 'lead', owner: undefined });
    expect((await ctx.leads.listByStage('mql')).map((l) => l.id)).toEqual([mql.id]);
    expect((await ctx.leads.listByStage('lead')).map((l) => l.id)).toEqual([fresh.id, unowned.id]);
    expect(await ctx.leads.listByStage('sql')).toEqual([]);
  });
});

describe('LeadRepository.update', () => {
  it('merges nested fields, stamps updatedAt and re-derives the lookup keys', async () => {
    const lead = await ctx.leads.create(jane);
    ctx.clock.now = NOW + DAY;
    const updated = await ctx.leads.update(lead.id, {
      stage: 'sql',
      times: { sqlAt: NOW + DAY },
      person: { emails: ['jane@newco.io'] },
      crmIds: { marketo: 'M-9' },
    });
    expect(updated.times).toEqual({ createdAt: NOW, sqlAt: NOW + DAY });
    expect(updated.person.name).toBe('Jane Doe');
    expect(updated.crmIds).toEqual({ hubspot: '1001', salesforce: '00Q5e00000AbCdE', marketo: 'M-9' });
    expect(updated.updatedAt).toBe(NOW + DAY);
    expect(await ctx.leads.get(lead.id)).toEqual(updated);
    expect(await ctx.leads.findByEmail('jane.doe@acme.com')).toEqual([]);
    expect((await ctx.leads.findByEmail('Jane@NewCo.io')).map((l) => l.id)).toEqual([lead.id]);
    expect((await ctx.leads.findByCrmId('marketo', 'M-9')).map((l) => l.id)).toEqual([lead.id]);
  });

  it('refuses a patch that makes the lead invalid and keeps the stored one', async () => {
    const lead = await ctx.leads.create(jane);
    // Thrown inside a Dexie transaction: it must reach the caller as the same ValidationError.
    const error = await ctx.leads
      .update(lead.id, { person: { emails: [], linkedinUrl: undefined } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['person']);
    expect(await ctx.leads.get(lead.id)).toEqual(lead);
  });

  it('throws RecordNotFoundError for an unknown id', async () => {
    await expect(ctx.leads.update(newId(), { stage: 'sql' })).rejects.toThrow(RecordNotFoundError);
    expect(await ctx.leads.count()).toBe(0);
  });
});

describe('LeadRepository.claim', () => {
  it('makes an unassigned lead mine, and claiming it again changes nothing', async () => {
    const lead = await ctx.leads.create({ ...jane, owner: undefined });
    const claimed = await ctx.leads.claim(lead.id, 'tom@seller.io', undefined);
    expect(claimed.owner).toBe('tom@seller.io');
    expect(await ctx.leads.claim(lead.id, 'tom@seller.io', undefined)).toEqual(claimed);
  });

  it('takes over a teammate’s lead only when they still own it as the rep saw it', async () => {
    const lead = await ctx.leads.create(jane);
    await expect(ctx.leads.claim(lead.id, 'tom@seller.io', undefined)).rejects.toThrow(
      new ClaimConflictError(lead.id, 'sam@seller.io'),
    );
    expect((await ctx.leads.get(lead.id))?.owner).toBe('sam@seller.io');
    expect((await ctx.leads.claim(lead.id, 'tom@seller.io', 'sam@seller.io')).owner).toBe('tom@seller.io');
    // Someone saw it unassigned, but Tom has it now: refused, naming Tom.
    await expect(ctx.leads.claim(lead.id, 'ana@seller.io', undefined)).rejects.toThrow(
      'tom@seller.io claimed this lead first.',
    );
  });
});

describe('LeadRepository.bulkUpsert', () => {
  const imported = (n: number): LeadUpsert[] =>
    Array.from({ length: n }, (_, i) =>
      makeLead({
        person: { emails: [`person${i}@corp${i % 50}.com`] },
        company: { name: `Corp ${i % 50}`, domain: `corp${i % 50}.com` },
        crmIds: { hubspot: `hs-${i}` },
      }),
    );

  it('writes a batch, stamps updatedAt, and indexes every row', async () => {
    const leads = imported(2_000);
    const stored = await ctx.leads.bulkUpsert(leads);
    expect(stored).toHaveLength(2_000);
    expect(stored.every((l) => l.updatedAt === NOW)).toBe(true);
    expect(await ctx.leads.count()).toBe(2_000);
    expect((await ctx.leads.findByCrmId('hubspot', 'hs-1234')).map((l) => l.id)).toEqual([leads[1234]?.id]);
    expect((await ctx.leads.findByEmail('person1234@corp34.com')).map((l) => l.id)).toEqual([leads[1234]?.id]);
    expect((await ctx.leads.countByStage()).lead).toBe(2_000);
  });

  it('replaces leads with the same id instead of duplicating them', async () => {
    const [first, second] = imported(2);
    if (!first || !second) throw new Error('fixture');
    await ctx.leads.bulkUpsert([first, second]);
    await ctx.leads.bulkUpsert([{ ...first, stage: 'mql' }]);
    expect(await ctx.leads.count()).toBe(2);
    expect((await ctx.leads.get(first.id))?.stage).toBe('mql');
  });

  it('refuses the whole batch when one row is invalid, naming its index and field', async () => {
    const leads = imported(10);
    const bad = { ...leads[3], person: { name: 'Bad', emails: ['nope'] } } as LeadUpsert;
    leads[3] = bad;
    await expect(ctx.leads.bulkUpsert(leads)).rejects.toThrow(/3\.person\.emails\.0/);
    expect(await ctx.leads.count()).toBe(0);
  });

  it('rolls back rows already written when a write fails halfway', async () => {
    const leads = imported(5);
    const poisoned = leads[3]?.id;
    refuseWrites(ctx.db, 'leads', (row) => row.id === poisoned);
    await expect(ctx.leads.bulkUpsert(leads)).rejects.toThrow(/DataCloneError/);
    expect(await ctx.leads.count()).toBe(0);
  });
});

describe('LeadRepository.countByStage', () => {
  it('counts every stage, zero included', async () => {
    await ctx.leads.bulkUpsert([
      makeLead({ stage: 'mql' }),
      makeLead({ stage: 'mql', person: { emails: ['b@acme.io'] } }),
      makeLead({ stage: 'sql', person: { emails: ['c@acme.io'] } }),
    ]);
    expect(await ctx.leads.countByStage()).toEqual({
      lead: 0,
      mql: 2,
      sql: 1,
      opportunity: 0,
      customer: 0,
      recycled: 0,
      disqualified: 0,
    });
  });
});
