import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { SidebarHub } from '../../../lib/background/sidebar-hub';
import { SAME_TOUCH_MS, type SentTouchRequest, TouchCapture } from '../../../lib/background/touches';
import { createRouter, type Sender } from '../../../lib/messaging/router';
import { CONTENT_HOSTS } from '../../../lib/sites/hosts';
import { makeActivity, setupRepositories } from '../../support/db';
import { DAY, makeLead, NOW } from '../../support/factories';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

const DANA = 'dana@northwind.io';
const THREAD = 'gmail:FMfcgzQZTtLdMvwnRkXkHqBsDcZvGpNj';
const email = (emails: string[], thread: string | undefined = THREAD): SentTouchRequest => ({
  kind: 'email',
  emails,
  ...(thread ? { thread } : {}),
});
const linkedin = (kind: 'linkedin_message' | 'linkedin_invite', linkedinUrl: string): SentTouchRequest => ({
  kind,
  emails: [],
  linkedinUrl,
  thread: 'linkedin:in/dana-w',
});

async function optIn(on: boolean) {
  const settings = await ctx.settings.get();
  await ctx.settings.save({ ...settings, captureTouches: on, rep: { name: 'Sam Rep', email: 'sam@seller.io' } });
}
const dana = () =>
  ctx.leads.create(
    makeLead({ person: { name: 'Dana', emails: [DANA], linkedinUrl: 'linkedin.com/in/dana-w' }, stage: 'mql' }),
  );

describe('TouchCapture', () => {
  it('logs nothing while the setting is off (the default)', async () => {
    await dana();
    expect(await new TouchCapture(ctx, () => NOW).log('gmail', email([DANA]))).toEqual([]);
    expect(await ctx.db.activities.count()).toBe(0);
  });

  it("logs a sent email as each known lead's touch, and the first one stops the SLA clock", async () => {
    await optIn(true);
    const lead = await dana();
    const known = await ctx.leads.create(makeLead({ person: { name: 'Olu', emails: ['olu@northwind.io'] } }));
    const capture = new TouchCapture(ctx, () => NOW);
    const logged = await capture.log('outlook', email(['DANA@Northwind.io', 'olu@northwind.io', 'stranger@else.io']));
    expect(logged.sort()).toEqual([lead.id, known.id].sort());

    const [touch] = await ctx.activities.forLead(lead.id);
    expect(touch).toMatchObject({
      kind: 'email',
      outcome: 'sent',
      occurredAt: NOW,
      loggedBy: 'sam@seller.io',
      notes: 'Email sent from Outlook; logged by Handoff from the page.',
      criteriaUpdates: [],
    });
    expect(touch?.nextStep).toBeUndefined();
    expect((await ctx.leads.get(lead.id))?.times.firstTouchAt).toBe(NOW);
    // Nobody who is not a lead is stored anywhere.
    expect(JSON.stringify(await ctx.db.activities.toArray())).not.toContain('stranger');
  });

  it('logs LinkedIn messages and connection requests by profile, whatever the URL shape', async () => {
    await optIn(true);
    const lead = await dana();
    let clock = NOW;
    const capture = new TouchCapture(ctx, () => clock);
    expect(
      await capture.log('linkedin', linkedin('linkedin_invite', 'https://de.linkedin.com/in/Dana-W?trk=x')),
    ).toEqual([lead.id]);
    clock += 1000;
    expect(await capture.log('linkedin', linkedin('linkedin_message', 'https://www.linkedin.com/in/dana-w/'))).toEqual([
      lead.id,
    ]);
    expect((await ctx.activities.forLead(lead.id)).map((a) => [a.kind, a.outcome, a.notes])).toEqual([
      ['linkedin_message', 'sent', 'LinkedIn connection request sent; logged by Handoff from the page.'],
      ['linkedin_message', 'sent', 'LinkedIn message sent; logged by Handoff from the page.'],
    ]);
    // The first touch stays the first.
    expect((await ctx.leads.get(lead.id))?.times.firstTouchAt).toBe(NOW);
  });

  it('keeps a first touch logged earlier by hand', async () => {
    await optIn(true);
    const lead = await dana();
    await ctx.activities.log(makeActivity(lead, { occurredAt: NOW - DAY }));
    await new TouchCapture(ctx, () => NOW).log('gmail', email([DANA]));
    expect((await ctx.leads.get(lead.id))?.times.firstTouchAt).toBe(NOW - DAY);
    expect(await ctx.activities.forLead(lead.id)).toHaveLength(2);
  });

  it('refuses a kind its site cannot send: an email from LinkedIn, a LinkedIn message from Gmail', async () => {
    await optIn(true);
    await dana();
    const capture = new TouchCapture(ctx, () => NOW);
    await expect(capture.log('linkedin', email([DANA]))).rejects.toThrow('LinkedIn cannot send email');
    await expect(capture.log('gmail', linkedin('linkedin_message', 'linkedin.com/in/dana-w'))).rejects.toThrow(
      'Gmail cannot send linkedin_message',
    );
    expect(await ctx.db.activities.count()).toBe(0);
  });

  it('logs the same send once, however often and however fast it is reported', async () => {
    await optIn(true);
    const lead = await dana();
    let clock = NOW;
    const capture = new TouchCapture(ctx, () => clock);
    const first = await Promise.all([capture.log('gmail', email([DANA])), capture.log('gmail', email([DANA]))]);
    expect(first).toEqual([[lead.id], []]);
    clock += SAME_TOUCH_MS - 1;
    // A reload, a second tab on the thread, a new capture after the service worker restarted.
    expect(await new TouchCapture(ctx, () => clock).log('gmail', email([DANA]))).toEqual([]);
    // Another thread, another kind, the other mail site: other touches.
    expect(await capture.log('gmail', email([DANA], 'gmail:FMfcgzQZTwPqNhBmTkLcRsVdXyJgHfKb'))).toEqual([lead.id]);
    expect(await capture.log('outlook', email([DANA]))).toEqual([lead.id]);
    // Later on, the same thread again: a new touch.
    clock = NOW + SAME_TOUCH_MS;
    expect(await capture.log('gmail', email([DANA]))).toEqual([lead.id]);
    expect(await ctx.activities.forLead(lead.id)).toHaveLength(4);
  });
});

describe('touch.sent through the router', () => {
  const options = {
    extensionId: 'handoff-id',
    extensionOrigin: 'chrome-extension://handoff-id/',
    contentHosts: CONTENT_HOSTS,
  };
  const gmailTab = { id: 3, url: `https://mail.google.com/mail/u/0/#inbox/${THREAD.slice(6)}` };
  const gmailScript: Sender = { id: options.extensionId, url: gmailTab.url, tab: gmailTab, frameId: 0 };
  const linkedinUrl = 'https://www.linkedin.com/in/someone/';
  const linkedinScript: Sender = { ...gmailScript, url: linkedinUrl, tab: { id: 4, url: linkedinUrl } };
  const sidebarFrame: Sender = {
    id: options.extensionId,
    url: `${options.extensionOrigin}sidebar.html`,
    tab: gmailTab,
    frameId: 5,
  };
  const route = () =>
    createRouter(
      createHandlers({
        version: '1.0.0',
        repos: ctx,
        hub: new SidebarHub({ get: async () => ({}), set: async () => {}, remove: async () => {} }),
        sendToTab: async () => {},
      }),
      options,
    );
  const message = (payload: unknown) => ({ type: 'touch.sent', payload });

  it("logs a content script's send on its own site, and answers the same whoever it went to", async () => {
    await optIn(true);
    const lead = await dana();
    vi.setSystemTime(NOW);
    try {
      expect(await route()(message(email([DANA])), gmailScript)).toEqual({ ok: true, value: {} });
      expect(await route()(message(email(['nobody@else.io'])), gmailScript)).toEqual({ ok: true, value: {} });
    } finally {
      vi.useRealTimers();
    }
    expect(await ctx.activities.forLead(lead.id)).toHaveLength(1);
  });

  it('is refused to our own pages, to a kind the sender site cannot send, and to a malformed report', async () => {
    await optIn(true);
    await dana();
    expect(await route()(message(email([DANA])), sidebarFrame)).toMatchObject({ ok: false });
    expect(await route()(message(email([DANA])), linkedinScript)).toMatchObject({ ok: false });
    expect(await route()(message({ kind: 'fax', emails: [DANA] }), gmailScript)).toMatchObject({ ok: false });
    expect(await route()(message({ kind: 'email', emails: ['x'.repeat(400)] }), gmailScript)).toMatchObject({
      ok: false,
    });
    expect(await ctx.db.activities.count()).toBe(0);
  });

  it('tells the page side whether to follow sends: the opt-in and nothing else', async () => {
    const ask = { type: 'adapter.context', payload: {} };
    expect(await route()(ask, gmailScript)).toMatchObject({ ok: true, value: { captureTouches: false } });
    await optIn(true);
    expect(await route()(ask, gmailScript)).toMatchObject({ ok: true, value: { captureTouches: true } });
  });
});
