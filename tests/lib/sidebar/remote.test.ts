import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SidebarHub } from '../../../lib/background/sidebar-hub';
import { ValidationError } from '../../../lib/domain/validation';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Sender } from '../../../lib/messaging/router';
import { localSidebarData } from '../../../lib/sidebar/data';
import { createChangeFeed, createUnsavedDrafts, remoteSidebarData } from '../../../lib/sidebar/remote';
import { CONTENT_HOSTS } from '../../../lib/sites/hosts';
import { setupRepositories } from '../../support/db';
import { DAY, makeEvent, makeLead, NOW } from '../../support/factories';

const options = {
  extensionId: 'handoff-id',
  extensionOrigin: 'chrome-extension://handoff-id/',
  contentHosts: CONTENT_HOSTS,
};
/** The sidebar frame: our page, framed in a LinkedIn tab. */
const sidebarFrame: Sender = {
  id: options.extensionId,
  url: `${options.extensionOrigin}sidebar.html`,
  tab: { id: 3, url: 'https://www.linkedin.com/in/dana-whitfield/' },
  frameId: 5,
};
/** Our content script on the same tab: it must not read lead data. */
// Our content script in the same tab's top frame: its own URL is the page's.
const contentScript: Sender = {
  id: options.extensionId,
  url: sidebarFrame.tab?.url,
  tab: sidebarFrame.tab,
  frameId: 0,
};

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  ctx = setupRepositories();
});
afterEach(() => ctx.db.close());

/** The frame's data port, talking to the background's router over a structured-clone "wire". */
function remote(sender: Sender = sidebarFrame) {
  const route = createRouter(
    createHandlers({
      version: '1.0.0',
      repos: ctx,
      hub: new SidebarHub({ get: async () => ({}), set: async () => {}, remove: async () => {} }),
      sendToTab: async () => {},
    }),
    options,
  );
  const changes = createChangeFeed();
  // (createHandlers uses Date.now for decisions; these tests compare shapes, not times.)
  const send = vi.fn(async (message: unknown) => structuredClone(await route(structuredClone(message), sender)));
  return { data: remoteSidebarData(send, changes, createUnsavedDrafts()), changes, send };
}

describe('remoteSidebarData through the background router', () => {
  it('answers exactly what the repositories answer', async () => {
    const dana = await ctx.leads.create(
      makeLead({
        person: { name: 'Dana Whitfield', emails: ['dana@northwind.io'], linkedinUrl: 'linkedin.com/in/dana-w' },
      }),
    );
    await ctx.events.bulkAdd([1, 2, 3].map((d) => makeEvent(dana, 'page_visit', d, { pageCategory: 'pricing' })));
    const local = localSidebarData(ctx);
    const { data } = remote();

    const identity = { emails: ['DANA@northwind.io'], linkedinUrl: 'https://www.linkedin.com/in/dana-w/' };
    expect(await data.leadsFor(identity)).toEqual(await local.leadsFor(identity));
    expect((await data.leadsFor(identity)).map((l) => l.id)).toEqual([dana.id]);
    expect(await data.lead(dana.id)).toEqual(dana);
    expect(await data.lead('01NOPE')).toBeNull();
    expect(await data.search('dana')).toEqual([dana]);
    expect(await data.eventsFor(dana.id)).toEqual(await local.eventsFor(dana.id));
    expect(await data.history(dana.id, { limit: 2 })).toEqual(await local.history(dana.id, { limit: 2 }));
    const oldest = NOW - 3 * DAY;
    expect((await data.history(dana.id, { limit: 5, before: NOW - 2 * DAY })).map((e) => e.occurredAt)).toEqual([
      oldest,
    ]);
    expect(await data.settings()).toEqual(await ctx.settings.get());
    expect(await data.syncStatus()).toEqual({ enabled: false, unsynced: 0, conflicts: 0 });
    await ctx.marketingScores.keep([{ leadId: dana.id, system: 'hubspot', value: 82, scoredAt: NOW, model: 'v2' }]);
    expect(await data.marketingScores(dana.id)).toEqual(await local.marketingScores(dana.id));
    expect((await data.marketingScores(dana.id)).map((s) => s.value)).toEqual([82]);
    expect(await data.syncStatus()).toEqual(await local.syncStatus());
  });

  it('lists the leads at a company domain, as the repository does, and never to a content script', async () => {
    const dana = await ctx.leads.create(
      makeLead({ person: { name: 'Dana Whitfield', emails: ['dana@northwind.io'] }, stage: 'sql' }),
    );
    const tom = await ctx.leads.create(
      makeLead({
        person: { name: 'Tom Becker', emails: ['tom@eu.northwind.io'] },
        company: { domain: 'northwind.io' },
      }),
    );
    await ctx.leads.create(makeLead({ person: { name: 'Priya Raman', emails: ['priya@tidewater.io'] } }));
    const { data } = remote();
    const ids = (leads: readonly { id: string }[]) => leads.map((l) => l.id).sort();
    expect(ids(await data.leadsAtDomain('Northwind.io'))).toEqual(ids([dana, tom]));
    expect(await data.leadsAtDomain('northwind.io')).toEqual(await localSidebarData(ctx).leadsAtDomain('northwind.io'));
    expect(await data.leadsAtDomain('gmail.com')).toEqual([]);
    await expect(remote(contentScript).data.leadsAtDomain('northwind.io')).rejects.toThrow('Sender not allowed');
  });

  it('creates a lead, and a refused one comes back as a ValidationError naming the fields', async () => {
    const { data } = remote();
    const created = await data.createLead({
      person: { name: 'Priya Raman', emails: ['priya@tidewater.io'] },
      source: 'LinkedIn',
      stage: 'lead',
    });
    expect(await ctx.leads.get(created.id)).toEqual(created);

    const refused = await data
      .createLead({ person: { name: '', emails: ['not-an-email'] }, source: 'LinkedIn', stage: 'lead' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).what).toBe('lead');
    expect((refused as ValidationError).issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['person.name', 'person.emails.0']),
    );
    expect(await ctx.leads.count()).toBe(1);
  });

  it('refuses every data message from a content script: page processes never see lead data', async () => {
    await ctx.leads.create(makeLead({ person: { name: 'Dana', emails: ['dana@northwind.io'] } }));
    const { data } = remote(contentScript);
    await expect(data.search('dana')).rejects.toThrow('Sender not allowed for "leads.search"');
    await expect(data.leadsFor({ emails: ['dana@northwind.io'] })).rejects.toThrow('Sender not allowed');
    await expect(data.settings()).rejects.toThrow('Sender not allowed');
  });

  it("gives a content script the rep's own email and company domains, and nothing more", async () => {
    await ctx.settings.save({
      ...(await ctx.settings.get()),
      rep: { name: 'Sam', email: 'sam@seller.io' },
      companyDomains: ['seller.io', 'seller.de'],
    });
    const { send } = remote(contentScript);
    expect(await send({ type: 'adapter.context', payload: {} })).toEqual({
      ok: true,
      // And where its site's sidebar shows: the frame, in a background that has no side panel.
      // And whether to follow the rep's sends: the opt-in, off by default.
      value: {
        selfEmails: ['sam@seller.io'],
        companyDomains: ['seller.io', 'seller.de'],
        sidebarMode: 'frame',
        captureTouches: false,
      },
    });
    // The sidebar frame has no business asking for it.
    expect(await remote().send({ type: 'adapter.context', payload: {} })).toMatchObject({ ok: false });
  });

  it("keeps the rep's page corrections through the background; a refused one names its fields; pages cannot ask", async () => {
    const dana = await ctx.leads.create(makeLead({ person: { name: 'Dana', emails: ['dana@northwind.io'] } }));
    const { data } = remote();
    const pageKey = 'linkedin:in/dana-whitfield';
    expect(await data.correction(pageKey)).toBeNull();
    const saved = await data.saveCorrection({ pageKey, notLeadIds: [dana.id], person: { name: 'Dana Whitfield' } });
    expect(await data.correction(pageKey)).toEqual(saved);
    expect(await localSidebarData(ctx).correction(pageKey)).toEqual(saved);
    await expect(data.saveCorrection({ pageKey, notLeadIds: [], person: { email: 'nope' } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(remote(contentScript).data.correction(pageKey)).rejects.toThrow('Sender not allowed');
    await data.forgetCorrection(pageKey);
    expect(await data.correction(pageKey)).toBeNull();
  });

  it("lists the team's synced reps to our pages, without the rep themselves, and none to a content script", async () => {
    await ctx.sync.turnOn({
      serverUrl: 'https://sync.test',
      token: 't',
      team: { id: 'team', name: 'Team' },
      rep: 'Sam',
    });
    await ctx.sync.saveTeamReps('team', [{ name: 'Alex Kim', email: 'alex@seller.io' }, { name: 'sam' }]);
    const { data } = remote();
    expect(await data.teamReps()).toEqual([{ name: 'Alex Kim', email: 'alex@seller.io' }]);
    expect(await data.teamReps()).toEqual(await localSidebarData(ctx).teamReps());
    await expect(remote(contentScript).data.teamReps()).rejects.toThrow('Sender not allowed');
  });

  it('rejects malformed requests before they reach the database', async () => {
    const { send } = remote();
    const reply = await send({ type: 'events.history', payload: { leadId: 'x', limit: 1_000_000 } });
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('Invalid events.history request: limit') });
  });

  it('hands change notices from the port to subscribers until they unsubscribe', () => {
    const { data, changes } = remote();
    const listener = vi.fn();
    const stop = data.onChange(listener);
    changes.emit();
    stop();
    changes.emit();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('adds a person and takes them straight to SQL in one write, with the evidence given', async () => {
    const { data } = remote();
    const person = { person: { name: 'Priya Raman', emails: ['priya@tidewater.io'] }, source: 'LinkedIn' };

    // Below the bar without an override: refused, and nothing was added.
    await expect(
      data.addAsSql(person, { route: 'direct_outbound', criteria: { need: { status: 'confirmed', evidence: 'x' } } }),
    ).rejects.toThrow(/Below the SQL bar/);
    expect(await data.search('priya')).toEqual([]);

    // A refused lead names its fields, like "Add as lead".
    const refused = await data
      .addAsSql({ person: { name: 'Priya', emails: ['not an email'] } }, { route: 'direct_inbound', overrideNote: 'x' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues.map((i) => i.path)).toEqual(['person.emails.0']);

    const recorded = await data.addAsSql(person, {
      route: 'direct_outbound',
      criteria: { need: { status: 'confirmed', evidence: 'Replied: forecasts break every quarter' } },
      overrideNote: 'Replied to outbound asking for a demo this week',
      note: 'Booked for Thursday',
    });
    expect(recorded.before.stage).toBe('lead');
    expect(recorded.lead).toMatchObject({ stage: 'sql', person: { name: 'Priya Raman' } });
    expect(recorded.lead.times.sqlAt).toBeDefined();
    expect(recorded.disposition).toMatchObject({
      decision: 'accepted_sql',
      route: 'direct_outbound',
      override: { note: 'Replied to outbound asking for a demo this week' },
      note: 'Booked for Thursday',
    });
    const checklist = await data.qualification(recorded.lead.id);
    expect(checklist?.criteria.need).toMatchObject({
      status: 'confirmed',
      evidence: 'Replied: forecasts break every quarter',
    });
    expect(checklist?.criteria.budget).toMatchObject({ status: 'unknown' });
    expect(await data.dispositions(recorded.lead.id)).toEqual([
      { disposition: recorded.disposition, inForce: true, conflictsWith: [] },
    ]);

    // Undo withdraws the decision; the person stays a lead.
    const undone = await data.undo(recorded.disposition.id, recorded.before);
    expect(undone.lead.stage).toBe('lead');
    expect(undone.lead.times.sqlAt).toBeUndefined();
  });

  it('qualifies, decides, undoes and logs a call through the background, with the history kept', async () => {
    const mql = await ctx.leads.create(
      makeLead({ stage: 'mql', times: { createdAt: NOW - 10 * DAY, mqlAt: NOW - DAY } }),
    );
    const { data } = remote();
    expect(await data.qualification(mql.id)).toBeNull();

    // Below the bar: refused with what is missing.
    await expect(data.decide(mql.id, { kind: 'accept' })).rejects.toThrow(/Below the SQL bar \(Needs Budget confirmed/);

    const q = await data.saveQualification({
      leadId: mql.id,
      framework: 'bant',
      criteria: {
        budget: { status: 'confirmed', evidence: 'Approved for Q1' },
        need: { status: 'confirmed', evidence: 'Forecast misses' },
        timeline: { status: 'confirmed', evidence: 'Q1' },
      },
    });
    expect(await data.qualification(mql.id)).toEqual(q);
    await expect(
      data.saveQualification({ leadId: mql.id, framework: 'bant', criteria: { champion: { status: 'partial' } } }),
    ).rejects.toBeInstanceOf(ValidationError);

    // A call that confirms authority in passing: the bar is now met.
    const call = await data.logActivity({
      leadId: mql.id,
      kind: 'call',
      outcome: 'connected',
      durationSeconds: 900,
      notes: 'Discovery',
      criteriaUpdates: [{ criterion: 'authority', status: 'confirmed', evidence: 'Signs with the CFO' }],
      nextStep: { action: 'Send proposal', dueAt: NOW + 2 * DAY },
      occurredAt: NOW,
      loggedBy: 'maya.chen@brightwave.example',
    });
    expect(await data.activities(mql.id)).toEqual([call]);
    expect((await data.lead(mql.id))?.times.firstTouchAt).toBe(NOW);

    const accepted = await data.decide(mql.id, { kind: 'accept' });
    expect(accepted.lead.stage).toBe('sql');
    expect(accepted.before.stage).toBe('mql');
    expect(accepted.disposition).toMatchObject({ decision: 'accepted_sql', route: 'mql_handoff' });

    const undone = await data.undo(accepted.disposition.id, accepted.before);
    expect(undone.lead.stage).toBe('mql');
    expect(undone.lead.times.sqlAt).toBeUndefined();
    await expect(data.undo(accepted.disposition.id, accepted.before)).rejects.toThrow(
      'That decision was already undone.',
    );

    const rejected = await data.decide(mql.id, {
      kind: 'reject',
      reason: 'bad_timing',
      outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
      note: 'Re-org until spring',
    });
    expect(rejected.lead).toMatchObject({ stage: 'recycled', revisitAt: NOW + 90 * DAY });
    const history = await data.dispositions(mql.id);
    expect(history.map((e) => e.disposition.decision)).toEqual(['rejected', 'withdrawn', 'accepted_sql']);
    expect(history.map((e) => e.inForce)).toEqual([true, false, false]);
    expect((await ctx.dispositions.current(mql.id))?.id).toBe(rejected.disposition.id);
  });

  it('carries the handoff to an AE and reopens a decision through the background', async () => {
    const ALEX = { name: 'Alex Kim', email: 'alex.kim@seller.io' };
    const { data } = remote();
    const recorded = await data.addAsSql(
      { person: { name: 'Priya Raman', emails: ['priya@tidewater.io'] } },
      { route: 'direct_inbound', overrideNote: 'Demo request', handoff: { ae: ALEX, meetingAt: NOW + DAY } },
    );
    expect(recorded.lead.owner).toBe(ALEX.email);
    expect(recorded.disposition.handoff).toEqual({ ae: ALEX, meetingAt: NOW + DAY });

    // The reason is required by the message itself, before the background acts.
    await expect(data.reopen(recorded.lead.id, recorded.disposition.id, '')).rejects.toThrow();
    const reopened = await data.reopen(recorded.lead.id, recorded.disposition.id, 'Student project, not a buyer');
    expect(reopened.lead.stage).toBe('lead');
    expect(reopened.lead.owner).toBeUndefined();
    expect(reopened.disposition).toMatchObject({ decision: 'withdrawn', note: 'Student project, not a buyer' });
    expect((await data.dispositions(recorded.lead.id)).map((e) => e.disposition.decision)).toEqual([
      'withdrawn',
      'accepted_sql',
    ]);
  });
});
