import type { NewActivity, NewLead, QualificationDraft } from '../db';
import { ValidationError } from '../domain/validation';
import { request, type SendMessage } from '../messaging/client';
import type { SidebarData } from './data';

/** Where "stored data changed" arrives: the sidebar port (see `connectSidebar`). */
export interface ChangeFeed {
  subscribe(listener: () => void): () => void;
}

/** A ChangeFeed the port's owner pushes into. */
export function createChangeFeed(): ChangeFeed & { emit(): void } {
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit() {
      for (const listener of [...listeners]) listener();
    },
  };
}

type Saved<T> = { ok: true; value: T } | { ok: false; issues: { path: string; message: string }[] };

/** A validated write's reply: the record, or the same `ValidationError` the repository threw. */
function savedOrThrow<T>(what: string, reply: Saved<T>): T {
  if (!reply.ok) throw new ValidationError(what, reply.issues);
  return reply.value;
}

/**
 * The sidebar frame's data: every call is a typed message to the background, parsed going
 * out and coming back (lib/messaging/protocol.ts). A refused lead comes back as the same
 * `ValidationError` the repository throws, so the form can point at the fields.
 */
export function remoteSidebarData(send: SendMessage, changes: ChangeFeed): SidebarData {
  return {
    leadsFor: ({ emails, linkedinUrl }) =>
      request(send, 'leads.forIdentity', linkedinUrl ? { emails: [...emails], linkedinUrl } : { emails: [...emails] }),
    lead: async (id) => (await request(send, 'leads.get', { id })).lead,
    search: (query) => request(send, 'leads.search', { query }),
    createLead: async (input: NewLead) =>
      savedOrThrow('lead', await request(send, 'leads.create', { lead: { ...input } })),
    eventsFor: (leadId) => request(send, 'events.forLead', { leadId }),
    history: (leadId, { limit = 50, before }) =>
      request(send, 'events.history', before === undefined ? { leadId, limit } : { leadId, limit, before }),
    settings: () => request(send, 'settings.get', {}),
    qualification: async (leadId) => (await request(send, 'qualification.get', { leadId })).qualification,
    saveQualification: async (draft: QualificationDraft) =>
      savedOrThrow('qualification', await request(send, 'qualification.save', { qualification: { ...draft } })),
    dispositions: (leadId) => request(send, 'dispositions.history', { leadId }),
    decide: (leadId, decision) => request(send, 'decision.make', { leadId, request: decision }),
    addAsSql: async (input: NewLead, take) =>
      savedOrThrow('lead', await request(send, 'decision.addAsSql', { lead: { ...input }, request: take })),
    undo: (dispositionId, before) => request(send, 'decision.undo', { dispositionId, before }),
    logActivity: async (input: NewActivity) =>
      savedOrThrow('activity', await request(send, 'activities.log', { activity: { ...input } })),
    activities: (leadId) => request(send, 'activities.forLead', { leadId }),
    onChange: (listener) => changes.subscribe(listener),
  };
}
