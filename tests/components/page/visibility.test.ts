import { describe, expect, it } from 'vitest';
import { sidebarShows, type Visibility } from '../../../components/page/visibility';
import type { PageState } from '../../../lib/sites/watch';

const url = 'https://mail.google.com/mail/u/0/#inbox';
const person: PageState = {
  url,
  extraction: {
    kind: 'person',
    identity: { site: 'gmail', page: 'mail_thread', name: 'Dana Whitfield', emails: ['dana@northwind.io'] },
  },
};
const none: PageState = { url, extraction: { kind: 'none' } };
const failed: PageState = { url, extraction: { kind: 'failed', reason: 'markup changed' } };
const pending: PageState = { url, extraction: { kind: 'pending' } };

const seen = (over: Partial<Visibility> = {}): Visibility => ({
  preferOpen: true,
  openedHere: false,
  showing: false,
  ...over,
});

describe('sidebarShows', () => {
  it.each([
    ['a person, the rep leaves it open', person, seen(), true],
    ['a person, the rep collapsed it', person, seen({ preferOpen: false }), false],
    ['a page it could not read: search is offered', failed, seen(), true],
    ['nobody on the page', none, seen(), false],
    ['no state yet', undefined, seen(), false],
    ['nobody, but the rep opened it here', none, seen({ openedHere: true }), true],
    ['settling after a person: stays', pending, seen({ showing: true }), true],
    ['settling after a list: does not open for nothing', pending, seen({ showing: false }), false],
  ])('%s', (_, state, visibility, shows) => {
    expect(sidebarShows(state, visibility)).toBe(shows);
  });
});
