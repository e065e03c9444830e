import Papa from 'papaparse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../lib/domain/ids';
import type { DispositionsResponse } from '../../lib/replication/contract';
import { DISPOSITION_CSV_COLUMNS } from '../../server/csv';
import { forEachBackend } from './support/backends';
import { TestClient, newLeadFields } from './support/data';
import { type Api, DAY, type Harness, NOW, startHarness } from './support/harness';

const JAN = Date.UTC(2026, 0, 1);

forEachBackend((backend) => {
  let h: Harness;
  let api: Api;
  const sam = new TestClient('sam');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness(backend);
    const team = await h.team();
    api = h.as(team.token);
    const webinarLead = newId();
    const partnerLead = newId();
    const noLead = newId();
    const rejected = sam.reject(webinarLead, null, {
      reason: 'no_budget',
      note: '=HYPERLINK("http://evil.example","click")',
      decidedAt: JAN + 5 * DAY,
    });
    const accepted = sam.accept(partnerLead, null, {
      route: 'mql_handoff',
      decidedAt: Date.UTC(2026, 1, 3),
      handoff: {
        ae: { name: 'Alex Kim', email: 'alex.kim@seller.io' },
        meetingAt: Date.UTC(2026, 1, 5, 15),
        note: '-Wants 12 seats',
        previousOwner: 'sam@seller.io',
      },
    });
    const other = sam.reject(partnerLead, accepted.recordId, {
      reason: 'other',
      note: '+1 line\nsecond line, with "quotes"',
      outcome: { kind: 'disqualified' },
      decidedAt: Date.UTC(2026, 1, 10),
    });
    const undo = sam.accept(partnerLead, other.recordId, {
      decision: 'withdrawn',
      withdraws: other.recordId,
      decidedAt: Date.UTC(2026, 1, 10) + 1000,
    });
    const orphan = sam.reject(noLead, null, { reason: 'student_or_job_seeker', decidedAt: JAN + 20 * DAY });
    Object.assign(ids, {
      rejected: rejected.recordId,
      accepted: accepted.recordId,
      other: other.recordId,
      undo: undo.recordId,
      orphan: orphan.recordId,
    });
    const response = await api.push(
      sam.batch(
        sam.lead(webinarLead, newLeadFields({ source: 'Webinar', 'person.name': '@SUM(A1:A9)' })),
        sam.lead(partnerLead, newLeadFields({ source: 'Partner', 'person.emails': ['p@partner.io'] })),
        rejected,
        accepted,
        other,
        undo,
        orphan,
      ),
    );
    expect(response.status).toBe(200);
  });
  afterAll(() => h.close());

  it('lists every disposition oldest first, with the lead, the reason label and where it stands', async () => {
    const response = await api.get<DispositionsResponse>('/v1/dispositions');
    expect(response.status).toBe(200);
    const rows = response.body.dispositions;
    expect(rows.map((r) => r.id)).toEqual([ids.rejected, ids.orphan, ids.accepted, ids.other, ids.undo]);
    expect(rows[0]).toMatchObject({
      decision: 'rejected',
      reasonCode: 'no_budget',
      reasonLabel: 'No budget',
      outcome: 'recycled',
      revisitAt: NOW + 90 * DAY,
      current: true,
      conflict: false,
      lead: { source: 'Webinar', campaign: 'Q4 launch', company: 'Acme', email: 'jane.doe@acme.io', stage: 'mql' },
    });
    // Partner lead: accepted, then rejected, then the rejection undone: the acceptance is current again.
    expect(rows.slice(2).map((r) => [r.decision, r.current, r.withdrawn])).toEqual([
      ['accepted_sql', true, false],
      ['rejected', false, true],
      ['withdrawn', false, false],
    ]);
    // The acceptance's handoff: who took the SQL, the meeting, the note to sales; none on a rejection.
    expect(rows[2]?.handoff).toEqual({
      aeName: 'Alex Kim',
      aeEmail: 'alex.kim@seller.io',
      meetingAt: Date.UTC(2026, 1, 5, 15),
      note: '-Wants 12 seats',
    });
    expect(rows[0]?.handoff).toBeNull();
    expect(rows[3]).toMatchObject({ reasonLabel: 'Other', outcome: 'disqualified', revisitAt: null });
    expect(rows[4]?.withdraws).toBe(ids.other);
    // A decision whose lead the server does not have still reports, without lead details.
    expect(rows[1]?.lead).toEqual({
      name: null,
      email: null,
      company: null,
      companyDomain: null,
      source: null,
      campaign: null,
      stage: null,
    });
    expect(response.body.next).toBeNull();
  });

  it.each([
    ['from=2026-02-01', ['accepted', 'other', 'undo']],
    ['to=2026-02-01', ['rejected', 'orphan']],
    ['from=2026-01-01&to=2026-01-10', ['rejected']],
    [`from=${Date.UTC(2026, 1, 10)}&to=2026-02-10T00:00:01Z`, ['other']],
    ['source=partner', ['accepted', 'other', 'undo']],
    ['source=Webinar&decision=rejected', ['rejected']],
    ['decision=rejected', ['rejected', 'orphan', 'other']],
  ])('filters by %s', async (query, expected) => {
    const response = await api.get<DispositionsResponse>(`/v1/dispositions?${query}`);
    expect(response.status).toBe(200);
    expect(response.body.dispositions.map((r) => r.id)).toEqual(expected.map((name) => ids[name]));
  });

  it('pages with `next`', async () => {
    const first = await api.get<DispositionsResponse>('/v1/dispositions?limit=2');
    expect(first.body.dispositions).toHaveLength(2);
    const second = await api.get<DispositionsResponse>(`/v1/dispositions?limit=2&after=${first.body.next}`);
    const third = await api.get<DispositionsResponse>(`/v1/dispositions?limit=2&after=${second.body.next}`);
    expect(third.body.next).toBeNull();
    expect(
      [...first.body.dispositions, ...second.body.dispositions, ...third.body.dispositions].map((r) => r.id),
    ).toEqual([ids.rejected, ids.orphan, ids.accepted, ids.other, ids.undo]);
  });

  it.each([
    'from=yesterday',
    'to=2026-13-01',
    'from=2026-02-01&to=2026-01-01',
    'decision=maybe',
    'format=xml',
    'limit=0',
    'after=garbage',
  ])('refuses %s with 400', async (query) => {
    const response = await api.get(`/v1/dispositions?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_request');
  });

  it('gives CSV that spreadsheets open without running anything', async () => {
    const response = await api.get('/v1/dispositions?format=csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('dispositions.csv');
    expect(response.text.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(response.text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...DISPOSITION_CSV_COLUMNS]);
    expect(parsed.data).toHaveLength(5);
    const first = parsed.data[0];
    expect(first).toMatchObject({
      decided_at: '2026-01-06T00:00:00.000Z',
      decision: 'rejected',
      reason_code: 'no_budget',
      reason_label: 'No budget',
      source: 'Webinar',
      current: 'true',
    });
    // Formula starts are neutralised, whatever follows them (line breaks included).
    expect(first?.note).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(first?.lead_name).toBe(`'@SUM(A1:A9)`);
    expect(parsed.data[3]?.note).toBe(`'+1 line\nsecond line, with "quotes"`);
    // The handoff's columns, last (a sheet reading by position keeps working); the note to sales is neutralised too.
    expect(DISPOSITION_CSV_COLUMNS.slice(-7, -3)).toEqual([
      'handoff_ae_name',
      'handoff_ae_email',
      'handoff_meeting_at',
      'note_to_sales',
    ]);
    // After them, what became of an SQL (issue 17, "After SQL"): empty on a verdict.
    expect(DISPOSITION_CSV_COLUMNS.slice(-3)).toEqual(['occurred_at', 'lost_reason_code', 'lost_reason_label']);
    expect(first).toMatchObject({ occurred_at: '', lost_reason_code: '', lost_reason_label: '' });
    expect(parsed.data[2]).toMatchObject({
      handoff_ae_name: 'Alex Kim',
      handoff_ae_email: 'alex.kim@seller.io',
      handoff_meeting_at: '2026-02-05T15:00:00.000Z',
      note_to_sales: `'-Wants 12 seats`,
    });
    expect(first).toMatchObject({
      handoff_ae_name: '',
      handoff_ae_email: '',
      handoff_meeting_at: '',
      note_to_sales: '',
    });
    for (const row of parsed.data) {
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('takes what became of an SQL (opportunity, won, lost with its reason) to the export and to the other reps', async () => {
    const team = await h.team();
    const them = h.as(team.token);
    const wonLead = newId();
    const lostLead = newId();
    const accepted = sam.accept(wonLead, null, { decidedAt: NOW - 9 * DAY });
    const opened = sam.accept(wonLead, accepted.recordId, {
      decision: 'opportunity',
      occurredAt: NOW - 6 * DAY,
      decidedAt: NOW - 5 * DAY,
    });
    const won = sam.accept(wonLead, opened.recordId, {
      decision: 'won',
      occurredAt: NOW - 2 * DAY,
      decidedAt: NOW - DAY,
    });
    const acceptedToo = sam.accept(lostLead, null, { decidedAt: NOW - 9 * DAY });
    const lost = sam.reject(lostLead, acceptedToo.recordId, {
      decision: 'lost',
      reason: undefined,
      lostReason: 'competitor',
      outcome: { kind: 'recycled', revisitAt: NOW + 365 * DAY },
      occurredAt: NOW - 3 * DAY,
      decidedAt: NOW - 3 * DAY,
    });
    const pushed = await them.push(
      sam.batch(
        sam.lead(wonLead, newLeadFields({ source: 'Webinar', stage: 'customer' })),
        sam.lead(lostLead, newLeadFields({ source: 'Webinar', 'person.emails': ['lost@acme.io'], stage: 'recycled' })),
        accepted,
        opened,
        won,
        acceptedToo,
        lost,
      ),
    );
    expect(pushed.status).toBe(200);
    expect((pushed.body as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(
      Array(7).fill('applied'),
    );

    const report = await them.get<DispositionsResponse>('/v1/dispositions');
    const byId = new Map(report.body.dispositions.map((r) => [r.id, r]));
    expect(byId.get(opened.recordId)).toMatchObject({
      decision: 'opportunity',
      occurredAt: NOW - 6 * DAY,
      current: false,
    });
    // The latest record of the deal is the lead's current one, the acceptance stays in the history.
    expect(byId.get(won.recordId)).toMatchObject({ decision: 'won', occurredAt: NOW - 2 * DAY, current: true });
    expect(byId.get(lost.recordId)).toMatchObject({
      decision: 'lost',
      lostReasonCode: 'competitor',
      lostReasonLabel: 'Chose a competitor',
      outcome: 'recycled',
      revisitAt: NOW + 365 * DAY,
      current: true,
      conflict: false,
    });
    expect(byId.get(accepted.recordId)).toMatchObject({ occurredAt: null, lostReasonCode: null, current: false });
    const csv = await them.get('/v1/dispositions?format=csv&decision=lost');
    const rows = Papa.parse<Record<string, string>>(csv.text.slice(1), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      decision: 'lost',
      occurred_at: new Date(NOW - 3 * DAY).toISOString(),
      lost_reason_code: 'competitor',
      lost_reason_label: 'Chose a competitor',
    });

    // Another rep's browser pulls them as they were recorded.
    const pulled = await them.pull();
    const records = (pulled.body as { records: { table: string; data: { decision?: string } }[] }).records;
    expect(records.filter((r) => r.table === 'dispositions').map((r) => r.data.decision)).toEqual(
      expect.arrayContaining(['accepted_sql', 'opportunity', 'won', 'lost']),
    );
  });

  it.each([
    [
      'a loss without its reason',
      { decision: 'lost', reason: undefined, occurredAt: NOW },
      'changes.0.record.lostReason',
      'A lost deal needs a reason',
    ],
    [
      'a win dated two days ahead of the server',
      { decision: 'won', reason: undefined, outcome: undefined, occurredAt: NOW + 2 * DAY, decidedAt: NOW + 2 * DAY },
      'changes.0.record.occurredAt',
      "occurredAt is 2 days ahead of the server's time",
    ],
  ])('refuses %s with 400, naming the field', async (_what, fields, path, message) => {
    const team = await h.team();
    const response = await h.as(team.token).push(sam.batch(sam.reject(newId(), null, fields)));
    expect(response.status).toBe(400);
    const issues = (response.body.error.issues ?? []) as { path: string; message: string }[];
    expect(issues.find((issue) => issue.path === path)?.message).toContain(message);
  });

  it('filters and pages CSV the same way, the next page in a header', async () => {
    const response = await api.get('/v1/dispositions?format=csv&source=Partner&limit=2');
    const parsed = Papa.parse<Record<string, string>>(response.text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.data.map((r) => r.disposition_id)).toEqual([ids.accepted, ids.other]);
    expect(response.headers['x-next-page']).toMatch(/^\d+_/);
  });
});
