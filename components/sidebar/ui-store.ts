import { browser } from 'wxt/browser';
import { create } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import type { LeadStage } from '../../lib/domain/enums';

/** The lead view's foldable sections, top to bottom. */
export const LEAD_SECTIONS = ['score', 'checklist', 'decision', 'call-log', 'timeline'] as const;
export type LeadSection = (typeof LEAD_SECTIONS)[number];

type Folds = Record<LeadSection, boolean>;

const fold = (open: readonly LeadSection[]): Folds =>
  Object.fromEntries(LEAD_SECTIONS.map((s) => [s, open.includes(s)])) as Folds;

/**
 * What a rep needs first at each stage: before the handoff, the score, the checklist and the
 * decision (and the call log, to work the lead); after it, the checklist and the touches; once
 * recycled or disqualified, why (the decision history) and what happened since, plus, for a
 * recycled lead that comes back, what the checklist still lacks. The engagement timeline is
 * long, so it opens only where it is the story (after the sale, after a rejection).
 */
const DEFAULTS: Record<LeadStage, Folds> = {
  lead: fold(['score', 'checklist', 'decision', 'call-log']),
  mql: fold(['score', 'checklist', 'decision', 'call-log']),
  sql: fold(['checklist', 'decision', 'call-log']),
  opportunity: fold(['checklist', 'call-log']),
  customer: fold(['call-log', 'timeline']),
  recycled: fold(['checklist', 'decision', 'call-log', 'timeline']),
  disqualified: fold(['decision', 'timeline']),
};

export const defaultOpen = (stage: LeadStage, section: LeadSection): boolean => DEFAULTS[stage][section];

export interface UiState {
  /** The rep's own choices, per stage and section (`mql.score`); a missing one means the stage's default. */
  folds: Record<string, boolean>;
  setOpen: (stage: LeadStage, section: LeadSection, open: boolean) => void;
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
  return create<UiState>()(
    persist(
      (set) => ({
        folds: {},
        setOpen: (stage, section, open) => set((s) => ({ folds: { ...s.folds, [`${stage}.${section}`]: open } })),
      }),
      {
        name: UI_STORAGE_KEY,
        version: 1,
        storage: createJSONStorage(() => storage),
        partialize: (s) => ({ folds: s.folds }),
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

/** Whether a section is open: the rep's choice for this stage, else the stage's default. */
export function useSectionOpen(stage: LeadStage, section: LeadSection, store: UiStore = useUiStore): boolean {
  return store((s) => s.folds[`${stage}.${section}`] ?? defaultOpen(stage, section));
}
