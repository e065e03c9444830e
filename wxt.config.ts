import { defineConfig } from 'wxt';
import { SITES } from './lib/sites/hosts';
import { SYNC_DATA_COLLECTION, SYNC_HOST_PERMISSIONS } from './lib/sync/server-url';

const siteMatches = Object.values(SITES).flatMap((site) => [...site.matches]);

// Rendered from store/icon/*.svg by `npm run icons` and committed (public/ is copied as is).
// Named here, not left to WXT's discovery, so the action gets them too and a test can check them.
const icon = (name: string) => `icon/${name}.png`;
const ICONS = { 16: icon('16'), 32: icon('32'), 48: icon('48'), 128: icon('128') };
// Firefox draws the one-colour mark to suit its theme. The keys name the mark's colour, as
// MDN does (`light` shows on dark toolbars); WXT's ThemeIcon comments have them the other way round.
const THEME_ICONS = [16, 32].map((size) => ({ light: icon(`light-${size}`), dark: icon(`dark-${size}`), size }));

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Domain code imports explicitly; auto-imports would blur what lib/ depends on.
  imports: false,
  // Firefox too (140+, our minimum, has it): MV2 cannot limit web_accessible_resources to our
  // sites, so any site that learned the install id could frame the sidebar (issue 14, finding 6).
  manifestVersion: 3,
  // `npm run bench` builds elsewhere (bench/run.ts) with its page, entrypoints/bench; no other build ships that page.
  outDir: process.env.HANDOFF_OUT_DIR ?? '.output',
  hooks: {
    'entrypoints:resolved': (_wxt, entrypoints) => {
      if (!process.env.HANDOFF_BENCH) entrypoints.splice(0, Infinity, ...entrypoints.filter((e) => e.name !== 'bench'));
    },
  },
  manifest: ({ mode, browser }) => ({
    name: 'Handoff',
    description:
      'Qualify MQLs where you work: score context, engagement history, BANT and the SQL decision beside LinkedIn, Gmail and Outlook.',
    icons: ICONS,
    // WXT adds the popup to this; Chrome has no theme icons, and the tile reads on light and dark.
    action: {
      default_icon: { 16: ICONS[16], 32: ICONS[32] },
      ...(browser === 'firefox' && { theme_icons: THEME_ICONS }),
    },
    // Fewest permissions that work. IndexedDB in the extension origin needs none; site access
    // comes with the content scripts' matches; `storage` keeps each tab's page state across
    // service-worker restarts (storage.session) and the sidebar's open/collapsed choice;
    // `alarms` wakes the worker to sync every few minutes and to retry after a failure
    // (nothing runs while sync is off, and it shows no warning at install); `scripting` runs
    // the page snapshot (entrypoints/snapshot.ts) only when the rep asks to save a page for a
    // bug report, so the redactor stays out of every page's bundle. Injecting needs the sites
    // as host permissions: the same hosts the content scripts already match, so the install
    // prompt names nothing new. WXT adds `sidePanel` (Chrome, Edge) with `side_panel`, or
    // `sidebar_action` (Firefox), from entrypoints/sidepanel: the browser's own panel, where
    // the sidebar shows on a site in panel mode (LinkedIn by default) with nothing added to the page.
    permissions: ['storage', 'alarms', 'scripting'],
    host_permissions: siteMatches,
    // Notifications are opt-in (options page, "Alerts"): asked for when the rep turns one on,
    // never at install. The toolbar badge needs no permission.
    optional_permissions: ['notifications'],
    // Team sync talks to the team's own server: its origin is asked for when the rep turns
    // sync on (options page) and given back when they turn it off, never at install. Any
    // https host (the team's server could be anywhere); plain http to localhost only in a
    // development build (`npm run dev`, `wxt build --mode development`), never in one we ship.
    optional_host_permissions: SYNC_HOST_PERMISSIONS.filter(
      (host) => mode === 'development' || host.startsWith('https:'),
    ),
    // Only our sites may frame the sidebar (`matches`, MV3 in both browsers); a fresh URL per
    // session (Chrome's `use_dynamic_url`; Firefox's URLs are per install already) keeps others from guessing it.
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: siteMatches, use_dynamic_url: true }],
    // One small loader on every site's pages; after the page's load it asks the background to
    // run that site's page side (entrypoints/page-<site>, an unlisted script). Nothing of
    // ours but this loader's evaluation comes before the page's load (components/page/page-loader.ts).
    content_scripts: [{ matches: siteMatches, js: ['page-loader.js'], run_at: 'document_idle' }],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+H' },
        // In panel mode (and off our sites) it opens the side panel: the browsers allow that inside a shortcut.
        description: 'Open the Handoff side panel, or show or collapse the sidebar on the page',
      },
    },
    browser_specific_settings: {
      gecko: {
        id: 'handoff@handoff.dev',
        // 140 (the current ESR) is the first to read data_collection_permissions.
        strict_min_version: '140.0',
        // Firefox's data consent: nothing is collected or sent unless the rep turns team sync
        // on, which sends leads' names and emails to the team's own server. So nothing is
        // required, and that category is optional: the options page asks for it with the
        // server's origin when sync is turned on, and gives it back when it is turned off
        // (docs/decisions.md, Sync client). Spread because WXT's manifest type predates the key.
        ...{ data_collection_permissions: { required: ['none'], optional: [...SYNC_DATA_COLLECTION] } },
      },
      // Firefox for Android reads the key from 142; the sidebar targets desktop sites anyway.
      gecko_android: { strict_min_version: '142.0' },
    },
  }),
});
