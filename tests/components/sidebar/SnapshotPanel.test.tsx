import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileName, type PageSnapshot, SnapshotPanel } from '../../../components/sidebar/SnapshotPanel';
import { SNAPSHOT_KEEP, snapshotPage } from '../../../lib/sites/snapshot';

const PAGE = `<html lang="en"><head><title>Dana Whitfield | LinkedIn</title></head><body>
  <main><section role="region"><h1>Dana Whitfield</h1><p>Dana's notes: call on Tuesday</p>
  <a href="mailto:dana.whitfield@northwind.com">Contact info</a><img src="https://x.example/a.png" alt="Dana">
  </section></main></body></html>`;
const URL_ = 'https://www.linkedin.com/in/dana-whitfield/';
const TODAY = () => new Date(2026, 4, 1, 9, 30);

/** The page above as the content script would answer `page.snapshot`. */
function pageSnapshot(): PageSnapshot {
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = PAGE.replace(/^<html[^>]*>|<\/html>$/g, '');
  doc.documentElement.lang = 'en';
  const { html, url } = snapshotPage(doc, new URL(URL_), { random: seeded(), keep: SNAPSHOT_KEEP });
  return { html, url };
}

function seeded(): () => number {
  let a = 42;
  return () => {
    a = (a * 16807) % 2147483647;
    return a / 2147483647;
  };
}

/** jsdom's Blob has no `text()`. */
function textOf(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

let clicked: { download: string; href: string }[];
const createObjectURL = vi.fn((_blob: Blob) => 'blob:handoff/1');
const revokeObjectURL = vi.fn();

beforeEach(() => {
  clicked = [];
  createObjectURL.mockClear();
  revokeObjectURL.mockClear();
  Object.assign(URL, { createObjectURL, revokeObjectURL });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ download: this.download, href: this.getAttribute('href') ?? '' });
  });
});
afterEach(() => vi.restoreAllMocks());

const startButton = () => screen.getByRole('button', { name: 'Save this page for a bug report' });

describe('SnapshotPanel', () => {
  it('shows progress, then what the file contains, as text, before anything is saved', async () => {
    const user = userEvent.setup();
    let answer: (snapshot: PageSnapshot) => void = () => {};
    const take = vi.fn(() => new Promise<PageSnapshot>((resolve) => (answer = resolve)));
    render(<SnapshotPanel take={take} now={TODAY} />);

    await user.click(startButton());
    expect(take).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status')?.textContent).toMatch(/Copying the page/);
    expect(startButton().getAttribute('aria-disabled')).toBe('true');
    await user.click(startButton());
    expect(take).toHaveBeenCalledTimes(1);

    const snapshot = pageSnapshot();
    answer(snapshot);
    const heading = await screen.findByRole('heading', { name: 'What the file contains' });
    // Focus moves in an effect after the preview renders: waited for, not read a render early.
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText(/^Kept:/).closest('li')?.textContent).toMatch(/layout \(\d+ elements\)/);
    expect(screen.getByText(/^Replaced/).closest('li')?.textContent).toMatch(/\d+ words, 1 email address, 0 numbers/);
    expect(screen.getByText(/^Removed:/).closest('li')?.textContent).toMatch(
      /^Removed: scripts, image sources, event handlers and comments \(\d+ in all\)\.$/,
    );
    expect(screen.getByText(snapshot.url)).toBeTruthy();
    expect(snapshot.url).not.toContain('dana');
    expect(screen.getByText(/^\d+(\.\d)? (bytes|KB)$/)).toBeTruthy();

    const file = screen.getByRole('textbox', { name: 'The file, as it will be saved' });
    expect(file.hasAttribute('readonly')).toBe(true);
    expect((file as HTMLTextAreaElement).value).toBe(snapshot.html);
    // The page's markup is shown as text, never rendered: no heading or image of its own appears.
    expect(screen.queryAllByRole('heading', { level: 1 })).toHaveLength(0);
    expect(document.querySelector('img, main')).toBeNull();
    expect(createObjectURL).not.toHaveBeenCalled();
  });

  it('saves the file as handoff-<site>-<date>.html, frees its URL, and says where it went', async () => {
    const user = userEvent.setup();
    const snapshot = pageSnapshot();
    render(<SnapshotPanel take={() => Promise.resolve(snapshot)} now={TODAY} />);
    await user.click(startButton());
    await user.click(await screen.findByRole('button', { name: 'Save file' }));

    expect(clicked).toEqual([{ download: 'handoff-linkedin-2026-05-01.html', href: 'blob:handoff/1' }]);
    const blob = createObjectURL.mock.calls[0]?.[0] as Blob;
    expect(blob.type).toBe('text/html');
    expect(await textOf(blob)).toBe(snapshot.html);
    expect(screen.getByRole('status')?.textContent).toMatch(
      'Saved as handoff-linkedin-2026-05-01.html in your downloads. Attach it to your bug report.',
    );
    await waitFor(() => expect(document.activeElement).toBe(startButton()));
    expect(document.querySelector('a[download]')).toBeNull();
    await waitFor(() => expect(revokeObjectURL).toHaveBeenCalledWith('blob:handoff/1'));
  });

  it('works from the keyboard, and Cancel saves nothing', async () => {
    const user = userEvent.setup();
    render(<SnapshotPanel take={() => Promise.resolve(pageSnapshot())} now={TODAY} />);
    await user.tab();
    expect(document.activeElement).toBe(startButton());
    await user.keyboard('{Enter}');
    const heading = await screen.findByRole('heading', { name: 'What the file contains' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    await user.tab(); // the HTML
    await user.tab(); // Save file
    await user.tab(); // Cancel
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('textbox')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(startButton()));
    expect(clicked).toEqual([]);
    expect(createObjectURL).not.toHaveBeenCalled();
  });

  it.each([
    [
      new Error('Could not establish connection. Receiving end does not exist.'),
      "Handoff can't reach this page. Reload the page, wait until it has loaded, then try again.",
    ],
    [new Error('Snapshot failed'), "Couldn't copy this page (Snapshot failed). Reload the page and try again."],
  ])('says what to do when the page cannot be copied (%s)', async (error, message) => {
    const user = userEvent.setup();
    render(<SnapshotPanel take={() => Promise.reject(error)} now={TODAY} />);
    await user.click(startButton());
    expect((await screen.findByRole('alert')).textContent).toMatch(message);
    expect(startButton().getAttribute('aria-disabled')).not.toBe('true');
  });

  it('refuses an answer that is not a snapshot', async () => {
    const user = userEvent.setup();
    render(<SnapshotPanel take={() => Promise.resolve({ html: '<html><body>x</body></html>', url: URL_ })} />);
    await user.click(startButton());
    expect((await screen.findByRole('alert')).textContent).toMatch(
      'The copy of the page came back incomplete. Reload the page and try again.',
    );
    expect(screen.queryByRole('button', { name: 'Save file' })).toBeNull();
  });

  it('says so when the browser will not save the file', async () => {
    const user = userEvent.setup();
    createObjectURL.mockImplementationOnce(() => {
      throw new Error('Blob URLs are blocked');
    });
    render(<SnapshotPanel take={() => Promise.resolve(pageSnapshot())} now={TODAY} />);
    await user.click(startButton());
    await user.click(await screen.findByRole('button', { name: 'Save file' }));
    expect(screen.getByRole('alert')?.textContent).toMatch(
      "Couldn't save the file (Blob URLs are blocked). Check that your browser may download files, then try again.",
    );
  });
});

describe('fileName', () => {
  it('names the site and the local date, and nothing odd from the page', () => {
    expect(fileName('gmail', new Date(2026, 0, 9, 23, 59))).toBe('handoff-gmail-2026-01-09.html');
    expect(fileName('../../evil', new Date(2026, 0, 9))).toBe('handoff-page-2026-01-09.html');
  });
});
