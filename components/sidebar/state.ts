import type { PageIdentity } from '../../lib/sites/types';

/**
 * What the sidebar is asked to show, as the page wiring knows it. The wiring maps the
 * content script's extraction onto this; the sidebar decides everything else (known lead or
 * not) from the database.
 */
export type SidebarState =
  /** The page has not been read yet, or the tab is navigating. */
  | { kind: 'loading' }
  /** Someone was recognised on the page. Parsed with `PageIdentitySchema` before it gets here. */
  | { kind: 'person'; identity: PageIdentity }
  /** A supported page with nobody on it (inbox list, feed). */
  | { kind: 'none' }
  /** The page should show a person but the markup did not yield one: degrade to search. */
  | { kind: 'failed'; reason: string }
  /** Something broke (lost connection, unreadable message): say what, offer a retry. */
  | { kind: 'error'; message: string };
