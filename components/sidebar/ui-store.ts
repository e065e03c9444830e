import { browser } from 'wxt/browser';
import { create } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import type { LeadStage } from '../../lib/domain/enums';

/** The lead view's foldable sections, top to bottom. */
export const LEAD_SECTIONS = ['score', 'checklist', 'decision', 'call-log', 'profile', 'timeline'] as const;
export type LeadSection = (typeof LEAD_SECTIONS)[number];

type Folds = Record<LeadSection, boolean>;

const fold = (open: readonly LeadSection[]): Folds =>
  Object.fromEntries(LEAD_SECTIONS.map((s) => [s, open.includes(s)])) as Folds;

/**
 * Where a lead stands for the rep: its stage, with an MQL split by whether the first touch
 * was made (before it the rep's job is to reach out, after it to qualify).
 */
export type Situation = LeadStage | 'mql-touched';

export function situationOf(lead: { stage: LeadStage; times: { firstTouchAt?: number | undefined } }): Situation {
  return lead.stage === 'mql' && lead.times.firstTouchAt !== undefined ? 'mql-touched' : lead.stage;
}

/**
 * What a rep needs open in each situation, under the header, the "now" line (SLA, intent,
 * the score as one figure) and the action bar, which are always there. A waiting MQL: the
 * first touch and the decision; once touched: the checklist and the decision; a lead not
 * yet an MQL: the checklist and the decision (the direct-to-SQL path); an SQL: the decision
 * (its handoff and history) and the touches after it; later stages and rejections: what
 * happened (decision, timeline). The score's explanation is one click on its figure. The
 * profile (source, campaign, marketing's score, CRM records) is open before the first touch
 * and for a lead not yet an MQL, where it is what the rep opens the conversation with.
 */
const DEFAULTS: Record<Situation, Folds> = {
  lead: fold(['checklist', 'decision', 'profile']),
  mql: fold(['call-log', 'decision', 'profile']),
  'mql-touched': fold(['checklist', 'decision']),
  sql: fold(['decision', 'call-log']),
  // An open deal: its close (won, lost) is recorded in the decision, beside its history.
  opportunity: fold(['decision', 'call-log', 'timeline']),
  customer: fold(['call-log', 'timeline']),
  recycled: fold(['checklist', 'decision', 'timeline']),
  disqualified: fold(['decision', 'timeline']),
};

export const defaultOpen = (situation: Situation, section: LeadSection): boolean => DEFAULTS[situation][section];

export interface UiState {
  /** The rep's own choices, per situation and section (`mql.score`); a missing one means the default. */
  folds: Record<string, boolean>;
  setOpen: (situation: Situation, section: LeadSection, open: boolean) => void;
}

/** The store's key in `browser.storage.local`: the extension's storage is the rep's own browser profile. */
export const UI_STORAGE_KEY = 'handoff.ui';

/**
 * `browser.storage.local`, not `localStorage`: the sidebar is framed in LinkedIn, Gmail and
 * Outlook, where the extension origin is third-party and its `localStorage` may be partitioned
 * or blocked. A plain map where there is no extension API (unit tests without WXT's fake).
 */
export function extensionStorage(): StateStorage {
  const local = browser?.storage?.local;
  if (!local) {
    const memory = new Map<string, string>();
    return {
      getItem: (name) => memory.get(name) ?? null,
      setItem: (name, value) => void memory.set(name, value),
      removeItem: (name) => void memory.delete(name),
    };
  }
  return {
    getItem: async (name) => {
      const got = await local.get(name).catch(() => ({}) as Record<string, unknown>);
      const value = got[name];
      return typeof value === 'string' ? value : null;
    },
    setItem: (name, value) => local.set({ [name]: value }),
    removeItem: (name) => local.remove(name),
  };
}

/** A UI store over `storage`; the sidebar uses the one below, tests make fresh ones to see what persists. */
export function createUiStore(storage: StateStorage = extensionStorage()) {
  let hydrated = false;
  return create<UiState>()(
    persist(
      (set) => ({
        folds: {},
        setOpen: (situation, section, open) =>
          set((s) => ({ folds: { ...s.folds, [`${situation}.${section}`]: open } })),
      }),
      {
        name: UI_STORAGE_KEY,
        version: 1,
        storage: createJSONStorage(() => storage),
        partialize: (s) => ({ folds: s.folds }),
        // The stored choices arrive a moment after the sidebar opens (storage.local is async): a
        // fold the rep toggled in that moment keeps their click over the stored value. Later
        // reads (another sidebar changed a fold) are the rep's latest word and replace ours.
        merge: (persisted, current) => {
          const stored = (persisted as Partial<UiState> | undefined)?.folds ?? {};
          return { ...current, folds: hydrated ? { ...current.folds, ...stored } : { ...stored, ...current.folds } };
        },
        onRehydrateStorage: () => () => {
          hydrated = true;
        },
      },
    ),
  );
}

export type UiStore = ReturnType<typeof createUiStore>;

/** The sidebar's view state: UI only (CONVENTIONS rule 8), stored data stays in Dexie. */
export const useUiStore = createUiStore();

// Another sidebar (another tab) changed a fold: follow it, so every sidebar shows the rep's latest choice.
browser?.storage?.onChanged?.addListener((changes, area) => {
  if (area === 'local' && UI_STORAGE_KEY in changes) void useUiStore.persist.rehydrate();
});

/** Whether a section is open: the rep's choice in this situation, else its default. */
export function useSectionOpen(situation: Situation, section: LeadSection, store: UiStore = useUiStore): boolean {
  return store((s) => s.folds[`${situation}.${section}`] ?? defaultOpen(situation, section));
}
