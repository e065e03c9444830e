import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { type SendReader, type SentTouch, watchSends } from '../../lib/sites/sent';
import { DRIFTS, type Drift, drift, type Phrase } from './drift';
import { FIXTURES_DIR } from './fixtures';

/** One thing the rep does on a page: a click on an element, or a key in it (by id; `shadow` names the host whose open shadow root holds it). */
export type SendStep =
  | { click: string; shadow?: string }
  | { key: 'Enter' | 'Ctrl+Enter'; in: string; shadow?: string };

/**
 * A saved page with a send in it (tests/fixtures/<site>/sent/): where it lives, what the rep
 * does, and what the page side must report: the send, or nothing (`null`).
 */
export interface SentCase {
  file: string;
  url: string;
  steps: readonly SendStep[];
  expected: SentTouch | null;
}

/**
 * Runs a fixture the way a browser would (its inline script does what the site does on send),
 * watches it with `reader`, performs the steps as the rep would and returns what was reported.
 * jsdom cannot make trusted events, so every event counts as the rep's here; the default
 * `isTrusted` check has a test of its own (tests/lib/sites/sent.test.ts).
 */
export async function sendsOn(html: string, url: string, reader: SendReader, steps: readonly SendStep[]) {
  const dom = new JSDOM(html, { url, runScripts: 'dangerously', pretendToBeVisual: true });
  // The page's own AbortController: jsdom accepts no other signal.
  const controller = new dom.window.AbortController();
  const sent: SentTouch[] = [];
  try {
    watchSends({
      window: dom.window as unknown as Window,
      reader,
      signal: controller.signal,
      onSent: (t) => sent.push(t),
      trusted: () => true,
    });
    for (const step of steps) {
      const doc = dom.window.document;
      const root = step.shadow ? doc.getElementById(step.shadow)?.shadowRoot : doc;
      const id = 'click' in step ? step.click : step.in;
      const el = root?.getElementById(id) as HTMLElement | null | undefined;
      if (!el) throw new Error(`No #${id} in the page`);
      if ('click' in step) el.click();
      else {
        const ctrlKey = step.key === 'Ctrl+Enter';
        el.dispatchEvent(
          new dom.window.KeyboardEvent('keydown', {
            key: 'Enter',
            ctrlKey,
            bubbles: true,
            composed: true,
            cancelable: true,
          }),
        );
      }
      // The page's answer and the watcher's observer run in tasks and microtasks: let them.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return sent;
  } finally {
    controller.abort();
    dom.window.close();
  }
}

/**
 * Every send case of a site, as saved and under drift (tests/support/drift.ts): with classes
 * hashed, in German, wrapped in extra elements, the same send is reported; without ids and
 * `data-*` attributes (and with every drift at once) the reading may lose the recipients and
 * report nothing, but never anyone else.
 */
export function describeSentFixtures(
  site: string,
  reader: SendReader,
  cases: readonly SentCase[],
  phrases: readonly Phrase[],
) {
  const source = (file: string) => readFileSync(join(FIXTURES_DIR, site, 'sent', file), 'utf8');

  describe.each(cases.map((c, i) => ({ ...c, label: `${c.file} #${i}: ${c.steps.map(describeStep).join(', ')}` })))(
    '$label',
    (c) => {
      it('reports the send once, as the page shows it, or nothing when nothing was sent', async () => {
        expect(await sendsOn(source(c.file), c.url, reader, c.steps)).toEqual(c.expected ? [c.expected] : []);
      });

      it.each(DRIFTS.map((variant) => [variant] as [Drift]))('under drift: %s', async (variant) => {
        const got = await sendsOn(drift(source(c.file), variant, phrases), c.url, reader, c.steps);
        const same = c.expected ? [c.expected] : [];
        if (variant === 'no-ids' || variant === 'all') expect([[], same]).toContainEqual(got);
        else expect(got).toEqual(same);
      });
    },
  );

  it('has a case for every saved page', () => {
    const files = readdirSync(join(FIXTURES_DIR, site, 'sent')).filter((f) => f.endsWith('.html'));
    expect(new Set(cases.map((c) => c.file))).toEqual(new Set(files));
  });
}

const describeStep = (step: SendStep) => ('click' in step ? `click #${step.click}` : `${step.key} in #${step.in}`);
