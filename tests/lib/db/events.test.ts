import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordNotFoundError } from '../../../lib/db/base';
import type { NewEngagementEvent } from '../../../lib/db/events';
import type { Lead } from '../../../lib/domain/lead';
import { newId } from '../../../lib/domain/ids';
import { ValidationError } from '../../../lib/domain/validation';
import { refuseWrites, setupRepositories } from '../../support/db';
import { DAY, NOW, makeEvent, makeLead, visit } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
let lead: Lead;
let other: Lead;
beforeEach(async () => {
  ctx = setupRepositories();
  // Ids one apart: a range that leaked past its lead would pick up the neighbour's events.
  lead = await ctx.leads.create(makeLead());
  other = await ctx.leads.create(makeLead({ person: { emails: ['o@acme.io'] } }));
});
afterEach(() => ctx.db.close());

const ids = (events: { id: string }[]) => events.map((e) => e.id);

describe('EventRepository.add', () => {
  it('stores a parsed event with a new id', async () => {
    const input: NewEngagementEvent = {
      leadId: lead.id,
      type: 'webinar_attended',
      occurredAt: NOW,
      origin: 'imported',
    };
    const event = await ctx.events.add(input);
    expect(event.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(event.details).toEqual({});
    expect(await ctx.events.forLead(lead.id)).toEqual([event]);
  });

  it('refuses an invalid event, naming the field', async () => {
    const input: NewEngagementEvent = { leadId: lead.id, type: 'page_visit', occurredAt: NOW, origin: 'captured' };
    await expect(ctx.events.add(input)).rejects.toThrow(/pageCategory: A page visit needs a page category/);
    expect(await ctx.events.countForLead(lead.id)).toBe(0);
  });

  it('refuses an event for a lead that does not exist', async () => {
    const orphan = makeEvent({ id: newId() }, 'email_opened', 1);
    await expect(ctx.events.add(orphan)).rejects.toThrow(RecordNotFoundError);
    expect(await ctx.db.events.count()).toBe(0);
  });
});

describe('EventRepository.bulkAdd', () => {
  it('stores every event of a batch', async () => {
    const batch = [
      visit(lead, 'pricing', 3),
      makeEvent(lead, 'email_opened', 2),
      makeEvent(other, 'demo_requested', 1),
    ];
    await ctx.events.bulkAdd(batch);
    expect(await ctx.events.countForLead(lead.id)).toBe(2);
    expect(await ctx.events.countForLead(other.id)).toBe(1);
  });

  it('writes none when one event is invalid, and says which', async () => {
    const batch = [
      visit(lead, 'pricing', 3),
      { leadId: lead.id, type: 'page_visit', occurredAt: NOW, origin: 'imported' } as const,
      makeEvent(lead, 'email_opened', 2),
    ];
    const error = await ctx.events.bulkAdd(batch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['1.pageCategory']);
    expect(await ctx.db.events.count()).toBe(0);
  });

  it('writes none when one event names an unknown lead', async () => {
    const batch = [visit(lead, 'pricing', 3), makeEvent({ id: newId() }, 'email_opened', 2)];
    await expect(ctx.events.bulkAdd(batch)).rejects.toThrow(RecordNotFoundError);
    expect(await ctx.db.events.count()).toBe(0);
  });

  it('rolls back the rows already added when a later one fails in IndexedDB (duplicate id)', async () => {
    const first = visit(lead, 'pricing', 3);
    const batch = [first, makeEvent(lead, 'email_opened', 2), { ...first, occurredAt: NOW }];
    await expect(ctx.events.bulkAdd(batch)).rejects.toThrow(/Constraint/);
    expect(await ctx.db.events.count()).toBe(0);
  });

  it('rolls back when IndexedDB refuses a row mid-batch', async () => {
    const batch = [
      makeEvent(lead, 'email_opened', 3),
      makeEvent(lead, 'email_clicked', 2),
      makeEvent(lead, 'email_replied', 1),
    ];
    const poisoned = batch[2]?.id;
    ctx.db.close();
    refuseWrites(ctx.db, 'events', (row) => row.id === poisoned);
    await ctx.db.open();
    await expect(ctx.events.bulkAdd(batch)).rejects.toThrow(/DataCloneError/);
    expect(await ctx.db.events.count()).toBe(0);
  });
});

describe('EventRepository.bulkUpsert', () => {
  it('writes an already stored event again instead of duplicating it', async () => {
    const events = [visit(lead, 'pricing', 2), visit(lead, 'demo', 1)];
    await ctx.events.bulkUpsert(events);
    await ctx.events.bulkUpsert(events);
    expect(await ctx.events.countForLead(lead.id)).toBe(2);
    await expect(ctx.events.bulkAdd(events)).rejects.toThrowError();
    expect(await ctx.events.countForLead(lead.id)).toBe(2);
  });

  it('refuses the batch when a lead is missing, writing nothing', async () => {
    const orphan = makeEvent({ id: newId(NOW) }, 'email_opened', 1);
    await expect(ctx.events.bulkUpsert([visit(lead, 'pricing', 1), orphan])).rejects.toThrowError(RecordNotFoundError);
    expect(await ctx.events.countForLead(lead.id)).toBe(0);
  });
});

describe('EventRepository.history', () => {
  beforeEach(async () => {
    await ctx.events.bulkAdd([
      makeEvent(lead, 'email_opened', 10),
      visit(lead, 'pricing', 1),
      makeEvent(other, 'demo_requested', 0),
      makeEvent(lead, 'email_clicked', 5),
      visit(lead, 'demo', 0.5),
      makeEvent(lead, 'content_download', 20),
    ]);
  });

  it('lists a lead’s events newest first, and only that lead’s', async () => {
    const history = await ctx.events.history(lead.id);
    expect(history.map((e) => (NOW - e.occurredAt) / DAY)).toEqual([0.5, 1, 5, 10, 20]);
    expect(history.every((e) => e.leadId === lead.id)).toBe(true);
  });

  it('caps the page with limit and pages back with before (exclusive)', async () => {
    const page1 = await ctx.events.history(lead.id, { limit: 2 });
    expect(page1.map((e) => e.type)).toEqual(['page_visit', 'page_visit']);
    const oldestShown = page1.at(-1)?.occurredAt;
    const page2 = await ctx.events.history(lead.id, { limit: 2, before: oldestShown });
    expect(page2.map((e) => e.type)).toEqual(['email_clicked', 'email_opened']);
    const page3 = await ctx.events.history(lead.id, { limit: 2, before: page2.at(-1)?.occurredAt });
    expect(page3.map((e) => e.type)).toEqual(['content_download']);
  });

  it('orders events at the same instant newest id first', async () => {
    const a = makeEvent(other, 'email_opened', 0, { occurredAt: NOW + DAY });
    const b = makeEvent(other, 'email_clicked', 0, { occurredAt: NOW + DAY });
    await ctx.events.bulkAdd([a, b]);
    expect(ids(await ctx.events.history(other.id, { limit: 2 }))).toEqual([b.id, a.id]);
  });

  it('forLead lists oldest first; countForLead counts', async () => {
    expect((await ctx.events.forLead(lead.id)).map((e) => (NOW - e.occurredAt) / DAY)).toEqual([20, 10, 5, 1, 0.5]);
    expect(await ctx.events.countForLead(lead.id)).toBe(5);
    expect(await ctx.events.countForLead(other.id)).toBe(1);
    expect(await ctx.events.countForLead(newId())).toBe(0);
    expect(await ctx.events.history(newId())).toEqual([]);
  });
});

describe('EventRepository.forLeads', () => {
  it('maps each asked lead to its events, oldest first, and reads no one else’s', async () => {
    const third = await ctx.leads.create(makeLead({ person: { emails: ['t@acme.io'] } }));
    await ctx.events.bulkAdd([
      visit(lead, 'pricing', 1),
      makeEvent(other, 'demo_requested', 2),
      makeEvent(lead, 'email_opened', 10),
      makeEvent(third, 'webinar_attended', 3),
    ]);
    const byLead = await ctx.events.forLeads([lead.id, third.id]);
    expect([...byLead.keys()]).toEqual([lead.id, third.id]);
    expect(byLead.get(lead.id)?.map((e) => e.type)).toEqual(['email_opened', 'page_visit']);
    expect(byLead.get(third.id)?.map((e) => e.type)).toEqual(['webinar_attended']);
  });

  it('gives a lead without events (or unknown) an empty list, and each lead once', async () => {
    await ctx.events.add(visit(other, 'demo', 1));
    const missing = newId();
    const byLead = await ctx.events.forLeads([lead.id, other.id, lead.id, missing]);
    expect(byLead.size).toBe(3);
    expect(byLead.get(lead.id)).toEqual([]);
    expect(byLead.get(missing)).toEqual([]);
    expect(byLead.get(other.id)).toHaveLength(1);
    expect((await ctx.events.forLeads([])).size).toBe(0);
  });
});
