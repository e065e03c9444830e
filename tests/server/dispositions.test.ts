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
    expect(DISPOSITION_CSV_COLUMNS.slice(-4)).toEqual([
      'handoff_ae_name',
      'handoff_ae_email',
      'handoff_meeting_at',
      'note_to_sales',
    ]);
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

  it('filters and pages CSV the same way, the next page in a header', async () => {
    const response = await api.get('/v1/dispositions?format=csv&source=Partner&limit=2');
    const parsed = Papa.parse<Record<string, string>>(response.text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.data.map((r) => r.disposition_id)).toEqual([ids.accepted, ids.other]);
    expect(response.headers['x-next-page']).toMatch(/^\d+_/);
  });
});
