/**
 * The sites Handoff works on, as manifest match patterns and as host tests. One list:
 * the manifest's content-script matches and the message router's sender check both
 * derive from it.
 */
export const SITES = {
  linkedin: { matches: ['https://www.linkedin.com/*'], host: /^www\.linkedin\.com$/ },
  gmail: { matches: ['https://mail.google.com/*'], host: /^mail\.google\.com$/ },
  outlook: {
    // outlook.cloud.microsoft: where Microsoft moved Outlook on the web for work accounts in 2025.
    matches: [
      'https://outlook.office.com/*',
      'https://outlook.office365.com/*',
      'https://outlook.live.com/*',
      'https://outlook.cloud.microsoft/*',
    ],
    host: /^outlook\.(?:(?:office|office365|live)\.com|cloud\.microsoft)$/,
  },
} as const;

export const CONTENT_HOSTS: readonly RegExp[] = Object.values(SITES).map((site) => site.host);
