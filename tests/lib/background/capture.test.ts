import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngagementCapture } from '../../../lib/background/capture';
import type { ParsedPageState } from '../../../lib/sites/identity';
import { setupRepositories } from '../../support/db';
import { DAY, makeLead, NOW } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const profile = (linkedinUrl: string): ParsedPageState => ({
  url: linkedinUrl,
  extraction: {
    kind: 'person',
    identity: { site: 'linkedin', page: 'linkedin_profile', name: 'Dana', emails: [], linkedinUrl },
  },
});
const thread = (email: string): ParsedPageState => ({
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTtLdMvwnRkXkHqBsDcZvGpNj',
  extraction: { kind: 'person', identity: { site: 'gmail', page: 'mail_thread', emails: [email] } },
});

async function optIn(on: boolean) {
  const settings = await ctx.settings.get();
  await ctx.settings.save({ ...settings, captureEngagement: on });
}

describe('EngagementCapture', () => {
  it('logs nothing while the setting is off (the default)', async () => {
    await ctx.leads.create(makeLead({ person: { name: 'Dana', linkedinUrl: 'linkedin.com/in/dana-w' } }));
    const capture = new EngagementCapture(ctx, () => NOW);
    expect(await capture.capture(profile('https://www.linkedin.com/in/dana-w/'))).toEqual([]);
  });

  it('logs a view of a known lead at most once per lead per day, however often the page reports', async () => {
    await optIn(true);
    const lead = await ctx.leads.create(
      makeLead({ person: { name: 'Dana', emails: ['dana@northwind.io'], linkedinUrl: 'linkedin.com/in/dana-w' } }),
    );
    let clock = NOW;
    const capture = new EngagementCapture(ctx, () => clock);
    const results = await Promise.all([
      capture.capture(profile('https://www.linkedin.com/in/dana-w/')),
      capture.capture(profile('https://www.linkedin.com/in/dana-w/')),
      capture.capture(thread('dana@northwind.io')),
    ]);
    expect(results).toEqual([[lead.id], [], [lead.id]]);
    const events = await ctx.events.forLead(lead.id);
    expect(events.map((e) => [e.type, e.origin, e.details])).toEqual([
      ['linkedin_viewed', 'captured', { site: 'linkedin', page: 'linkedin_profile' }],
      ['email_thread_viewed', 'captured', { site: 'gmail', page: 'mail_thread' }],
    ]);

    clock = NOW + DAY;
    expect(await capture.capture(profile('https://www.linkedin.com/in/dana-w/'))).toEqual([lead.id]);
  });

  it('ignores unknown people and pages with nobody', async () => {
    await optIn(true);
    const capture = new EngagementCapture(ctx, () => NOW);
    expect(await capture.capture(profile('https://www.linkedin.com/in/nobody-we-know/'))).toEqual([]);
    expect(await capture.capture({ url: 'https://www.linkedin.com/feed/', extraction: { kind: 'none' } })).toEqual([]);
    expect(await ctx.db.events.count()).toBe(0);
  });
});
