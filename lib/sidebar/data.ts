import { Dexie } from 'dexie';
import type { HistoryOptions, IdentityKeys, NewLead, Repositories } from '../db';
import { findLeadsForIdentity, searchLeads } from '../db';
import type { EngagementEvent } from '../domain/event';
import type { Lead } from '../domain/lead';
import type { Settings } from '../domain/settings';

/**
 * Everything the sidebar reads and writes, as one port. Two implementations:
 * - {@link localSidebarData}: straight to the repositories. The background answers the
 *   sidebar's messages with it; tests render the sidebar on it over fake-indexeddb.
 * - `remoteSidebarData` (./remote.ts): the sidebar frame's, over typed messages to the background.
 *
 * Why the frame does not open IndexedDB itself: it is framed by linkedin.com or
 * mail.google.com, so the browser treats it as a third party, and with third-party cookies
 * blocked (Chromium's default here, Brave's, many companies' policies) its IndexedDB is
 * refused ("The user denied permission to access the database"). The background is always
 * first party.
 */
export interface SidebarData {
  /** Every lead the person could be: by each email, then by the LinkedIn profile. */
  leadsFor(identity: IdentityKeys): Promise<Lead[]>;
  lead(id: string): Promise<Lead | null>;
  /** An email, a LinkedIn URL, or (part of) a name. */
  search(query: string): Promise<Lead[]>;
  /** Throws `ValidationError` naming the fields when the lead does not parse. */
  createLead(input: NewLead): Promise<Lead>;
  /** All of a lead's events (scoring needs them all). */
  eventsFor(leadId: string): Promise<EngagementEvent[]>;
  /** A page of a lead's events, newest first. */
  history(leadId: string, options: HistoryOptions): Promise<EngagementEvent[]>;
  settings(): Promise<Settings>;
  /**
   * Calls `listener` after stored data changed, here or elsewhere (another tab, an import,
   * a sync). Returns the unsubscribe function.
   */
  onChange(listener: () => void): () => void;
}

/** Dexie's own change signal: every committed write in this context or another of our origin. */
export function onDexieChange(listener: () => void): () => void {
  const subscriber = () => listener();
  Dexie.on('storagemutated', subscriber);
  return () => Dexie.on.storagemutated.unsubscribe(subscriber);
}

export function localSidebarData(repos: Repositories): SidebarData {
  return {
    leadsFor: (identity) => findLeadsForIdentity(repos.leads, identity),
    lead: async (id) => (await repos.leads.get(id)) ?? null,
    search: (query) => searchLeads(repos.leads, query),
    createLead: (input) => repos.leads.create(input),
    eventsFor: (leadId) => repos.events.forLead(leadId),
    history: (leadId, options) => repos.events.history(leadId, options),
    settings: () => repos.settings.get(),
    onChange: onDexieChange,
  };
}
