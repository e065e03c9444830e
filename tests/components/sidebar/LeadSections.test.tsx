import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createUiStore, UI_STORAGE_KEY, useUiStore } from '../../../components/sidebar/ui-store';
import type { Lead } from '../../../lib/domain/lead';
import { setupRepositories } from '../../support/db';
import { DAY, makeLead, NOW } from '../../support/factories';
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
  for (const name of ['Score', 'Qualification', 'Decision', 'Call log', 'Engagement']) {
    const button = screen.getByRole('button', { name });
    open[name] = button.getAttribute('aria-expanded') === 'true';
    // Folded or not, the section has one heading: the bar while folded, the card's own once open.
    if (!open[name]) expect(screen.getByRole('heading', { name })).toBeTruthy();
  }
  return open;
}

describe('the lead view folds', () => {
  it('opens the sections an MQL needs: score, checklist, decision, call log; not the engagement', async () => {
    renderSidebar({ repos: ctx, state: await showLead(JANE, 'mql', { mqlAt: NOW - DAY }) });
    expect(await folds()).toEqual({
      Score: true,
      Qualification: true,
      Decision: true,
      'Call log': true,
      Engagement: false,
    });
    // A folded section is out of the way, also for assistive technology.
    const timeline = document.getElementById(
      screen.getByRole('button', { name: 'Engagement' }).getAttribute('aria-controls') ?? '',
    );
    expect(timeline?.hidden).toBe(true);
  });

  it('opens the checklist and call log for an SQL, with the score folded', async () => {
    renderSidebar({ repos: ctx, state: await showLead(JANE, 'sql', { sqlAt: NOW - DAY }) });
    expect(await folds()).toMatchObject({ Score: false, Qualification: true, 'Call log': true, Engagement: false });
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
    await userEvent.click(screen.getByRole('button', { name: 'Score' }));
    expect(await folds()).toMatchObject({ Score: false, Engagement: true });

    rerenderSidebar({ repos: ctx, state: bob });
    await screen.findByRole('heading', { level: 2, name: 'Bob Stone' });
    expect(await folds()).toMatchObject({ Score: false, Qualification: true, Engagement: true });

    // Persisted in the extension's storage, which a fresh store (a new sidebar, a new session) reads back.
    await waitFor(async () => expect((await browser.storage.local.get(UI_STORAGE_KEY))[UI_STORAGE_KEY]).toBeTruthy());
    const fresh = createUiStore();
    await fresh.persist.rehydrate();
    expect(fresh.getState().folds).toEqual({ 'mql.timeline': true, 'mql.score': false });
  });

  it('folds and unfolds from the keyboard', async () => {
    renderSidebar({ repos: ctx, state: await showLead(JANE, 'mql', { mqlAt: NOW - DAY }) });
    const score = await screen.findByRole('button', { name: 'Score' });
    score.focus();
    await userEvent.keyboard('{Enter}');
    expect(score.getAttribute('aria-expanded')).toBe('false');
    await userEvent.keyboard(' ');
    expect(score.getAttribute('aria-expanded')).toBe('true');
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
