import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OptionsPage, type OptionsPageProps } from '../../../components/options/OptionsPage';
import type { Repositories } from '../../../lib/db';
import { NOW } from '../../support/factories';

export interface Download {
  name: string;
  /** The file's text when it was offered as text (settings); empty for a Blob. */
  text: string;
  /** The file as offered: the export's own Blob, or the text as one. */
  blob: Blob;
}

/**
 * The options page on fake-indexeddb with a pinned clock, downloads captured, and the preview
 * re-reading as soon as the draft changes (no settle delay to wait for).
 */
export function renderOptions(repos: Repositories, props: Partial<OptionsPageProps> = {}) {
  const downloads: Download[] = [];
  const page = (p: Partial<OptionsPageProps>) => (
    <OptionsPage
      repos={repos}
      now={() => NOW}
      download={(name, content) =>
        downloads.push(
          typeof content === 'string'
            ? { name, text: content, blob: new Blob([content]) }
            : { name, text: '', blob: content },
        )
      }
      previewSettleMs={0}
      {...p}
    />
  );
  const result = render(page(props));
  return { ...result, downloads };
}

/** Renders the page and waits for the stored settings to be loaded into it. */
export async function openOptions(repos: Repositories, props: Partial<OptionsPageProps> = {}) {
  const rendered = renderOptions(repos, props);
  await screen.findByRole('heading', { level: 1, name: 'Settings' });
  return rendered;
}

/** The page as a rep opens it again: unmounted and rendered afresh from the database. */
export async function reopen(rendered: { unmount: () => void }, repos: Repositories) {
  rendered.unmount();
  return openOptions(repos);
}

/** A section of the page by its heading (OptionsPage.test checks they are named regions). */
export function section(name: string): HTMLElement {
  const section = screen.getByText(name, { selector: 'h2' }).closest('section');
  if (!section) throw new Error(`No section "${name}"`);
  return section;
}

/** A button by its visible text (without the visually hidden part of its name). */
export function button(container: HTMLElement, text: string | RegExp): HTMLButtonElement {
  return within(container).getByText(text, { selector: 'button' }) as HTMLButtonElement;
}

/** Presses Save and waits for the stored settings to be confirmed. */
export async function saveSettings(): Promise<void> {
  await userEvent.click(screen.getByText('Save settings', { selector: 'button' }));
  await screen.findByText('Saved.');
}

/** The state the save bar announces ("Unsaved changes", "Saved.", ...). */
export function saveState(): string {
  return document.querySelector('.save-state')?.textContent ?? '';
}

/** The text of a control's description (its error and hint), as a screen reader gets it. */
export function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

/** Replaces an input's text the way a rep does: select all, type. */
export async function retype(input: HTMLElement, text: string): Promise<void> {
  await userEvent.clear(input);
  if (text !== '') await userEvent.type(input, text);
}

/**
 * The control a `<label>` with this text names (by `for`, or by wrapping it). The same
 * association `getByLabelText` checks, found faster: jsdom recomputes every element's labels
 * after each render, which makes `getByLabelText` slow on a page this size.
 */
export function control<T extends HTMLElement = HTMLInputElement>(container: HTMLElement, label: string | RegExp): T {
  const element = within(container).getByText(label, { selector: 'label' }) as HTMLLabelElement;
  const target = element.control;
  if (!target) throw new Error(`The label "${String(label)}" names no control`);
  return target as unknown as T;
}

/** A group (fieldset) by the start of its legend. */
export function group(container: HTMLElement, legend: string | RegExp): HTMLElement {
  const element = within(container).getByText(legend, { selector: 'legend' });
  const fieldset = element.closest('fieldset');
  if (!fieldset) throw new Error(`The legend "${String(legend)}" is not in a fieldset`);
  return fieldset;
}
