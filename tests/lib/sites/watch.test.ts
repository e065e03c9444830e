// jsdom only accepts its own AbortSignal in addEventListener, hence dom.window.AbortController below.
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Extraction } from '../../../lib/sites/types';
import { type PageState, watchPage } from '../../../lib/sites/watch';

/** A toy adapter: the person is whoever `#who` names; `/in/` pages only. */
function extract(doc: Document, url: URL): Extraction {
  if (!url.pathname.startsWith('/in/')) return { kind: 'none' };
  const name = doc.querySelector('#who')?.textContent?.trim();
  if (!name) return { kind: 'failed', reason: 'no #who' };
  return {
    kind: 'person',
    identity: { site: 'linkedin', page: 'linkedin_profile', name, emails: [], linkedinUrl: url.href },
  };
}

let dom: JSDOM;
let states: PageState[];
let controller: AbortController;

const who = (name: string) => {
  const el = dom.window.document.querySelector('#who');
  if (el) el.textContent = name;
};
const names = () =>
  states.map((s) => (s.extraction.kind === 'person' ? s.extraction.identity.name : s.extraction.kind));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  dom = new JSDOM('<main><h1 id="who">Dana Whitfield</h1></main>', { url: 'https://www.linkedin.com/in/dana/' });
  states = [];
  controller = new dom.window.AbortController() as unknown as AbortController;
  watchPage({
    window: dom.window as unknown as Window,
    extract,
    onChange: (s) => states.push(s),
    signal: controller.signal,
  });
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

/** Lets MutationObserver callbacks (microtasks) run, then advances the fake clock. */
async function advance(ms: number) {
  await Promise.resolve();
  await vi.advanceTimersByTimeAsync(ms);
}

describe('watchPage', () => {
  it('reports the person on the page at once', () => {
    expect(names()).toEqual(['Dana Whitfield']);
    expect(states[0]?.url).toBe('https://www.linkedin.com/in/dana/');
  });

  it('follows a pushState navigation and never reports the previous person for the new URL', async () => {
    dom.window.history.pushState({}, '', '/in/marcus/');
    await advance(600); // the URL poll notices; the DOM still shows Dana
    expect(names()).toEqual(['Dana Whitfield', 'pending']);
    who('Marcus Feld');
    await advance(200);
    expect(names()).toEqual(['Dana Whitfield', 'pending', 'Marcus Feld']);
    expect(states.at(-1)?.url).toBe('https://www.linkedin.com/in/marcus/');
  });

  it('follows hash navigation (Gmail) through hashchange', async () => {
    dom.window.location.hash = '#inbox/abc';
    await advance(0);
    expect(names()).toEqual(['Dana Whitfield', 'pending']);
  });

  it('waits for late-rendered content instead of reporting a failure', async () => {
    dom.window.history.pushState({}, '', '/in/zoe/');
    who('');
    await advance(600);
    expect(names()).toEqual(['Dana Whitfield', 'pending']);
    who('Zoë Müller');
    await advance(200);
    expect(names().at(-1)).toBe('Zoë Müller');
  });

  it('after the settle time, takes what the page shows (the same person on two pages is legitimate)', async () => {
    dom.window.history.pushState({}, '', '/in/dana-again/');
    await advance(2600);
    expect(names()).toEqual(['Dana Whitfield', 'pending', 'Dana Whitfield']);
    expect(states.at(-1)?.url).toBe('https://www.linkedin.com/in/dana-again/');
  });

  it('reports a failure once the page has settled without a person', async () => {
    dom.window.history.pushState({}, '', '/in/ghost/');
    who('');
    await advance(2600);
    expect(states.at(-1)?.extraction).toEqual({ kind: 'failed', reason: 'no #who' });
  });

  it('reports a page with nobody on it', async () => {
    dom.window.history.pushState({}, '', '/feed/');
    await advance(2600);
    expect(names().at(-1)).toBe('none');
  });

  it('does not repeat an unchanged state on unrelated DOM churn', async () => {
    dom.window.document.body.append(dom.window.document.createElement('div'));
    await advance(500);
    expect(states).toHaveLength(1);
  });

  it('turns an adapter exception into a failure, not a broken page', async () => {
    const errors: PageState[] = [];
    const c = new dom.window.AbortController() as unknown as AbortController;
    watchPage({
      window: dom.window as unknown as Window,
      extract: () => {
        throw new Error('selector exploded');
      },
      onChange: (s) => errors.push(s),
      signal: c.signal,
    });
    expect(errors[0]?.extraction).toEqual({ kind: 'failed', reason: 'selector exploded' });
    c.abort();
  });

  it('does not read the page again when only our own node was added or removed', async () => {
    const reads: string[] = [];
    const c = new dom.window.AbortController() as unknown as AbortController;
    const host = dom.window.document.createElement('handoff-sidebar');
    watchPage({
      window: dom.window as unknown as Window,
      extract: (doc, url) => {
        reads.push(url.pathname);
        return extract(doc, url);
      },
      onChange: () => {},
      signal: c.signal,
      isOwn: (node) => node === host,
    });
    dom.window.document.documentElement.append(host);
    await advance(500);
    host.remove();
    await advance(500);
    expect(reads).toHaveLength(1);

    // The page's own change in the same batch as ours still counts.
    dom.window.document.documentElement.append(host);
    dom.window.document.body.append(dom.window.document.createElement('div'));
    await advance(500);
    expect(reads).toHaveLength(2);
    c.abort();
  });

  it('stops everything on abort', async () => {
    controller.abort();
    dom.window.history.pushState({}, '', '/in/marcus/');
    who('Marcus Feld');
    await advance(3000);
    expect(states).toHaveLength(1);
  });
});
