import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractGmail } from '../../../../lib/sites/gmail/extract';
import { DANA, GMAIL_CASES, PRIYA_NATARAJAN, THREAD_IDS } from '../../../fixtures/gmail/cases';
import { FIXTURES_DIR } from '../../../support/fixtures';

/**
 * The two fixtures with an inline script, run as a browser would (jsdom with scripts on), so the
 * end-to-end tests can rely on them: spa-inbox.html navigates by hash without a page load, and
 * thread-late.html fills its headers after 300 ms.
 */
function open(file: string): JSDOM {
  const url = GMAIL_CASES.find((c) => c.file === file)?.url;
  const html = readFileSync(join(FIXTURES_DIR, 'gmail', file), 'utf8');
  return new JSDOM(html, { url, runScripts: 'dangerously' });
}

const extract = (dom: JSDOM) => extractGmail(dom.window.document, new URL(dom.window.location.href));
/** Lets jsdom deliver the queued hashchange event and timers. */
const wait = (dom: JSDOM, ms: number) => new Promise((done) => dom.window.setTimeout(done, ms));

function click(dom: JSDOM, selector: string): void {
  const el = dom.window.document.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  el.click();
}

describe('spa-inbox.html', () => {
  it('opens each thread in place by hash, and hides the one it left', async () => {
    const dom = open('spa-inbox.html');
    const doc = dom.window.document;
    expect(extract(dom)).toEqual({ kind: 'none' });

    click(dom, '[id=":121k"]');
    await wait(dom, 10);
    expect(dom.window.location.hash).toBe(`#inbox/${THREAD_IDS.spaDana}`);
    expect(doc.title).toBe('Pricing for 200 seats - sam@handoff-demo.io - Gmail');
    expect(extract(dom)).toEqual(DANA);

    click(dom, 'a[href="#inbox"]');
    await wait(dom, 10);
    expect(dom.window.location.hash).toBe('#inbox');
    expect(extract(dom)).toEqual({ kind: 'none' });

    click(dom, '[id=":122k"]');
    await wait(dom, 10);
    expect(dom.window.location.hash).toBe(`#inbox/${THREAD_IDS.spaPriya}`);
    expect(extract(dom)).toEqual(PRIYA_NATARAJAN);
    // Dana's thread is still in the DOM, hidden, as Gmail leaves it.
    expect(doc.querySelectorAll('[data-message-id]')).toHaveLength(2);

    dom.window.location.hash = `#inbox/${THREAD_IDS.spaDana}`;
    await wait(dom, 10);
    expect(extract(dom)).toEqual(DANA);
    dom.window.close();
  });
});

describe('thread-late.html', () => {
  it('has no participants at first paint and shows the prospect once its script ran', async () => {
    const dom = open('thread-late.html');
    const late = GMAIL_CASES.find((c) => c.file === 'thread-late.html');
    expect(extract(dom)).toEqual(late?.expected);
    await wait(dom, 350);
    expect(extract(dom)).toEqual(late?.browser);
    dom.window.close();
  });
});
