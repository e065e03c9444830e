import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftKeeper, type DraftPort } from '../../../lib/background/drafts';
import type { QualificationDraft } from '../../../lib/db';
import type { Lead } from '../../../lib/domain/lead';
import { connectSidebar } from '../../../lib/messaging/sidebar-client';
import { createUnsavedDrafts } from '../../../lib/sidebar/remote';
import { setupRepositories } from '../../support/db';
import { makeLead } from '../../support/factories';

/** Both ends of one runtime port, as the browser gives them: posts cross as structured clones. */
function portPair() {
  const background = { message: [] as ((m: unknown) => void)[], disconnect: [] as (() => void)[] };
  const frame = { message: [] as ((m: unknown) => void)[], disconnect: [] as (() => void)[] };
  let open = true;
  const drop = (side: typeof background) => {
    if (!open) return;
    open = false;
    for (const listener of side.disconnect) listener();
  };
  const backgroundEnd: DraftPort = {
    onMessage: { addListener: (l) => background.message.push(l) },
    onDisconnect: { addListener: (l) => background.disconnect.push(l) },
  };
  const frameEnd = {
    postMessage(message: unknown) {
      if (!open) throw new Error('Attempting to use a disconnected port object');
      for (const listener of background.message) listener(structuredClone(message));
    },
    onMessage: { addListener: (l: (m: unknown) => void) => frame.message.push(l) },
    onDisconnect: { addListener: (l: () => void) => frame.disconnect.push(l) },
    /** The frame closes its end (the tab closed): only the other end hears of it. */
    disconnect: () => drop(background),
  };
  return { backgroundEnd, frameEnd, closeFromBackground: () => drop(frame) };
}

let ctx: ReturnType<typeof setupRepositories>;
let lead: Lead;
beforeEach(async () => {
  ctx = setupRepositories();
  lead = await ctx.leads.create(makeLead());
});
afterEach(() => ctx.db.close());

const draft = (evidence: string): QualificationDraft => ({
  leadId: lead.id,
  framework: 'bant',
  criteria: { budget: { status: 'partial', evidence } },
});

/** A sidebar frame connected to a keeper on real repositories. */
function connectFrame(keeper = new DraftKeeper((d) => ctx.qualifications.save(d))) {
  const unsaved = createUnsavedDrafts();
  const pair = portPair();
  const controller = new AbortController();
  connectSidebar({
    connect: () => {
      keeper.attach(pair.backgroundEnd);
      return pair.frameEnd;
    },
    onState: () => {},
    onError: () => {},
    onConnected: (post) => unsaved.connected(post),
    signal: controller.signal,
  });
  return { unsaved, closeTab: () => controller.abort(), pair };
}

const saved = async () => (await ctx.qualifications.get(lead.id))?.criteria.budget?.evidence;

describe('DraftKeeper: a checklist edit outlives the sidebar frame', () => {
  it('saves the edit still unsaved when the frame goes away', async () => {
    const { unsaved, closeTab } = connectFrame();
    unsaved.hold(lead.id, draft('Budget appro'));
    unsaved.hold(lead.id, draft('Budget approved for Q3'));
    closeTab();
    await vi.waitFor(async () => expect(await saved()).toBe('Budget approved for Q3'));
  });

  it('writes nothing when the frame saved it itself before closing', async () => {
    const save = vi.fn(async () => {});
    const { unsaved, closeTab } = connectFrame(new DraftKeeper(save));
    unsaved.hold(lead.id, draft('Budget approved'));
    unsaved.hold(lead.id, null);
    closeTab();
    await Promise.resolve();
    expect(save).not.toHaveBeenCalled();
  });

  it('keeps one edit per lead: the rep moved on to another lead mid-edit', async () => {
    const other = await ctx.leads.create(makeLead({ person: { emails: ['other@acme.io'] } }));
    const { unsaved, closeTab } = connectFrame();
    unsaved.hold(lead.id, draft('first lead'));
    unsaved.hold(other.id, { leadId: other.id, framework: 'bant', criteria: { need: { status: 'confirmed' } } });
    closeTab();
    await vi.waitFor(async () => expect(await saved()).toBe('first lead'));
    await vi.waitFor(async () =>
      expect((await ctx.qualifications.get(other.id))?.criteria.need?.status).toBe('confirmed'),
    );
  });

  it('re-posts unsaved edits after a reconnect: a stopped service worker forgot them', async () => {
    const posted: unknown[] = [];
    const unsaved = createUnsavedDrafts();
    unsaved.hold(lead.id, draft('typed while disconnected'));
    unsaved.connected((message) => posted.push(message));
    expect(posted).toEqual([
      { type: 'qualification.unsaved', leadId: lead.id, draft: draft('typed while disconnected') },
    ]);
    // Taking back an edit nobody holds posts nothing.
    unsaved.hold('01UNKNOWN', null);
    expect(posted).toHaveLength(1);
  });

  it('ignores a malformed message and warns; never saves under another lead than the message names', async () => {
    const warn = vi.fn();
    const save = vi.fn(async (_: QualificationDraft) => {});
    const keeper = new DraftKeeper(save, warn);
    const pair = portPair();
    keeper.attach(pair.backgroundEnd);
    pair.frameEnd.postMessage({ type: 'qualification.unsaved', leadId: 42, draft: {} });
    pair.frameEnd.postMessage({
      type: 'qualification.unsaved',
      leadId: lead.id,
      draft: { ...draft('x'), leadId: '01SOMEONEELSE' },
    });
    pair.frameEnd.disconnect();
    expect(warn).toHaveBeenCalledWith('Handoff: ignored a malformed sidebar message', expect.anything());
    expect(save.mock.calls.map(([d]) => d.leadId)).toEqual([lead.id]);
  });

  it("leaves the side panel's `panel.follow` on the same port to the hub, without a warning", async () => {
    const warn = vi.fn();
    const save = vi.fn(async (_: QualificationDraft) => {});
    const keeper = new DraftKeeper(save, warn);
    const pair = portPair();
    keeper.attach(pair.backgroundEnd);
    pair.frameEnd.postMessage({ type: 'panel.follow', tabId: 3 });
    pair.frameEnd.disconnect();
    expect(warn).not.toHaveBeenCalled();
    expect(save).not.toHaveBeenCalled();
  });

  it('warns, and does not throw, when the edit cannot be saved (the lead was deleted)', async () => {
    const warn = vi.fn();
    const keeper = new DraftKeeper((d) => ctx.qualifications.save(d), warn);
    const { unsaved, closeTab } = connectFrame(keeper);
    unsaved.hold(lead.id, draft('too late'));
    await ctx.db.leads.delete(lead.id);
    closeTab();
    await vi.waitFor(() =>
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not save/), expect.anything()),
    );
  });
});
