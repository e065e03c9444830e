import { defineConfig } from 'wxt';
import { SITES } from './lib/sites/hosts';

const siteMatches = Object.values(SITES).flatMap((site) => [...site.matches]);

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Domain code imports explicitly; auto-imports would blur what lib/ depends on.
  imports: false,
  manifest: {
    name: 'Handoff',
    description:
      'Qualify MQLs where you work: score context, engagement history, BANT and the SQL decision beside LinkedIn, Gmail and Outlook.',
    // Fewest permissions that work. IndexedDB in the extension origin needs none; site access
    // comes with the content scripts' matches; `storage` keeps each tab's page state across
    // service-worker restarts (storage.session) and the sidebar's open/collapsed choice.
    permissions: ['storage'],
    // Only our sites may frame the sidebar; a fresh URL per session keeps others from guessing it.
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: siteMatches, use_dynamic_url: true }],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: 'Show or collapse the Handoff sidebar',
      },
    },
    browser_specific_settings: {
      gecko: {
        id: 'handoff@handoff.dev',
        // 140 (the current ESR) is the first to read data_collection_permissions.
        strict_min_version: '140.0',
        // Firefox's data consent: the extension sends nothing anywhere; team sync (opt-in,
        // to the team's own server) will add its category as optional when it lands.
        // Spread because WXT's manifest type predates the key.
        ...{ data_collection_permissions: { required: ['none'] } },
      },
      // Firefox for Android reads the key from 142; the sidebar targets desktop sites anyway.
      gecko_android: { strict_min_version: '142.0' },
    },
  },
});
