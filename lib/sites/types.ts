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
  /**
   * Which reading layer produced each field the page showed (a field left out is absent here
   * too), so the rep and a bug report can see how sure the reading is. Adapters fill it in;
   * a correction by the rep is marked `correction`.
   */
  readBy?: ReadBy;
  /**
   * The page's own key, the handle a rep's correction is remembered by: `linkedin:in/<slug>`,
   * `linkedin:salesnav/<id>`, `gmail:<threadId>`, `outlook:<itemId>`. From the URL only.
   */
  pageKey?: string;
  /**
   * Everyone outside on a mail thread, when there is more than one: this identity's person
   * first, then the others in the order the prospect is chosen in (senders, To, Cc). Each
   * once (by normalised address), the rep, colleagues and mail systems never; at most
   * {@link MAX_PARTICIPANTS}. Absent on a thread with one outsider and on LinkedIn.
   */
  participants?: ThreadParticipant[];
}

/** One outsider on a mail thread: what the rep can switch the sidebar to. */
export interface ThreadParticipant {
  name?: string;
  /** As shown on the page (not normalised). */
  email: string;
  readBy?: Pick<ReadBy, 'name' | 'emails'>;
}

/** A thread with more people than this is a mailing list; the first ones are the ones that wrote. */
export const MAX_PARTICIPANTS = 20;

/**
 * The layers an adapter reads a page with, most precise first. Each layer is independent of
 * the others; an adapter takes the first that yields a consistent identity, and says which.
 * - `selector`: the site's precise selectors (selectors.ts), as of the last fixture check;
 * - `url`: the address (profile slug, Sales Navigator id);
 * - `metadata`: the document's own `<title>`, `og:` tags, JSON-LD, checked against the URL;
 * - `landmark`: landmarks, roles and headings (`main h1`, a message region's header);
 * - `shape`: data shapes, such as an email address in a `title`, `mailto:` or "Name <address>";
 * - `label`: an interface label in one of the languages of the site's labels table.
 */
export const READ_LAYERS = ['selector', 'url', 'metadata', 'landmark', 'shape', 'label'] as const;
export type ReadLayer = (typeof READ_LAYERS)[number];
/** The identity fields a layer can produce. */
export type ReadField = 'name' | 'emails' | 'linkedinUrl' | 'salesNavigatorId' | 'title' | 'company' | 'location';
export type ReadBy = Partial<Record<ReadField, ReadLayer | 'correction'>>;

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
