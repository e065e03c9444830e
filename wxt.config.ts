import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Domain code imports explicitly; auto-imports would blur what lib/ depends on.
  imports: false,
  manifest: {
    name: 'Handoff',
    description:
      'Qualify MQLs where you work: score context, engagement history, BANT and the SQL decision beside LinkedIn, Gmail and Outlook.',
    // Fewest permissions that work. IndexedDB in the extension origin needs none;
    // site access arrives with the content scripts (issue 3) and the sync origin is optional.
    permissions: [],
    browser_specific_settings: {
      gecko: { id: 'handoff@handoff.dev', strict_min_version: '128.0' },
    },
  },
});
