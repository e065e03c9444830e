import { describe, expect, it } from 'vitest';
import type { Activity } from '../../lib/domain/activity';
import { type Disposition, DispositionSchema } from '../../lib/domain/disposition';
import { REJECTION_REASON_CODES } from '../../lib/domain/reasons';
import {
  DEFAULT_HUBSPOT_MAPPING,
  HubspotMappingOverridesSchema,
  hubspotCustomProperties,
  hubspotDecisionProperties,
  hubspotEngagement,
  hubspotWithdrawalProperties,
  resolveHubspotMapping,
} from '../../server/crm/mapping';

const AT = Date.UTC(2026, 10, 23, 12);
const DAY = 86_400_000;
const ID = '01JD000000000000000000000A';
const LEAD = '01JD000000000000000000000B';

const decision = (fields: Partial<Disposition> & Pick<Disposition, 'decision'>): Disposition =>
  DispositionSchema.parse({ id: ID, leadId: LEAD, route: 'mql_handoff', decidedBy: 'sam', decidedAt: AT, ...fields });

describe('the HubSpot mapping', () => {
  const mapping = resolveHubspotMapping();

  it.each(REJECTION_REASON_CODES)('maps the rejection reason %s to its own value and a lead status', (code) => {
    const d = decision({
      decision: 'rejected',
      reason: code,
      note: 'why',
      outcome: { kind: 'recycled', revisitAt: AT + 90 * DAY },
    });
    const properties = hubspotDecisionProperties(mapping, d);
    expect(properties).toEqual({
      hs_lead_status: ['bad_timing', 'no_budget'].includes(code) ? 'BAD_TIMING' : 'UNQUALIFIED',
      handoff_rejection_reason: code,
      handoff_recycle_date: '2027-02-21',
      handoff_sql_route: '',
      handoff_override_note: '',
    });
  });

  it('maps an acceptance with its route and override note, clearing a rejection’s properties', () => {
    const d = decision({ decision: 'accepted_sql', route: 'direct_outbound', override: { note: 'CFO said yes' } });
    expect(hubspotDecisionProperties(mapping, d)).toEqual({
      lifecyclestage: 'salesqualifiedlead',
      hs_lead_status: 'OPEN_DEAL',
      handoff_sql_route: 'direct_outbound',
      handoff_override_note: 'CFO said yes',
      handoff_rejection_reason: '',
      handoff_recycle_date: '',
    });
  });

  it('maps what became of an SQL: opportunity and won by stage, lost by its recycle date', () => {
    expect(hubspotDecisionProperties(mapping, decision({ decision: 'opportunity', occurredAt: AT }))).toEqual({
      lifecyclestage: 'opportunity',
    });
    expect(hubspotDecisionProperties(mapping, decision({ decision: 'won', occurredAt: AT }))).toEqual({
      lifecyclestage: 'customer',
    });
    const lost = decision({
      decision: 'lost',
      occurredAt: AT,
      lostReason: 'price',
      outcome: { kind: 'recycled', revisitAt: AT + 10 * DAY },
    });
    expect(hubspotDecisionProperties(mapping, lost)).toEqual({ handoff_recycle_date: '2026-12-03' });
  });

  it('writes a withdrawal as the decision in force after it, or as "none" with Handoff’s properties cleared', () => {
    const accepted = decision({ decision: 'accepted_sql' });
    expect(hubspotWithdrawalProperties(mapping, accepted)).toEqual(hubspotDecisionProperties(mapping, accepted));
    expect(hubspotWithdrawalProperties(mapping, undefined)).toEqual({
      hs_lead_status: 'IN_PROGRESS',
      handoff_rejection_reason: '',
      handoff_recycle_date: '',
      handoff_sql_route: '',
      handoff_override_note: '',
    });
  });

  it('lays a team’s overrides over the defaults: reason values merge, a decision’s set is replaced whole', () => {
    const team = resolveHubspotMapping({
      properties: { rejectionReason: 'lead_rejection_reason' },
      rejectionReasons: { no_budget: { value: 'Budget' }, competitor: { leadStatus: 'BAD_TIMING' } },
      decisions: { accepted_sql: { hs_lead_status: 'CONNECTED' } },
    });
    expect(team.rejectionReasons.no_budget).toEqual({ value: 'Budget', leadStatus: 'BAD_TIMING' });
    expect(team.rejectionReasons.competitor).toEqual({ value: 'competitor', leadStatus: 'BAD_TIMING' });
    expect(team.rejectionReasons.no_need).toEqual(DEFAULT_HUBSPOT_MAPPING.rejectionReasons.no_need);
    const d = decision({ decision: 'rejected', reason: 'no_budget', outcome: { kind: 'disqualified' } });
    expect(hubspotDecisionProperties(team, d)).toMatchObject({ lead_rejection_reason: 'Budget' });
    expect(hubspotDecisionProperties(team, decision({ decision: 'accepted_sql' }))).not.toHaveProperty(
      'lifecyclestage',
    );
    expect(hubspotCustomProperties(team).find((p) => p.name === 'lead_rejection_reason')?.options).toContainEqual(
      expect.objectContaining({ value: 'Budget', label: 'No budget' }),
    );
  });

  it.each([
    ['an unknown reason code', { rejectionReasons: { too_pricey: { value: 'x' } } }],
    ['an unknown section', { stages: {} }],
    ['a property name HubSpot would refuse', { properties: { recycleDate: 'Recycle Date' } }],
    ['a non-string value', { decisions: { won: { lifecyclestage: 7 } } }],
  ])('refuses %s', (_what, overrides) => {
    expect(HubspotMappingOverridesSchema.safeParse(overrides).success).toBe(false);
  });

  it('makes a logged call a call engagement and another first touch a note, each with its marker and text made inert', () => {
    const activity: Activity = {
      id: ID,
      leadId: LEAD,
      kind: 'call',
      outcome: 'voicemail',
      durationSeconds: 42,
      notes: '<img src=x onerror=alert(1)>',
      criteriaUpdates: [],
      occurredAt: AT,
      loggedBy: 'sam@seller.io',
      nextStep: { action: 'Call back Tuesday', dueAt: AT + DAY },
    };
    const asCall = hubspotEngagement(mapping, activity, true);
    expect(asCall).toMatchObject({
      object: 'calls',
      associationTypeId: 194,
      properties: {
        hs_timestamp: String(AT),
        hs_call_duration: '42000',
        hs_call_disposition: 'b2cf5968-551e-4856-9783-52b3da59a7d0',
        hs_call_status: 'COMPLETED',
        handoff_activity_id: ID,
      },
    });
    expect(asCall.properties.hs_call_body).not.toContain('<img');
    expect(asCall.properties.hs_call_body).toContain('Next step: Call back Tuesday');
    const asNote = hubspotEngagement(mapping, { ...activity, kind: 'email', outcome: 'sent', notes: '' }, true);
    expect(asNote).toMatchObject({ object: 'notes', associationTypeId: 202 });
    expect(asNote.properties.hs_note_body).toContain('First touch: Email (sent)');
  });
});
