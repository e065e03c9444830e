/**
 * What a page adapter reads off a page: who is the person on it. Plain data, no zod at
 * run time in the page (the page-side script must stay small); the receiving context in
 * the extension origin parses it with `PageIdentitySchema` (lib/sites/identity.ts),
 * because anything read from a web page is untrusted.
 */
export type SiteKey = 'linkedin' | 'gmail' | 'outlook';

export interface PageIdentity {
  site: SiteKey;
  /** What kind of page: a LinkedIn profile, a Sales Navigator lead, a mail thread. */
  page: 'linkedin_profile' | 'salesnav_lead' | 'mail_thread';
  name?: string;
  /** Addresses as shown on the page (not normalised). */
  emails: string[];
  /** Public profile URL (`https://www.linkedin.com/in/<slug>/`) when the page shows one. */
  linkedinUrl?: string;
  /** Sales Navigator's opaque lead id (`/sales/lead/<id>,...`), when on such a page. */
  salesNavigatorId?: string;
  /** Job title, or the LinkedIn headline when no title is shown separately. */
  title?: string;
  company?: string;
  location?: string;
}

/** The outcome of running an adapter on a page. */
export type Extraction =
  | { kind: 'person'; identity: PageIdentity }
  /** A page of a supported shape with no person to show (inbox list, feed, compose). */
  | { kind: 'none' }
  /** A page that should show a person, but the markup did not yield one: fall back to search. */
  | { kind: 'failed'; reason: string };

/** Context an adapter needs beyond the page: who the rep is, to tell them from prospects. */
export interface AdapterContext {
  /** The rep's own addresses (from settings); adapters also read the signed-in account from the page. */
  selfEmails?: readonly string[];
  /** The rep's company domains: everyone there is a colleague, never the prospect. */
  companyDomains?: readonly string[];
}

export type Adapter = (doc: Document, url: URL, context?: AdapterContext) => Extraction;
