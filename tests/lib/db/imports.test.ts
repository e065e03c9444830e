import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportCandidate, ImportedLead, ImportRowOutcome } from '../../../lib/db/imports';
import { refuseWrites, setupRepositories, testDb } from '../../support/db';
import { DAY, NOW, makeEvent, makeLead } from '../../support/factories';
import { createRepositories } from '../../../lib/db/index';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const OPTIONS = { defaultStage: 'lead' } as const;

function row(ref: number, lead: Partial<ImportedLead> & { person?: Partial<ImportedLead['person']> }): ImportCandidate {
  return {
    ref,
    lead: {
      company: {},
      crmIds: {},
      times: {},
      ...lead,
      person: { emails: [], ...lead.person },
    },
    events: [],
  };
}

const status = (outcomes: ImportRowOutcome[]) => outcomes.map((o) => o.status);

describe('ImportRepository.importBatch', () => {
  it('creates a lead per new person, with the row’s stage, dates and CRM id', async () => {
    const outcomes = await ctx.imports.importBatch(
      [
        row(2, {
          person: { name: 'Dana Whitfield', emails: ['dana@brightpath.io'], title: 'VP RevOps' },
          company: { name: 'BrightPath', domain: 'brightpath.io', employees: 320, country: 'US' },
          stage: 'mql',
          crmIds: { hubspot: '51234801' },
          times: { createdAt: NOW - 80 * DAY, mqlAt: NOW - 26 * DAY },
          source: 'Organic Search',
        }),
      ],
      OPTIONS,
    );
    expect(outcomes).toEqual([{ ref: 2, status: 'created', leadId: expect.any(String), eventsAdded: 0, notes: [] }]);
    const [lead] = await ctx.leads.findByCrmId('hubspot', '51234801');
    expect(lead).toMatchObject({
      person: { name: 'Dana Whitfield', emails: ['dana@brightpath.io'], title: 'VP RevOps' },
      company: { name: 'BrightPath', domain: 'brightpath.io', employees: 320, country: 'US' },
      stage: 'mql',
      times: { createdAt: NOW - 80 * DAY, mqlAt: NOW - 26 * DAY },
      source: 'Organic Search',
      updatedAt: NOW,
    });
  });

  it('gives a new lead the stage its dates imply, else the default, and createdAt now when the row has none', async () => {
    await ctx.imports.importBatch(
      [
        row(2, { person: { name: 'A', emails: ['a@x.io'] }, times: { mqlAt: NOW - DAY } }),
        row(3, { person: { name: 'B', emails: ['b@x.io'] }, times: { sqlAt: NOW - DAY, mqlAt: NOW - 2 * DAY } }),
        row(4, { person: { name: 'C', emails: ['c@x.io'] } }),
      ],
      { defaultStage: 'mql' },
    );
    const stages = await Promise.all(
      ['a@x.io', 'b@x.io', 'c@x.io'].map(async (e) => (await ctx.leads.findByEmail(e))[0]),
    );
    expect(stages.map((l) => l?.stage)).toEqual(['mql', 'sql', 'mql']);
    expect(stages[2]?.times.createdAt).toBe(NOW);
  });

  it('names a lead without a name after its email, and says so', async () => {
    const [outcome] = await ctx.imports.importBatch([row(7, { person: { emails: ['anon@x.io'] } })], OPTIONS);
    expect(outcome).toMatchObject({ status: 'created', notes: [{ code: 'name_missing' }] });
    expect((await ctx.leads.findByEmail('anon@x.io'))[0]?.person.name).toBe('anon@x.io');
  });

  it('matches by CRM id first, then email, then LinkedIn profile', async () => {
    const byCrm = await ctx.leads.create({
      person: { name: 'By CRM', emails: ['crm@x.io'] },
      stage: 'lead',
      crmIds: { salesforce: '00Q5e00000Ab1Cd' },
    });
    const byEmail = await ctx.leads.create({ person: { name: 'By email', emails: ['jane@x.io'] }, stage: 'lead' });
    const byLinkedin = await ctx.leads.create({
      person: { name: 'By LinkedIn', emails: [], linkedinUrl: 'linkedin.com/in/jane-x' },
      stage: 'lead',
    });

    const outcomes = await ctx.imports.importBatch(
      [
        // CRM id and email point at different leads: the CRM id wins.
        row(2, { person: { emails: ['jane@x.io'] }, crmIds: { salesforce: '00Q5e00000Ab1Cd' }, source: 'A' }),
        // Email (plus-addressed, other case) and LinkedIn point at different leads: the email wins.
        row(3, {
          person: { emails: ['Jane+news@X.io'], linkedinUrl: 'https://www.linkedin.com/in/jane-x/' },
          source: 'B',
        }),
        row(4, { person: { emails: [], linkedinUrl: 'https://de.linkedin.com/in/Jane-X/?locale=de_DE' }, source: 'C' }),
      ],
      OPTIONS,
    );
    expect(outcomes.map((o) => ('leadId' in o ? o.leadId : o.status))).toEqual([byCrm.id, byEmail.id, byLinkedin.id]);
    expect((await ctx.leads.get(byCrm.id))?.source).toBe('A');
    expect((await ctx.leads.get(byEmail.id))?.source).toBe('B');
    expect((await ctx.leads.get(byLinkedin.id))?.source).toBe('C');
    expect(await ctx.leads.count()).toBe(3);
  });

  it('matches a Salesforce id in its 15- and 18-character forms', async () => {
    const lead = await ctx.leads.create({
      person: { name: 'Sofia', emails: ['sofia@nordhavn.dk'] },
      stage: 'lead',
      crmIds: { salesforce: '00Q5e00000Ab3Jk' },
    });
    const [outcome] = await ctx.imports.importBatch(
      [row(2, { person: { emails: [] }, crmIds: { salesforce: '00Q5e00000Ab3JkEAJ' }, source: 'Web' })],
      OPTIONS,
    );
    expect(outcome).toMatchObject({ status: 'updated', leadId: lead.id });
    // The stored id stays as it was: ids are added, never replaced.
    expect((await ctx.leads.get(lead.id))?.crmIds.salesforce).toBe('00Q5e00000Ab3Jk');
  });

  it('makes the same person twice in a batch one lead, the later row updating it', async () => {
    const outcomes = await ctx.imports.importBatch(
      [
        row(2, { person: { name: 'Maya Goldberg', emails: ['maya@orchardhr.com'], title: 'VP People' } }),
        row(3, {
          person: { name: 'Maya Goldberg', emails: [], linkedinUrl: 'https://www.linkedin.com/in/mayagoldberg/' },
        }),
        row(4, { person: { name: 'Maya Goldberg', emails: ['maya@orchardhr.com'], title: 'SVP People' } }),
      ],
      OPTIONS,
    );
    expect(status(outcomes)).toEqual(['created', 'created', 'updated']);
    // Row 3 had only the LinkedIn URL, which no one had yet: a second lead, as the sidebar would too.
    expect(await ctx.leads.count()).toBe(2);
    const [maya] = await ctx.leads.findByEmail('maya@orchardhr.com');
    expect(maya?.person.title).toBe('SVP People');
  });

  it('merges: blanks never erase, emails and LinkedIn are added, descriptive fields take the file’s value', async () => {
    const stored = await ctx.leads.create({
      person: {
        name: 'Jonas Becker',
        emails: ['jonas@fahrwerk.de'],
        title: 'Sales Lead',
        phone: '+49 30 1',
        location: 'Berlin',
      },
      company: { name: 'Fahrwerk', domain: 'fahrwerk.de', employees: 400 },
      stage: 'lead',
      owner: 'sam@seller.io',
      crmIds: { hubspot: '51234804' },
      times: { createdAt: NOW - 60 * DAY },
    });
    const [outcome] = await ctx.imports.importBatch(
      [
        row(5, {
          person: {
            emails: ['j.becker@fahrwerk.de'],
            linkedinUrl: 'linkedin.com/in/jonas-becker',
            title: 'Leiter Vertrieb',
          },
          company: { employees: 450 },
          crmIds: { hubspot: '51234804', marketo: '1048230' },
          times: { createdAt: NOW - 10 * DAY },
        }),
      ],
      OPTIONS,
    );
    expect(outcome?.status).toBe('updated');
    expect(await ctx.leads.get(stored.id)).toEqual({
      ...stored,
      person: {
        name: 'Jonas Becker',
        emails: ['jonas@fahrwerk.de', 'j.becker@fahrwerk.de'],
        linkedinUrl: 'https://www.linkedin.com/in/jonas-becker/',
        title: 'Leiter Vertrieb',
        phone: '+49 30 1',
        location: 'Berlin',
      },
      company: { name: 'Fahrwerk', domain: 'fahrwerk.de', employees: 450 },
      crmIds: { hubspot: '51234804', marketo: '1048230' },
      // Stage dates are the lead's history: createdAt is not rewritten by a file.
      times: { createdAt: NOW - 60 * DAY },
      updatedAt: NOW,
    });
  });

  it('moves a lead to MQL when the file says so, but never undoes a decision made in Handoff', async () => {
    const waiting = await ctx.leads.create({
      person: { name: 'W', emails: ['w@x.io'] },
      stage: 'lead',
      times: { createdAt: NOW - 9 * DAY },
    });
    const accepted = await ctx.leads.create({
      person: { name: 'S', emails: ['s@x.io'] },
      stage: 'sql',
      times: { createdAt: NOW - 9 * DAY, sqlAt: NOW - DAY },
    });
    const recycled = makeLead({
      person: { emails: ['r@x.io'] },
      stage: 'recycled',
      times: { createdAt: NOW - 90 * DAY, recycledAt: NOW - 30 * DAY },
      revisitAt: NOW + 60 * DAY,
    });
    const stale = makeLead({
      person: { emails: ['old@x.io'] },
      stage: 'recycled',
      times: { createdAt: NOW - 90 * DAY, recycledAt: NOW - 30 * DAY },
    });
    await ctx.leads.bulkUpsert([recycled, stale]);

    const outcomes = await ctx.imports.importBatch(
      [
        row(2, { person: { emails: ['w@x.io'] }, stage: 'mql', times: { mqlAt: NOW - 2 * DAY } }),
        row(3, { person: { emails: ['s@x.io'] }, stage: 'mql', times: { mqlAt: NOW - 3 * DAY } }),
        row(4, { person: { emails: ['r@x.io'] }, stage: 'mql', times: { mqlAt: NOW - 5 * DAY } }),
        row(5, { person: { emails: ['old@x.io'] }, stage: 'mql', times: { mqlAt: NOW - 60 * DAY } }),
      ],
      OPTIONS,
    );
    expect(status(outcomes)).toEqual(['updated', 'updated', 'updated', 'updated']);
    expect(await ctx.leads.get(waiting.id)).toMatchObject({ stage: 'mql', times: { mqlAt: NOW - 2 * DAY } });
    // Accepted in Handoff: stays an SQL; its missing MQL date is history worth keeping.
    expect(await ctx.leads.get(accepted.id)).toMatchObject({
      stage: 'sql',
      times: { sqlAt: NOW - DAY, mqlAt: NOW - 3 * DAY },
    });
    // Recycled, and an MQL again since: back in the queue, the revisit date gone.
    const back = await ctx.leads.get(recycled.id);
    expect(back).toMatchObject({ stage: 'mql', times: { mqlAt: NOW - 5 * DAY } });
    expect(back?.revisitAt).toBeUndefined();
    // An MQL date from before the recycle is old news: history filled in, the lead stays recycled.
    expect(await ctx.leads.get(stale.id)).toMatchObject({ stage: 'recycled', times: { mqlAt: NOW - 60 * DAY } });
  });

  it('changes nothing, not even updatedAt, when the same rows come again', async () => {
    const rows = [
      row(2, {
        person: { name: 'Dana', emails: ['dana@brightpath.io'], title: 'VP' },
        company: { name: 'BrightPath' },
        stage: 'mql',
        crmIds: { hubspot: '1' },
        times: { createdAt: NOW - 9 * DAY, mqlAt: NOW - DAY },
      }),
    ];
    rows[0]?.events.push({
      type: 'page_visit',
      pageCategory: 'pricing',
      occurredAt: NOW - DAY,
      details: { importedFrom: 'Last pricing visit' },
    });
    await ctx.imports.importBatch(rows, OPTIONS);
    const before = await ctx.snapshot.page('leads', undefined, 10);
    ctx.clock.now = NOW + DAY;
    const again = await ctx.imports.importBatch(rows, OPTIONS);
    expect(again).toEqual([expect.objectContaining({ status: 'unchanged', eventsAdded: 0 })]);
    expect(await ctx.snapshot.page('leads', undefined, 10)).toEqual(before);
    expect(await ctx.db.events.count()).toBe(1);
  });

  it('adds events once: a stored event of any origin with the same lead, time, type and page is the same event', async () => {
    const lead = await ctx.leads.create({ person: { name: 'Mia', emails: ['mia@skovdata.dk'] }, stage: 'mql' });
    await ctx.events.add({ ...makeEvent(lead, 'page_visit', 1, { pageCategory: 'pricing', origin: 'captured' }) });
    const candidate = row(2, { person: { emails: ['mia@skovdata.dk'] } });
    candidate.events.push(
      { type: 'page_visit', pageCategory: 'pricing', occurredAt: NOW - DAY },
      { type: 'page_visit', pageCategory: 'docs', occurredAt: NOW - DAY },
      { type: 'email_opened', occurredAt: NOW - 2 * DAY },
      { type: 'email_opened', occurredAt: NOW - 2 * DAY },
    );
    const [outcome] = await ctx.imports.importBatch([candidate], OPTIONS);
    expect(outcome).toMatchObject({ status: 'updated', eventsAdded: 2 });
    const events = await ctx.events.forLead(lead.id);
    expect(events.map((e) => [e.type, e.pageCategory, e.origin])).toEqual([
      ['email_opened', undefined, 'imported'],
      ['page_visit', 'pricing', 'captured'],
      ['page_visit', 'docs', 'imported'],
    ]);
  });

  it('refuses a row whose CRM id conflicts with the matched lead’s, and writes the others', async () => {
    await ctx.leads.create({
      person: { name: 'Dana', emails: ['dana@brightpath.io'] },
      stage: 'lead',
      crmIds: { hubspot: '100' },
    });
    const outcomes = await ctx.imports.importBatch(
      [
        row(2, { person: { emails: ['dana@brightpath.io'] }, crmIds: { hubspot: '200' } }),
        row(3, { person: { name: 'Other', emails: ['other@x.io'] } }),
      ],
      OPTIONS,
    );
    expect(outcomes[0]).toEqual({
      ref: 2,
      status: 'rejected',
      issues: [
        {
          code: 'crm_id_conflict',
          message:
            'HubSpot ID 200 differs from HubSpot ID 100 of the lead found by email dana@brightpath.io (Dana): two HubSpot records for one person?',
          value: '200',
        },
      ],
    });
    expect(outcomes[1]?.status).toBe('created');
    expect((await ctx.leads.findByEmail('dana@brightpath.io'))[0]?.crmIds).toEqual({ hubspot: '100' });
  });

  it('refuses a row with only a CRM id that matches no lead, and one about a new person when new leads are off', async () => {
    const outcomes = await ctx.imports.importBatch(
      [row(2, { person: { emails: [] }, crmIds: { marketo: '1048211' } })],
      OPTIONS,
    );
    expect(outcomes[0]).toMatchObject({
      status: 'rejected',
      issues: [
        {
          code: 'missing_identity',
          message: 'No lead has Marketo ID 1048211, and the row has no email or LinkedIn URL to create one',
        },
      ],
    });
    const off = await ctx.imports.importBatch([row(3, { person: { name: 'New', emails: ['new@x.io'] } })], {
      ...OPTIONS,
      createLeads: false,
    });
    expect(off[0]).toMatchObject({ status: 'rejected', issues: [{ code: 'no_match' }] });
    expect(await ctx.leads.count()).toBe(0);
  });

  it('refuses a row whose merged lead does not parse, naming the field', async () => {
    const many = Array.from({ length: 20 }, (_, i) => `p${i}@x.io`);
    await ctx.leads.create({ person: { name: 'Many', emails: many }, stage: 'lead' });
    const [outcome] = await ctx.imports.importBatch([row(2, { person: { emails: ['p0@x.io', 'p20@x.io'] } })], OPTIONS);
    expect(outcome).toMatchObject({
      status: 'rejected',
      issues: [{ code: 'invalid_lead', message: expect.stringMatching(/^person\.emails: /) }],
    });
  });

  it('writes a batch all or nothing: a failing event write rolls back the leads of the batch', async () => {
    const db = testDb();
    refuseWrites(db, 'events', (event) => event.type === 'email_replied');
    const repos = createRepositories(db, { now: () => NOW });
    const good = row(2, { person: { name: 'A', emails: ['a@x.io'] } });
    const bad = row(3, { person: { name: 'B', emails: ['b@x.io'] } });
    bad.events.push({ type: 'email_replied', occurredAt: NOW - DAY });
    await expect(repos.imports.importBatch([good, bad], OPTIONS)).rejects.toThrow();
    expect(await repos.leads.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
    db.close();
  });
});

describe('ImportRepository.prepare', () => {
  const dana = () =>
    row(2, {
      person: { name: 'Dana Whitfield', emails: ['dana@brightpath.io'] },
      crmIds: { hubspot: '51234801' },
      stage: 'mql',
    });

  it('builds a new person’s lead ahead; the batch writes it as it would have built it, stamped at the write', async () => {
    const candidate = dana();
    candidate.events.push({ type: 'email_opened', occurredAt: NOW - DAY });
    ctx.imports.prepare(candidate, OPTIONS);
    ctx.clock.now = NOW + 1000;
    const [outcome] = await ctx.imports.importBatch([candidate], OPTIONS);
    expect(outcome).toMatchObject({ status: 'created', eventsAdded: 1 });
    const [lead] = await ctx.leads.findByEmail('dana@brightpath.io');
    // Built when prepared (createdAt: the row has none), written at the batch's time.
    expect(lead).toMatchObject({ stage: 'mql', times: { createdAt: NOW }, updatedAt: NOW + 1000 });
    expect(lead?.id).toBe(outcome?.status === 'created' ? outcome.leadId : undefined);
    expect((await ctx.events.forLead(lead?.id ?? '')).map((e) => e.type)).toEqual(['email_opened']);
  });

  it('is not used for a row that matches a stored lead: the row is merged into it, no second lead', async () => {
    const stored = await ctx.leads.create({
      person: { name: 'Dana W.', emails: ['dana@brightpath.io'] },
      stage: 'lead',
      crmIds: { hubspot: '51234801' },
    });
    const candidate = dana();
    ctx.imports.prepare(candidate, OPTIONS);
    const outcomes = await ctx.imports.importBatch([candidate], OPTIONS);
    expect(outcomes).toMatchObject([{ status: 'updated', leadId: stored.id }]);
    expect(await ctx.leads.count()).toBe(1);
    expect(await ctx.leads.get(stored.id)).toMatchObject({ person: { name: 'Dana Whitfield' }, stage: 'mql' });
  });

  it('refuses what it would have refused, and is redone for other options', async () => {
    const many = row(2, { person: { name: 'Many', emails: Array.from({ length: 21 }, (_, i) => `p${i}@x.io`) } });
    ctx.imports.prepare(many, OPTIONS);
    const plain = row(3, { person: { emails: ['plain@x.io'] } });
    ctx.imports.prepare(plain, OPTIONS);
    const outcomes = await ctx.imports.importBatch([many, plain], { defaultStage: 'mql' });
    expect(outcomes).toMatchObject([
      { status: 'rejected', issues: [{ code: 'invalid_lead', message: expect.stringMatching(/^person\.emails: /) }] },
      { status: 'created' },
    ]);
    expect((await ctx.leads.findByEmail('plain@x.io'))[0]?.stage).toBe('mql');
    const refused = row(4, { person: { emails: ['nobody@x.io'] } });
    ctx.imports.prepare(refused, OPTIONS);
    expect(await ctx.imports.importBatch([refused], { ...OPTIONS, createLeads: false })).toMatchObject([
      { status: 'rejected', issues: [{ code: 'no_match' }] },
    ]);
  });
});
