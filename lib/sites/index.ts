import { extractGmail } from './gmail/extract';
import { SITES } from './hosts';
import { extractLinkedin } from './linkedin/extract';
import { extractOutlook } from './outlook/extract';
import type { Adapter, SiteKey } from './types';

const ADAPTERS: Record<SiteKey, Adapter> = {
  linkedin: extractLinkedin,
  gmail: extractGmail,
  outlook: extractOutlook,
};

/** The site and adapter for a host name, or `undefined` for a host Handoff does not run on. */
export function adapterFor(hostname: string): { site: SiteKey; extract: Adapter } | undefined {
  for (const [site, { host }] of Object.entries(SITES) as [SiteKey, (typeof SITES)[SiteKey]][]) {
    if (host.test(hostname)) return { site, extract: ADAPTERS[site] };
  }
  return undefined;
}
