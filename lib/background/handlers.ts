import type { Repositories } from '../db';
import { ValidationError } from '../domain/validation';
import { type ContentCommand, MAX_MARKETING_SCORES, PageSnapshotReplySchema } from '../messaging/protocol';
import type { Handlers, Sender } from '../messaging/router';
import { localSidebarData } from '../sidebar/data';
import type { SyncControl } from '../sync/control';
import { EngagementCapture } from './capture';
import { TouchCapture } from './touches';
import type { SidebarHub } from './sidebar-hub';
import { siteOfUrl } from '../sidebar/host';
import type { SiteKey } from '../sites/types';

export interface BackgroundDeps {
  version: string;
  repos: Repositories;
  hub: SidebarHub;
  /** Sends a command to the content script in a tab's top frame. */
  sendToTab(tabId: number, command: ContentCommand): Promise<unknown>;
  /**
   * Runs the page snapshot (entrypoints/snapshot.ts) in a tab's top frame; resolves to what it
   * returned, unchecked. Absent where the browser cannot inject scripts.
   */
  snapshotTab?(tabId: number): Promise<unknown>;
  /** Runs a site's page side in the sender's page (the top frame; that document where the browser names it). */
  runPageSide?(target: { tabId: number; documentId?: string }, site: SiteKey): Promise<void>;
  /** The background's sync service; without it the sync commands answer that sync is unavailable. */
  sync?: SyncControl;
  /** Whether this browser has a side panel; without one every site uses the frame. Default false. */
  panelSupported?: boolean;
}

/**
 * Whether a page's side can wait until something shows it: the site is in side panel mode (so
 * nothing is drawn into the page), no panel follows this tab, and no opt-in needs the page read
 * while nobody looks (captured views, touches that log themselves). Then a page in a tab the
 * panel is not showing costs the loader alone (issue 16: "nothing of ours" in panel mode).
 */
function pageSideCanWaitWith(deps: BackgroundDeps) {
  return async (site: SiteKey, tabId: number): Promise<boolean> => {
    if (!deps.panelSupported || deps.hub.isFollowed(tabId)) return false;
    const settings = await deps.repos.settings.get();
    return settings.sidebarMode[site] === 'panel' && !settings.captureEngagement && !settings.captureTouches;
  };
}

function tabOf(sender: Sender): number {
  const id = sender.tab?.id;
  if (id === undefined || id < 0) throw new Error('This message must come from a tab');
  return id;
}

/**
 * The background's handlers. Kept out of the entrypoint so they run in tests against
 * fake-indexeddb exactly as in the service worker. The tab a message concerns is always
 * the sender's own (`sender.tab.id`, set by the browser): a frame can only speak for its tab.
 */
/** A write the repository validates: its refusal travels back as the fields, not a bare message. */
async function saved<T>(write: () => Promise<T>) {
  try {
    return { ok: true as const, value: await write() };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false as const, issues: [...error.issues] };
    throw error;
  }
}

export function createHandlers(deps: BackgroundDeps): Handlers {
  const data = localSidebarData(deps.repos);
  const capture = new EngagementCapture(deps.repos);
  const touches = new TouchCapture(deps.repos);
  const pageSideCanWait = pageSideCanWaitWith(deps);
  return {
    async 'health.ping'() {
      try {
        return { version: deps.version, database: 'ok', leads: await deps.repos.leads.count() };
      } catch {
        return { version: deps.version, database: 'error', leads: 0 };
      }
    },
    async 'sample.load'() {
      const { loadSampleData } = await import('../db/sample');
      return loadSampleData(deps.repos, { now: Date.now() });
    },
    async 'adapter.context'(_request, sender) {
      const { rep, companyDomains, sidebarMode, captureTouches } = await deps.repos.settings.get();
      // The router let only a content script on one of our sites through: its URL names the site.
      const site = siteOfUrl(sender.url);
      const mode = deps.panelSupported && site ? sidebarMode[site] : 'frame';
      return { selfEmails: rep.email ? [rep.email] : [], companyDomains, sidebarMode: mode, captureTouches };
    },
    async 'page.load'(_request, sender) {
      // The router let only a content script on one of our sites through: its URL names the site.
      const site = siteOfUrl(sender.url);
      if (!site) throw new Error('Not a page Handoff reads.');
      if (!deps.runPageSide) throw new Error('Reading pages is not available in this browser.');
      const tabId = tabOf(sender);
      if (await pageSideCanWait(site, tabId)) {
        // Nothing shows this page yet: its last document's state goes, and the page side runs
        // when a side panel comes to this tab (SidebarHub `follow`, the background's `onUnread`).
        await deps.hub.left(tabId);
        return {};
      }
      await deps.runPageSide({ tabId, documentId: sender.documentId }, site);
      return {};
    },
    async 'page.state'(state, sender) {
      await deps.hub.update(tabOf(sender), state);
      // Opt-in captured engagement; never holds up the page or fails its message.
      capture.capture(state).catch((error: unknown) => console.warn('Handoff: could not capture a view', error));
      return {};
    },
    async 'touch.sent'(touch, sender) {
      // The router let only a content script on one of our sites through; the site is the one
      // the browser says the sender is on, never one the message names.
      const site = siteOfUrl(sender.url);
      if (!site) throw new Error('Not a page Handoff reads.');
      await touches.log(site, touch);
      return {};
    },
    async 'sidebar.setOpen'({ open }, sender) {
      await deps.sendToTab(tabOf(sender), { type: 'sidebar.setOpen', open });
      return {};
    },
    async 'sidebar.setMode'({ site, mode }) {
      // The open tabs of that site hear of it from the background's settings watch (one path
      // for this and the options page).
      const settings = await deps.repos.settings.get();
      await deps.repos.settings.save({ ...settings, sidebarMode: { ...settings.sidebarMode, [site]: mode } });
      return {};
    },
    async 'page.snapshot'(_request, sender) {
      const tabId = tabOf(sender);
      if (!deps.snapshotTab) throw new Error('Saving a page is not available in this browser.');
      const answer = await deps.snapshotTab(tabId).catch(() => undefined);
      // The answer comes from a page's process: checked like anything else from there.
      const reply = PageSnapshotReplySchema.safeParse(answer);
      if (!reply.success) throw new Error('The page did not answer: reload it and try again.');
      if (!reply.data.ok) throw new Error(`The page could not be saved: ${reply.data.error}`);
      return { html: reply.data.html, url: reply.data.url };
    },
    'leads.forIdentity': (identity) => data.leadsFor(identity),
    'leads.get': async ({ id }) => ({ lead: await data.lead(id) }),
    'leads.search': ({ query }) => data.search(query),
    'leads.atDomain': ({ domain }) => data.leadsAtDomain(domain),
    // Shape-checked by the repository's LeadSchema, like any other write.
    'leads.create': ({ lead }) => saved(() => data.createLead(lead as Parameters<typeof data.createLead>[0])),
    'events.forLead': ({ leadId }) => data.eventsFor(leadId),
    'events.history': ({ leadId, limit, before }) =>
      data.history(leadId, before === undefined ? { limit } : { limit, before }),
    // Newest first, so a lead scored in more systems than the answer holds keeps the latest.
    'marketingScores.forLead': async ({ leadId }) =>
      (await data.marketingScores(leadId)).slice(0, MAX_MARKETING_SCORES),
    'settings.get': () => data.settings(),
    'qualification.get': async ({ leadId }) => ({ qualification: await data.qualification(leadId) }),
    'qualification.save': ({ qualification }) =>
      saved(() => data.saveQualification(qualification as Parameters<typeof data.saveQualification>[0])),
    'dispositions.history': ({ leadId }) => data.dispositions(leadId),
    'decision.make': ({ leadId, request }) => data.decide(leadId, request),
    'decision.addAsSql': ({ lead, request }) =>
      saved(() => data.addAsSql(lead as Parameters<typeof data.addAsSql>[0], request)),
    'decision.undo': ({ dispositionId, before }) => data.undo(dispositionId, before),
    'decision.reopen': ({ leadId, dispositionId, note }) => data.reopen(leadId, dispositionId, note),
    'activities.log': ({ activity }) =>
      saved(() => data.logActivity(activity as Parameters<typeof data.logActivity>[0])),
    'activities.forLead': ({ leadId }) => data.activities(leadId),
    'sync.status': () => data.syncStatus(),
    'team.reps': () => data.teamReps(),
    'corrections.get': async ({ pageKey }) => ({ correction: await data.correction(pageKey) }),
    'corrections.save': ({ correction }) =>
      saved(() => data.saveCorrection(correction as Parameters<typeof data.saveCorrection>[0])),
    'corrections.forget': async ({ pageKey }) => {
      await data.forgetCorrection(pageKey);
      return {};
    },
    'sync.turnOn': (request) => syncOf(deps).turnOn(request),
    'sync.turnOff': async () => {
      await syncOf(deps).turnOff();
      return {};
    },
    'sync.now': () => syncOf(deps).syncNow(),
  };
}

function syncOf(deps: BackgroundDeps): SyncControl {
  if (!deps.sync) throw new Error('Sync is not available here');
  return deps.sync;
}
