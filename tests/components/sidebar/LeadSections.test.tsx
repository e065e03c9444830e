import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createUiStore, UI_STORAGE_KEY, useUiStore } from '../../../components/sidebar/ui-store';
import type { Lead } from '../../../lib/domain/lead';
import { setupRepositories } from '../../support/db';
import { DAY, makeEvent, makeLead, NOW, visit } from '../../support/factories';
import { linkedinIdentity, renderSidebar } from './render';

let ctx: ReturnType<typeof setupRepositories>;
beforeEach(() => {
  fakeBrowser.reset();
  useUiStore.setState({ folds: {} });
  ctx = setupRepositories();
});
afterEach(() => {
  useUiStore.setState({ folds: {} });
  ctx.db.close();
});

const JANE = { name: 'Jane Doe', emails: ['jane@acme.io'] };
const BOB = { name: 'Bob Stone', emails: ['bob@acme.io'] };

async function showLead(person: typeof JANE, stage: Lead['stage'], times: Partial<Lead['times']> = {}) {
  await ctx.leads.create(makeLead({ stage, times: { createdAt: NOW - 10 * DAY, ...times }, person }));
  return identityOf(person);
}

const identityOf = (person: typeof JANE) =>
  ({
    kind: 'person',
    identity: linkedinIdentity({ name: person.name, emails: person.emails, linkedinUrl: undefined }),
  }) as const;

/** The fold toggles, by their heading: open or not. */
async function folds() {
  await screen.findByRole('button', { name: 'Score' });
  const open: Record<string, boolean> = {};
  for (const name of ['Score', 'Qualification', 'Decision', 'Call log', 'Profile', 'Engagement']) {
    const button = screen.getByRole('button', { name });
    open[name] = button.getAttribute('aria-expanded') === 'true';
    // Folded or not, the section has one heading: the bar while folded, the card's own once open.
    if (!open[name]) expect(screen.getByRole('heading', { name })).toBeTruthy();
  }
  return open;
}

describe('the lead view folds', () => {
  it('opens what a waiting MQL needs: the first touch, the decision and the profile to open with; the rest folded', async () => {
    renderSidebar({ repos: ctx, state: await showLead(JANE, 'mql', { mqlAt: NOW - DAY }) });
    expect(await folds()).toEqual({
      Score: false,
      Qualification: false,
      Decision: true,
      'Call log': true,
      Profile: true,
      Engagement: false,
    });
    // A folded section is out of the way, also for assistive technology.
    const timeline = document.getElementById(
      screen.getByRole('button', { name: 'Engagement' }).getAttribute('aria-controls') ?? '',
    );
    expect(timeline?.hidden).toBe(true);
  });

  it('opens the checklist instead of the call log once the MQL was touched', async () => {
    renderSidebar({ repos: ctx, state: await showLead(JANE, 'mql', { mqlAt: NOW - DAY, firstTouchAt: NOW - 1000 }) });
    expect(await folds()).toEqual({
      Score: false,
      Qualification: true,
      Decision: true,
      'Call log': false,
      Profile: false,
      Engagement: false,
    });
  });

  it('opens the decision (its handoff and history) and the call log for an SQL', async () => {
    renderSidebar({ repos: ctx, state: await showLead(JANE, 'sql', { sqlAt: NOW - DAY }) });
    expect(await folds()).toMatchObject({ Score: false, Qualification: false, Decision: true, 'Call log': true });
  });

  it('opens the decision history for a disqualified or recycled lead, with the checklist folded', async () => {
    renderSidebar({ repos: ctx, state: await showLead(JANE, 'disqualified', { disqualifiedAt: NOW - DAY }) });
    expect(await folds()).toMatchObject({ Decision: true, Qualification: false, Engagement: true });
  });

  it('keeps the checklist open for a recycled lead, which comes back to be qualified again', async () => {
    renderSidebar({ repos: ctx, state: await showLead(JANE, 'recycled', { recycledAt: NOW - DAY }) });
    expect(await folds()).toMatchObject({ Score: false, Qualification: true, Decision: true, Engagement: true });
  });

  it("remembers the rep's choice for the next lead at that stage, and in a new store (another sidebar)", async () => {
    const jane = await showLead(JANE, 'mql', { mqlAt: NOW - DAY });
    const bob = await showLead(BOB, 'mql', { mqlAt: NOW - DAY });
    const { rerenderSidebar } = renderSidebar({ repos: ctx, state: jane });
    await userEvent.click(await screen.findByRole('button', { name: 'Engagement' }));
    await userEvent.click(screen.getByRole('button', { name: 'Decision' }));
    expect(await folds()).toMatchObject({ Decision: false, Engagement: true });

    rerenderSidebar({ repos: ctx, state: bob });
    await screen.findByRole('heading', { level: 2, name: 'Bob Stone' });
    expect(await folds()).toMatchObject({ Decision: false, 'Call log': true, Engagement: true });

    // Persisted in the extension's storage, which a fresh store (a new sidebar, a new session) reads back.
    await waitFor(async () => expect((await browser.storage.local.get(UI_STORAGE_KEY))[UI_STORAGE_KEY]).toBeTruthy());
    const fresh = createUiStore();
    await fresh.persist.rehydrate();
    expect(fresh.getState().folds).toEqual({ 'mql.timeline': true, 'mql.decision': false });
  });

  it('folds and unfolds from the keyboard', async () => {
    renderSidebar({ repos: ctx, state: await showLead(JANE, 'mql', { mqlAt: NOW - DAY }) });
    const score = await screen.findByRole('button', { name: 'Score' });
    score.focus();
    await userEvent.keyboard('{Enter}');
    expect(score.getAttribute('aria-expanded')).toBe('true');
    await userEvent.keyboard(' ');
    expect(score.getAttribute('aria-expanded')).toBe('false');
    await userEvent.tab();
    expect(document.activeElement).not.toBe(score);
  });

  it('opens a folded section when its shortcut is pressed, so the next action stays one key away', async () => {
    renderSidebar({ repos: ctx, state: await showLead(JANE, 'disqualified', { disqualifiedAt: NOW - DAY }) });
    const checklist = await screen.findByRole('button', { name: 'Qualification' });
    expect(checklist.getAttribute('aria-expanded')).toBe('false');
    await userEvent.keyboard('{Alt>}c{/Alt}');
    expect(checklist.getAttribute('aria-expanded')).toBe('true');
    const section = document.getElementById(checklist.getAttribute('aria-controls') ?? '');
    expect(section?.contains(document.activeElement)).toBe(true);
  });
});

describe('the top of the lead view', () => {
  it('puts the next actions in one bar, the first touch first for a waiting MQL, with shortcuts in tooltips', async () => {
    renderSidebar({ repos: ctx, state: await showLead(JANE, 'mql', { mqlAt: NOW - DAY }) });
    const bar = await screen.findByRole('toolbar', { name: 'Next actions' });
    await within(bar).findByRole('button', { name: 'Accept as SQL' });
    const names = within(bar)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(names).toEqual(['Log first touch', 'Accept as SQL', 'Reject']);
    expect(within(bar).getByRole('button', { name: 'Accept as SQL' }).getAttribute('title')).toContain('Alt+A');
    expect(within(bar).getByRole('button', { name: 'Reject' }).getAttribute('aria-keyshortcuts')).toBe('Alt+R');
    // The decision's buttons exist once: in the bar, not again in the section.
    expect(screen.getAllByRole('button', { name: 'Accept as SQL' })).toHaveLength(1);
  });

  it('opens the decision section and its form from the bar, even when the rep folded it', async () => {
    useUiStore.setState({ folds: { 'mql.decision': false } });
    renderSidebar({ repos: ctx, state: await showLead(JANE, 'mql', { mqlAt: NOW - DAY }) });
    const bar = await screen.findByRole('toolbar', { name: 'Next actions' });
    await userEvent.click(await within(bar).findByRole('button', { name: 'Reject' }));
    expect(screen.getByRole('button', { name: 'Decision' }).getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(await screen.findByLabelText('Reason'));
  });

  it('logs a touch from the bar: the call log opens with focus in it', async () => {
    renderSidebar({ repos: ctx, state: await showLead(JANE, 'sql', { sqlAt: NOW - DAY }) });
    const bar = await screen.findByRole('toolbar', { name: 'Next actions' });
    useUiStore.setState({ folds: { 'sql.call-log': false } });
    await userEvent.click(within(bar).getByRole('button', { name: 'Log a touch' }));
    const log = screen.getByRole('button', { name: 'Call log' });
    expect(log.getAttribute('aria-expanded')).toBe('true');
    const section = document.getElementById(log.getAttribute('aria-controls') ?? '');
    expect(section?.contains(document.activeElement)).toBe(true);
  });

  it('shows the score as one figure against the threshold, which opens its explanation', async () => {
    renderSidebar({ repos: ctx, state: await showLead(JANE, 'mql', { mqlAt: NOW - DAY }) });
    const figure = await screen.findByRole('button', { name: /points · MQL at 60/ });
    expect(figure.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(figure);
    expect(figure.getAttribute('aria-expanded')).toBe('true');
    const card = (await screen.findByRole('heading', { level: 3, name: 'Score' })).closest('section');
    expect(card?.textContent).toContain('No rule of the model applies yet.');
  });

  it('names the strongest buying signal next to the actions', async () => {
    const lead = await ctx.leads.create(
      makeLead({
        stage: 'lead',
        times: { createdAt: NOW - 10 * DAY },
        person: { name: 'Ann Lee', emails: ['ann@acme.io'] },
      }),
    );
    await ctx.events.bulkAdd([
      visit(lead, 'pricing', 2),
      makeEvent(lead, 'demo_requested', 1),
      visit(lead, 'pricing', 1),
    ]);
    renderSidebar({ repos: ctx, state: identityOf({ name: 'Ann Lee', emails: ['ann@acme.io'] }) });
    expect((await screen.findByTestId('intent')).textContent).toBe('Requested a demo');
    const bar = screen.getByRole('toolbar', { name: 'Next actions' });
    expect(await within(bar).findByRole('button', { name: 'Direct to SQL' })).toBeTruthy();
  });
});

describe('the stored fold choices', () => {
  it('keep a fold toggled before they arrive, and follow a later change from another sidebar', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((done) => {
      release = done;
    });
    const memory = new Map([
      [UI_STORAGE_KEY, JSON.stringify({ state: { folds: { 'mql.score': true, 'mql.timeline': true } }, version: 1 })],
    ]);
    const storage = {
      // As storage.local answers: the value when asked, a moment later.
      getItem: (name: string) => {
        const value = memory.get(name) ?? null;
        return gate.then(() => value);
      },
      setItem: (name: string, value: string) => void memory.set(name, value),
      removeItem: (name: string) => void memory.delete(name),
    };
    const store = createUiStore(storage);
    const hydrated = new Promise<void>((done) => store.persist.onFinishHydration(() => done()));
    store.getState().setOpen('mql', 'score', false);
    release();
    await hydrated;
    expect(store.getState().folds).toEqual({ 'mql.score': false, 'mql.timeline': true });

    memory.set(UI_STORAGE_KEY, JSON.stringify({ state: { folds: { 'mql.score': true } }, version: 1 }));
    await store.persist.rehydrate();
    expect(store.getState().folds['mql.score']).toBe(true);
  });
});
