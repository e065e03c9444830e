import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../lib/domain/ids';
import type { IngestResponse, PulledRecord, PullResponse } from '../../lib/replication/contract';
import { forEachBackend } from './support/backends';
import { TestClient, newLeadFields } from './support/data';
import { type Api, DAY, type Harness, NOW, startHarness } from './support/harness';

async function records(api: Api): Promise<PulledRecord[]> {
  return (await api.pull<PullResponse>('0', 1000)).body.records;
}

forEachBackend((backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h.close());

  it('creates an unknown lead as an MQL with its events and score, as records clients pull', async () => {
    const team = await h.team();
    const api = h.as(team.token);
    const response = await api.ingest<IngestResponse>({
      ingestId: 'hubspot-1',
      items: [
        {
          lead: {
            email: 'Dana.Whitfield@Northwind.io',
            crm: { system: 'hubspot', id: '901' },
            name: 'Dana Whitfield',
            title: 'VP Operations',
            company: { name: 'Northwind', domain: 'northwind.io', employees: 240 },
            source: 'Webinar',
            campaign: 'Q4 launch',
          },
          events: [
            { type: 'webinar_attended', occurredAt: NOW - 3 * DAY, details: { webinar: 'Ops 101' } },
            { type: 'page_visit', pageCategory: 'pricing', occurredAt: NOW - DAY },
          ],
          score: { system: 'hubspot', value: 72, scoredAt: NOW - DAY },
          mql: true,
        },
      ],
    });
    expect(response.status).toBe(200);
    const [item] = response.body.items;
    expect(item).toMatchObject({ created: true, mql: 'promoted', scoreStored: true });
    expect(item?.eventIds).toHaveLength(2);

    const pulled = await records(api);
    expect(pulled.map((r) => r.table)).toEqual(['leads', 'events', 'events', 'scores']);
    expect(pulled[0]).toMatchObject({
      recordId: item?.leadId,
      data: {
        person: { name: 'Dana Whitfield', emails: ['dana.whitfield@northwind.io'], title: 'VP Operations' },
        company: { name: 'Northwind', employees: 240 },
        stage: 'mql',
        source: 'Webinar',
        crmIds: { hubspot: '901' },
        times: { createdAt: NOW, mqlAt: NOW },
      },
    });
    expect(pulled[0]?.hlc).toMatch(/-server$/);
    expect(pulled[1]?.data).toMatchObject({ type: 'webinar_attended', origin: 'ingested', leadId: item?.leadId });
    expect(pulled[3]).toMatchObject({
      recordId: `${item?.leadId}:hubspot`,
      data: { leadId: item?.leadId, system: 'hubspot', value: 72 },
    });
  });

  it("finds a rep's lead by email (plus-addressing ignored) or CRM id, and promotes it only when its stage allows", async () => {
    const team = await h.team();
    const api = h.as(team.token);
    const sam = new TestClient('sam');
    const leadId = newId();
    const sqlId = newId();
    await api.push(
      sam.batch(
        sam.lead(leadId, newLeadFields({ stage: 'lead', 'times.mqlAt': null })),
        sam.lead(
          sqlId,
          newLeadFields({
            'person.emails': ['bo@acme.io'],
            'crmIds.salesforce': 'SF-7',
            stage: 'sql',
            'times.sqlAt': NOW - DAY,
          }),
        ),
      ),
    );
    const response = await api.ingest<IngestResponse>({
      ingestId: 'mkto-7',
      items: [
        {
          lead: { email: 'jane.doe+webinar@acme.io' },
          events: [{ type: 'email_clicked', occurredAt: NOW }],
          mql: true,
        },
        { lead: { crm: { system: 'salesforce', id: 'SF-7' } }, mql: true },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.items.map((i) => [i.leadId, i.created, i.mql])).toEqual([
      [leadId, false, 'promoted'],
      [sqlId, false, 'unchanged'],
    ]);
    const pulled = await records(api);
    const jane = pulled.find((r) => r.recordId === leadId);
    expect(jane?.data).toMatchObject({ stage: 'mql', times: { mqlAt: NOW }, person: { name: 'Jane Doe' } });
    expect(pulled.find((r) => r.recordId === sqlId)?.data).toMatchObject({ stage: 'sql' });
    // The server's promotion is ordered after Sam's edit, so it wins the stage field.
    expect(jane?.table === 'leads' && jane.clocks.stage).toMatch(/-server$/);
  });

  it('finds a lead created earlier in the same request', async () => {
    const team = await h.team();
    const response = await h.as(team.token).ingest<IngestResponse>({
      ingestId: 'batch',
      items: [
        { lead: { email: 'new@acme.io', name: 'New Person', crm: { system: 'marketo', id: 'M1' } } },
        { lead: { crm: { system: 'marketo', id: 'M1' } }, events: [{ type: 'email_opened', occurredAt: NOW }] },
        { lead: { email: 'NEW@acme.io' }, events: [{ type: 'email_opened', occurredAt: NOW }] },
      ],
    });
    const ids = response.body.items.map((i) => i.leadId);
    expect(new Set(ids).size).toBe(1);
    expect(response.body.items.map((i) => i.created)).toEqual([true, false, false]);
  });

  it('keeps the newest score by its own time, whatever the arrival order', async () => {
    const team = await h.team();
    const api = h.as(team.token);
    const lead = { email: 'score@acme.io', name: 'Score Keeper' };
    await api.ingest({ ingestId: 'a', items: [{ lead, score: { system: 'hubspot', value: 80, scoredAt: NOW } }] });
    const late = await api.ingest<IngestResponse>({
      ingestId: 'b',
      items: [{ lead, score: { system: 'hubspot', value: 10, scoredAt: NOW - DAY } }],
    });
    expect(late.body.items[0]?.scoreStored).toBe(false);
    await api.ingest({ ingestId: 'c', items: [{ lead, score: { system: 'marketo', value: 5, scoredAt: NOW - DAY } }] });
    const scores = (await records(api)).filter((r) => r.table === 'scores').map((r) => r.data);
    expect(scores).toEqual([
      expect.objectContaining({ system: 'hubspot', value: 80 }),
      expect.objectContaining({ system: 'marketo', value: 5 }),
    ]);
  });

  it('answers a repeated ingestId with the stored result and appends nothing twice', async () => {
    const team = await h.team();
    const api = h.as(team.token);
    const body = {
      ingestId: 'retry-me',
      items: [{ lead: { email: 'r@acme.io', name: 'Retry' }, events: [{ type: 'email_opened', occurredAt: NOW }] }],
    };
    const first = await api.ingest(body);
    const again = await api.ingest(body);
    expect(again.body).toEqual(first.body);
    expect(await records(api)).toHaveLength(2);
  });

  it.each([
    ['no email and no CRM id', { lead: { name: 'X' } }, 'items.0.lead'],
    [
      'a page visit without a page category',
      { lead: { email: 'a@b.io', name: 'A' }, events: [{ type: 'page_visit', occurredAt: 1 }] },
      'items.0.events.0.pageCategory',
    ],
    [
      'an unknown event type',
      { lead: { email: 'a@b.io', name: 'A' }, events: [{ type: 'tweet', occurredAt: 1 }] },
      'items.0.events.0.type',
    ],
    ['a bad email', { lead: { email: 'nope', name: 'A' } }, 'items.0.lead.email'],
  ])('refuses %s with 400', async (_what, item, path) => {
    const team = await h.team();
    const response = await h.as(team.token).ingest({ ingestId: 'x', items: [item] });
    expect(response.status).toBe(400);
    expect(response.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('writes nothing of a request whose later item cannot be taken', async () => {
    const team = await h.team();
    const api = h.as(team.token);
    const response = await api.ingest({
      ingestId: 'half',
      items: [
        { lead: { email: 'fine@acme.io', name: 'Fine' }, events: [{ type: 'email_opened', occurredAt: NOW }] },
        // Unknown, and no name to create it with.
        { lead: { crm: { system: 'hubspot', id: 'H404' } } },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.issues[0].path).toBe('items.1.lead.name');
    expect(await records(api)).toEqual([]);
    // The refused request did not use up its ingestId.
    const retry = await api.ingest({ ingestId: 'half', items: [{ lead: { email: 'fine@acme.io', name: 'Fine' } }] });
    expect(retry.status).toBe(200);
  });
});
