import type { EngagementEvent, EngagementEventInput } from '../../lib/domain/event';
import { EngagementEventSchema } from '../../lib/domain/event';
import { newId } from '../../lib/domain/ids';
import type { Lead, LeadInput } from '../../lib/domain/lead';
import { LeadSchema } from '../../lib/domain/lead';

export const DAY = 86_400_000;
/** A fixed "now" so windows and decay are reproducible: Monday 2026-11-23 12:00 UTC. */
export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

type LeadOverrides = Omit<Partial<LeadInput>, 'person' | 'company'> & {
  person?: Partial<LeadInput['person']>;
  company?: LeadInput['company'];
};

/** A valid lead (parsed by the real schema) with sensible defaults and the given overrides. */
export function makeLead(overrides: LeadOverrides = {}): Lead {
  const { person, company, ...rest } = overrides;
  return LeadSchema.parse({
    id: newId(NOW),
    stage: 'lead',
    times: { createdAt: NOW - 30 * DAY },
    updatedAt: NOW - 30 * DAY,
    ...rest,
    person: { name: 'Jane Doe', emails: ['jane.doe@acme.io'], ...person },
    company: company ?? { name: 'Acme', domain: 'acme.io' },
  });
}

/** A valid engagement event for `lead`, `daysAgo` days before {@link NOW}. */
export function makeEvent(
  lead: Pick<Lead, 'id'>,
  type: EngagementEventInput['type'],
  daysAgo: number,
  extra: Partial<EngagementEventInput> = {},
): EngagementEvent {
  return EngagementEventSchema.parse({
    id: newId(NOW),
    leadId: lead.id,
    type,
    occurredAt: NOW - daysAgo * DAY,
    origin: 'imported',
    ...extra,
  });
}

export const visit = (lead: Pick<Lead, 'id'>, pageCategory: EngagementEventInput['pageCategory'], daysAgo: number) =>
  makeEvent(lead, 'page_visit', daysAgo, { pageCategory });

export const open = (lead: Pick<Lead, 'id'>, sequence: string | undefined, daysAgo: number) =>
  makeEvent(lead, 'email_opened', daysAgo, sequence === undefined ? {} : { details: { sequence } });
