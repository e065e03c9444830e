import type { NewActivity, NewLead, QualificationDraft } from '../db';
import { ValidationError } from '../domain/validation';
import { request, type SendMessage } from '../messaging/client';
import type { SidebarUpMessage } from '../messaging/protocol';
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

/**
 * The frame's unsaved checklist edits, mirrored up the sidebar port (see
 * lib/background/drafts.ts): each one as it is typed, all of them again after a reconnect.
 */
export function createUnsavedDrafts() {
  const drafts = new Map<string, QualificationDraft>();
  let post: ((message: SidebarUpMessage) => void) | undefined;
  const send = (leadId: string, draft: QualificationDraft | null) =>
    post?.({ type: 'qualification.unsaved', leadId, draft: draft && { ...draft } });
  return {
    hold(leadId: string, draft: QualificationDraft | null): void {
      if (draft) drafts.set(leadId, draft);
      else if (!drafts.delete(leadId)) return;
      send(leadId, draft);
    },
    /** The port (re)connected: post through it from now on, starting with what is still unsaved. */
    connected(next: (message: SidebarUpMessage) => void): void {
      post = next;
      for (const [leadId, draft] of drafts) send(leadId, draft);
    },
  };
}
export type UnsavedDrafts = ReturnType<typeof createUnsavedDrafts>;

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
export function remoteSidebarData(send: SendMessage, changes: ChangeFeed, unsaved: UnsavedDrafts): SidebarData {
  return {
    leadsFor: ({ emails, linkedinUrl }) =>
      request(send, 'leads.forIdentity', linkedinUrl ? { emails: [...emails], linkedinUrl } : { emails: [...emails] }),
    lead: async (id) => (await request(send, 'leads.get', { id })).lead,
    search: (query) => request(send, 'leads.search', { query }),
    leadsAtDomain: (domain) => request(send, 'leads.atDomain', { domain }),
    createLead: async (input: NewLead) =>
      savedOrThrow('lead', await request(send, 'leads.create', { lead: { ...input } })),
    eventsFor: (leadId) => request(send, 'events.forLead', { leadId }),
    history: (leadId, { limit = 50, before }) =>
      request(send, 'events.history', before === undefined ? { leadId, limit } : { leadId, limit, before }),
    marketingScores: (leadId) => request(send, 'marketingScores.forLead', { leadId }),
    settings: () => request(send, 'settings.get', {}),
    qualification: async (leadId) => (await request(send, 'qualification.get', { leadId })).qualification,
    saveQualification: async (draft: QualificationDraft) =>
      savedOrThrow('qualification', await request(send, 'qualification.save', { qualification: { ...draft } })),
    holdUnsaved: (leadId, draft) => unsaved.hold(leadId, draft),
    dispositions: (leadId) => request(send, 'dispositions.history', { leadId }),
    decide: (leadId, decision) => request(send, 'decision.make', { leadId, request: decision }),
    addAsSql: async (input, take) =>
      savedOrThrow('lead', await request(send, 'decision.addAsSql', { lead: { ...input }, request: take })),
    undo: (dispositionId, before) => request(send, 'decision.undo', { dispositionId, before }),
    reopen: (leadId, dispositionId, note) => request(send, 'decision.reopen', { leadId, dispositionId, note }),
    logActivity: async (input: NewActivity) =>
      savedOrThrow('activity', await request(send, 'activities.log', { activity: { ...input } })),
    activities: (leadId) => request(send, 'activities.forLead', { leadId }),
    syncStatus: () => request(send, 'sync.status', {}),
    teamReps: () => request(send, 'team.reps', {}),
    correction: async (pageKey) => (await request(send, 'corrections.get', { pageKey })).correction,
    saveCorrection: async (input) =>
      savedOrThrow('correction', await request(send, 'corrections.save', { correction: { ...input } })),
    forgetCorrection: async (pageKey) => {
      await request(send, 'corrections.forget', { pageKey });
    },
    onChange: (listener) => changes.subscribe(listener),
  };
}
