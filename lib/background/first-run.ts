/** The first-run page (entrypoints/welcome): asks who the rep is, says what is kept where. */
export const WELCOME_PAGE = '/welcome.html';

/** What `runtime.onInstalled` reports that matters here. */
export interface InstallDetails {
  /** `install`, `update`, `chrome_update` (Chrome), `browser_update` (Firefox), `shared_module_update`. */
  reason: string;
}

/**
 * The page to open in a new tab after `runtime.onInstalled`, or null. Only a fresh install:
 * an update, a browser update or a reload of the unpacked extension keeps the rep's settings,
 * and a tab opening on each of those would be noise.
 */
export function firstRunTab(details: InstallDetails, getURL: (path: typeof WELCOME_PAGE) => string): string | null {
  return details.reason === 'install' ? getURL(WELCOME_PAGE) : null;
}
