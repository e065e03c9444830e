import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Dashboard, type DashboardProps } from '../../../components/dashboard/Dashboard';
import { localEngine } from '../../../components/dashboard/engine';
import { createDashboardFormat } from '../../../components/dashboard/format';
import type { Repositories } from '../../../lib/db';
import type { EngagementEvent } from '../../../lib/domain/event';
import type { MetricsInput } from '../../../lib/metrics';
import type { setupRepositories } from '../../support/db';
import { NOW } from '../../support/factories';

/** Formats as the page writes them in these tests (locale pinned, the sample's UTC calendar). */
export const fmt = createDashboardFormat('en-US', 'UTC');

/** The dashboard on the repositories, in the page's thread, at {@link NOW}. */
export function renderDashboard(repos: Repositories, props: Partial<DashboardProps> = {}) {
  return render(<Dashboard engine={localEngine(repos)} now={() => NOW} locale="en-US" {...props} />);
}

/** Renders the dashboard and waits until its figures are shown. */
export async function openDashboard(repos: Repositories, props: Partial<DashboardProps> = {}) {
  const rendered = renderDashboard(repos, props);
  await screen.findByText('Funnel', { selector: 'h2' }, { timeout: 10_000 });
  return rendered;
}

/** The element showing a figure, by its `data-figure` key. */
export function figure(key: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-figure="${key}"]`);
  if (!element) throw new Error(`No figure "${key}"`);
  return element;
}

/** What a figure reads. */
export const figureText = (key: string) => figure(key).textContent;

/** The lead panel, once open. */
export function panel(): HTMLElement {
  const element = document.querySelector<HTMLElement>('.dash-panel');
  if (!element) throw new Error('The lead panel is not open');
  return element;
}

/** The ids of the leads the panel lists, once its rows (`expected` of them) are shown. */
export async function panelLeadIds(expected: number): Promise<string[]> {
  await waitFor(() => {
    if (panel().querySelectorAll('tr[data-lead-id]').length !== expected) throw new Error('rows not listed yet');
  });
  return [...panel().querySelectorAll('tr[data-lead-id]')].map((row) => row.getAttribute('data-lead-id') ?? '');
}

/** Waits for the figures to be recomputed after a change (the status line goes quiet). */
export async function settled(): Promise<void> {
  await waitFor(() => {
    if (document.querySelector('.dash-sections.stale') || document.querySelector('main[aria-busy="true"]')) {
      throw new Error('still computing');
    }
  });
}

/** The same data the page reads, straight from the tables, as lib/metrics takes it. */
export async function metricsInputOf(repos: ReturnType<typeof setupRepositories>): Promise<MetricsInput> {
  const leads = await repos.snapshot.page('leads', undefined, 1_000_000);
  const dispositions = await repos.snapshot.page('dispositions', undefined, 1_000_000);
  const events = new Map<string, EngagementEvent[]>();
  for (const event of await repos.db.events.toArray()) {
    const list = events.get(event.leadId);
    if (list) list.push(event);
    else events.set(event.leadId, [event]);
  }
  const settings = await repos.settings.get();
  const eventsOf = (id: string) => events.get(id) ?? [];
  return { leads, dispositions, eventsOf, requestsOf: eventsOf, settings, now: NOW };
}

/** jsdom draws no layout, but a chart's SVG is real: its bars are elements to count. */
export function barsIn(sectionId: string, chartIndex = 0): Element[] {
  const charts = document.querySelectorAll(`#${sectionId} .dash-chart`);
  const chart = charts[chartIndex];
  if (!chart) throw new Error(`No chart ${chartIndex} in #${sectionId}`);
  return [...chart.querySelectorAll('.recharts-bar-rectangle')];
}

/**
 * Chooses `value` in the filter control labelled `label`. Found through the label's `for`
 * rather than `getByLabelText`, which jsdom makes slow on a page with this many elements.
 */
export function choose(label: string, value: string): void {
  const element = [...document.querySelectorAll<HTMLLabelElement>('.dash-filters label')].find(
    (l) => l.textContent === label,
  );
  const control = element ? document.getElementById(element.htmlFor) : null;
  if (!control) throw new Error(`No filter "${label}"`);
  fireEvent.change(control, { target: { value } });
}
