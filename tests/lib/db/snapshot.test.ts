import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordNotFoundError } from '../../../lib/db/base';
import { keyOf } from '../../../lib/db/snapshot';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { ValidationError } from '../../../lib/domain/validation';
import { makeActivity, setupRepositories } from '../../support/db';
import { DAY, NOW, makeEvent, makeLead } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

async function seed() {
  const leads = [0, 1, 2, 3, 4].map((i) => makeLead({ person: { name: `Lead ${i}`, emails: [`l${i}@x.io`] } }));
  await ctx.leads.bulkUpsert(leads);
  const [a, b, , d] = leads.sort((x, y) => (x.id < y.id ? -1 : 1));
  if (!a || !b || !d) throw new Error('seed');
  await ctx.events.bulkAdd([
    makeEvent(a, 'email_opened', 3),
    makeEvent(a, 'webinar_attended', 1),
    makeEvent(d, 'form_submitted', 2),
  ]);
  await ctx.qualifications.save({
    leadId: b.id,
    framework: 'bant',
    criteria: { need: { status: 'confirmed', evidence: 'ETL pain' } },
  });
  await ctx.dispositions.record(
    {
      leadId: d.id,
      decision: 'rejected',
      route: 'mql_handoff',
      reason: 'no_budget',
      outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
      decidedBy: 'sam',
      decidedAt: NOW,
    },
    { ...d, stage: 'recycled', revisitAt: NOW + 90 * DAY, times: { ...d.times, recycledAt: NOW } },
  );
  await ctx.activities.log(makeActivity(a));
  await ctx.settings.save(DEFAULT_SETTINGS);
  return leads;
}

describe('SnapshotRepository', () => {
  it('counts every table and says whether the database is empty', async () => {
    expect(await ctx.snapshot.isEmpty()).toBe(true);
    await seed();
    expect(await ctx.snapshot.counts()).toEqual({
      leads: 5,
      events: 3,
      qualifications: 1,
      dispositions: 1,
      activities: 1,
      settings: 1,
    });
    expect(await ctx.snapshot.isEmpty()).toBe(false);
  });

  it('pages through a table in key order, leads without their index fields', async () => {
    const leads = await seed();
    const first = await ctx.snapshot.page('leads', undefined, 2);
    const second = first[1];
    if (!second) throw new Error('two leads expected');
    const rest = await ctx.snapshot.page('leads', keyOf('leads', second), 10);
    expect([...first, ...rest].map((l) => l.id)).toEqual(leads.map((l) => l.id));
    expect(first[0]).not.toHaveProperty('emailKeys');
    expect((await ctx.snapshot.page('settings', undefined, 5)).map((row) => row.key)).toEqual(['settings']);
  });

  it('reads leads with their events, checklist and decisions, page by page', async () => {
    const [a, b, c, d] = await seed();
    const page = await ctx.snapshot.leadBundles(undefined, 4);
    expect(page.map((bundle) => bundle.lead.id)).toEqual([a?.id, b?.id, c?.id, d?.id]);
    expect(page[0]?.events.map((e) => e.type)).toEqual(['email_opened', 'webinar_attended']);
    expect(page[1]?.qualification?.criteria.need?.status).toBe('confirmed');
    expect(page[2]).toMatchObject({ events: [], qualification: undefined, dispositions: [] });
    expect(page[3]?.dispositions.map((x) => x.reason)).toEqual(['no_budget']);
    expect(await ctx.snapshot.leadBundles(d?.id, 4)).toHaveLength(1);
  });

  it('visits every table in order inside one read transaction', async () => {
    await seed();
    const seen: string[] = [];
    await ctx.snapshot.forEachPage((table, records) => seen.push(`${table}:${records.length}`), { pageSize: 2 });
    expect(seen).toEqual([
      'leads:2',
      'leads:2',
      'leads:1',
      'events:2',
      'events:1',
      'qualifications:1',
      'dispositions:1',
      'activities:1',
      'settings:1',
    ]);
  });

  it('writes records as given (ids and updatedAt kept) after parsing them, and clears', async () => {
    const lead = makeLead({ updatedAt: NOW - 5 * DAY });
    await ctx.snapshot.write({ leads: [lead], events: [makeEvent(lead, 'email_clicked', 2)] });
    expect(await ctx.leads.get(lead.id)).toEqual(lead);
    expect(await ctx.leads.findByEmail('jane.doe@acme.io')).toHaveLength(1);
    await ctx.snapshot.clear();
    expect(await ctx.snapshot.isEmpty()).toBe(true);
  });

  it('refuses a bad record by table, index and field, and a record for an unknown lead; nothing is written', async () => {
    const lead = makeLead();
    const error = await ctx.snapshot
      .write({ leads: [lead], events: [{ ...makeEvent(lead, 'email_opened', 1), type: 'fax_sent' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe('0.type');
    await expect(ctx.snapshot.write({ events: [makeEvent(lead, 'email_opened', 1)] })).rejects.toThrow(
      RecordNotFoundError,
    );
    expect(await ctx.snapshot.isEmpty()).toBe(true);
  });
});
