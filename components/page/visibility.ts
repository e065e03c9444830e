/** When the sidebar shows on the page: pure, so the rule is tested apart from the page side's wiring. */
import type { PageState } from '../../lib/sites/watch';

export interface Visibility {
  /** The rep's remembered choice: open the sidebar by itself when someone is on the page. */
  preferOpen: boolean;
  /** The rep opened it on this page (tab or shortcut): it stays until they leave the page. */
  openedHere: boolean;
  /** Whether it shows now. */
  showing: boolean;
}

/**
 * Whether the sidebar shows for a page state. While a navigation settles (`pending`) it
 * keeps what it was: from a person it stays (no shift back and forth between two profiles),
 * from a list or inbox it does not open for a page that may have nobody on it.
 */
export function sidebarShows(state: PageState | undefined, { preferOpen, openedHere, showing }: Visibility): boolean {
  if (openedHere) return true;
  switch (state?.extraction.kind) {
    case undefined:
    case 'none':
      return false;
    case 'pending':
      return showing;
    default:
      // A person, or a page that should show one and could not be read: the sidebar offers search.
      return preferOpen;
  }
}
