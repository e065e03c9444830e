import { describe, expect, it } from 'vitest';
import {
  type MarketingScore,
  MarketingScoreSchema,
  marketingSystemName,
  replacesScore,
} from '../../../lib/domain/marketing-score';
import { MarketingScoreSchema as WireSchema } from '../../../lib/replication/contract';
import { NOW } from '../../support/factories';

const score = (scoredAt: number, value = 70): MarketingScore => ({
  leadId: '01KAQZ4X5T0000000000000000',
  system: 'hubspot',
  value,
  scoredAt,
});

describe('marketing scores', () => {
  it('are one schema on the wire and in the browser', () => {
    expect(WireSchema).toBe(MarketingScoreSchema);
  });

  it('take the system name lower-cased, and refuse one that is not a name', () => {
    expect(MarketingScoreSchema.parse({ ...score(NOW), system: ' HubSpot ' }).system).toBe('hubspot');
    expect(MarketingScoreSchema.safeParse({ ...score(NOW), system: 'hub spot' }).success).toBe(false);
  });

  it.each([
    { what: 'replace nothing stored', stored: undefined, replaces: true },
    { what: 'replace an older one', stored: score(NOW - 1), replaces: true },
    { what: 'keep one of the same time (a resend)', stored: score(NOW, 10), replaces: false },
    { what: 'keep a newer one (a reordered post)', stored: score(NOW + 1), replaces: false },
  ])('$what', ({ stored, replaces }) => {
    expect(replacesScore(score(NOW), stored)).toBe(replaces);
  });

  it.each([
    ['hubspot', 'HubSpot'],
    ['marketo', 'Marketo'],
    ['6sense', '6sense'],
    ['in-house_v2', 'in-house_v2'],
  ])('name the system %j as %j', (system, name) => {
    expect(marketingSystemName(system)).toBe(name);
  });
});
