import { SITES } from './hosts';

/**
 * A redacted copy of the page for a bug report ("Save this page for a bug report"): the DOM as one
 * self-contained HTML file, with tags, roles, aria attribute names, classes and ids as the site
 * made them, and every name, address, message and personal part of a URL replaced by a made-up
 * value of the same shape. Runs in the page, injected only when the rep asks (entrypoints/
 * snapshot.ts), so it imports no zod and stays small.
 *
 * Replacement is consistent within one snapshot: a word (case-insensitively, accents aside)
 * always becomes the same pseudo-word, so the name in the `<title>`, the `<h1>`, the profile slug
 * and the email address still agree after redaction, as the adapters check them against each
 * other. Interface labels the adapters read (`SNAPSHOT_KEEP`, passed in as `keep`) stay as they are.
 */

/** What a snapshot replaced and removed, for the rep's preview. */
export interface SnapshotStats {
  elements: number;
  /** Word occurrences replaced by pseudo-words. */
  words: number;
  emails: number;
  links: number;
  /** Runs of three or more digits (phone numbers, ids). */
  numbers: number;
  /** Scripts, event handlers, image sources and the like, dropped. */
  removed: number;
}

/** The `<meta name="handoff-snapshot">` record: where the file came from. */
export interface SnapshotMeta {
  site: string;
  /** The page's URL, redacted. */
  url: string;
  takenAt: string;
  version: 1;
  stats: SnapshotStats;
}

export interface Snapshot {
  html: string;
  url: string;
  site: string;
  stats: SnapshotStats;
}

export interface Redactor {
  text(value: string): string;
  email(value: string): string;
  url(value: string): string;
  readonly stats: SnapshotStats;
}

export interface SnapshotOptions {
  /** Source of the pseudo-words; inject a seeded one for a reproducible snapshot. */
  random?: () => number;
  now?: () => Date;
  /** Our own elements on the page (the sidebar's host), left out. */
  isOwn?: (node: Node) => boolean;
  /** A redactor to share with the caller (tests map expected values through the same one). */
  redactor?: Redactor;
  /**
   * The interface words to leave as they are, space-separated, lowercase, accents stripped:
   * `SNAPSHOT_KEEP`. Without it every word is replaced (safe, but labels are lost).
   */
  keep?: string;
}

/**
 * Interface words that survive, lowercase, accents stripped: the words of the labels the adapters
 * read (lib/sites/<site>/labels.ts: From/To/Cc/Bcc, Reading Pane, Email message, Message body,
 * Contact info, Current company, Account manager for, "to me", pronouns, degrees, Verified, the
 * "at" of "Title at Company", school words, am/pm) in English, German, French and Spanish; the
 * sites' own names; and the words of their URLs the adapters classify pages by (`/in/`,
 * `/sales/lead/`, Gmail's `#inbox/` and other folders, `/mail/deeplink/read/`). None is a common
 * first name (tests/lib/sites/snapshot.test.ts checks): labels that are ("An", "Van", "Da") survive
 * only as labels, before a colon (TOKEN). Re-check with the label tables 2027-06.
 *
 * Not read by `snapshotPage` itself: the caller passes it (`keep`); entrypoints/snapshot.ts,
 * injected only when the rep asks, does.
 */
export const SNAPSHOT_KEEP =
  'from to cc bcc cci cco me date reading pane email e mail message body contact info current company account ' +
  'manager for google am pm st nd rd th er re º at bei chez en he him his she her hers they them theirs ihm sie ' +
  'ihr il lui iel el verified verifiziert verifie verificado university universitat universite universidad ' +
  'school college institute academy hochschule akademie ecole escuela true false linkedin gmail outlook office ' +
  'live sales navigator von mich datum lesebereich nachricht nachrichtentext konto fur aktuelles unternehmen ' +
  'kontaktinfo posteingang de a moi volet lecture electronique corps du entreprise actuelle coordonnees compte ' +
  'gestionnaire comptes pour para mi panel mensaje correo electronico cuerpo del empresa actual informacion ' +
  'contacto cuenta cuentas administrador https http www com in pub lead people overlay details about this ' +
  'profile u id deeplink read sentitems feed inbox starred snoozed imp sent scheduled drafts all spam trash ' +
  'label search advanced category compose name ccn mij mim d mailer daemon postmaster noreply cloud microsoft ' +
  'atual clique pular cartao experiencia informacoes contato na no em ele dele escola faculdade ' +
  'azienda attuale fai clic passare alla scheda esperienza informazioni di presso loro scuola ' +
  'huidig bedrijf klik om naar ervaringskaart te gaan contactgegevens bij hij hem zij haar hogeschool';

/** An address (not inside a longer token), a link, a label that is also a name, a word, a number. */
const TOKEN =
  /(?<![\p{L}\p{N}._%+-])([\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)|(https?:\/\/[^\s<>"'()]+)|((?:an|van|aan|da)(?=\s*:|\s+mich\b))|(\p{L}[\p{L}\p{M}]*)|(\d{3,})/giu;
const WORD = /\p{L}[\p{L}\p{M}]*|\d{3,}/gu;
const LETTERS = /\p{L}[\p{L}\p{M}]*/gu;

/** A redactor with its own memory of what became what: one per snapshot. */
export function createRedactor(random: () => number = Math.random, keep = ''): Redactor {
  const KEEP = new Set(keep.split(' '));
  const stats: SnapshotStats = { elements: 0, words: 0, emails: 0, links: 0, numbers: 0, removed: 0 };
  const seen = new Map<string, string>();
  const used = new Set<string>();
  /** A value never seen in this snapshot, one character of `sets[i]` per position. */
  const fresh = (key: string, sets: string[]): string => {
    for (let tries = 0; ; tries++) {
      const out = sets.map((set) => set.charAt(Math.floor(random() * set.length))).join('');
      if (tries > 20 || (out !== key && !used.has(out) && !KEEP.has(out))) {
        used.add(out);
        return out;
      }
    }
  };
  const word = (w: string): string => {
    const split = w.normalize('NFD');
    const base = Array.from(split.replace(/\p{M}/gu, ''));
    const key = base.join('').toLowerCase();
    if (KEEP.has(key)) return w;
    stats.words++;
    let pseudo = seen.get(key);
    if (!pseudo) {
      // Vowels where the word has them: pronounceable, and accents land on letters that take them.
      pseudo = fresh(
        key,
        base.map((c) => (/[aeiouy]/i.test(c) ? 'aeiou' : 'bcdfghklmnprstvz')),
      );
      seen.set(key, pseudo);
    }
    let i = 0;
    const out = split.replace(/\P{M}/gu, (c) => {
      const p = pseudo.charAt(i++);
      return c === c.toLowerCase() ? p : p.toUpperCase();
    });
    return w === w.normalize('NFC') ? out.normalize('NFC') : out;
  };
  // Years stay (dates are no one's identity); ids and phone numbers do not.
  const num = (n: string): string => {
    if (/^(19|20)\d\d$/.test(n)) return n;
    stats.numbers++;
    let pseudo = seen.get(n);
    if (!pseudo) {
      pseudo = fresh(
        n,
        Array.from(n, () => '0123456789'),
      );
      seen.set(n, pseudo);
    }
    return pseudo;
  };
  const words = (s: string) => s.replace(WORD, (m) => (m.charCodeAt(0) < 58 ? num(m) : word(m)));
  const email = (address: string): string => {
    stats.emails++;
    const at = address.lastIndexOf('@');
    const labels = address.slice(at + 1).split('.');
    // The top-level domain stays: it is shared by millions, and the shape checks need it.
    const domain = labels.map((label, i) => (i < labels.length - 1 ? words(label) : label)).join('.');
    return `${words(address.slice(0, at))}@${domain}`;
  };
  /** A path, query or hash piece: decoded, its words replaced, encoded back the way it came. */
  const piece = (p: string): string => {
    if (!p.includes('%')) return words(p);
    try {
      return encodeURIComponent(words(decodeURIComponent(p)));
    } catch {
      return words(p);
    }
  };
  const url = (href: string): string => {
    const m = /^(\s*[a-z][\w+.-]*:)?(\/\/[^/?#]*)?(.*)$/is.exec(href) ?? [];
    const scheme = (m[1] ?? '').trim().toLowerCase();
    if (/^(javascript|data|blob|vbscript|file):/.test(scheme)) return '';
    stats.links++;
    if (/^(mailto|tel|sms):/.test(scheme)) return scheme + text(m[3] ?? '');
    // The host stays but for its personal labels (a prospect's company site), as in emails.
    const host = (m[2] ?? '').replace(/[^.]+(?=\.)/g, (label) => label.replace(LETTERS, word));
    // Query keys stay (`?ispopout=`); path segments, values and hash parts lose their personal words.
    const rest = (m[3] ?? '').split(/([/?&=#,;])/).map((p, i, all) => (i % 2 || all[i + 1] === '=' ? p : piece(p)));
    return `${m[1] ?? ''}${host}${rest.join('')}`;
  };
  const text = (s: string): string =>
    s.replace(TOKEN, (m, mail, link, label, w) => {
      if (mail) return email(mail);
      if (link) return url(link);
      if (label) return m;
      return w ? word(w) : num(m);
    });
  return { text, email, url, stats };
}

/** Dropped with their content: no script runs and nothing loads when the file is opened. */
const DROP_TAGS = /^(script|noscript|template|noembed|noframes|base)$/;
const VOID = /^(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)$/;
/**
 * Attributes of structure, not of anyone (roles, states, types, the site's classes, ids and test
 * hooks): kept, but for runs of three or more digits, and for the page's own ids (`ident`).
 * Boolean attributes need no entry: their empty value has nothing to replace. The `data-` ones are
 * those the adapters select by: `data-anonymize`, `data-control-name`, `data-sn-view-name` (the
 * salesnav-lead fixtures), `data-view-name`, `data-field` (profile-classic, -crowded),
 * `data-testid`, `data-sdui-screen`, `componentkey` (profile-sdui*), `data-section`
 * (profile-public), `data-app-section` (the Outlook fixtures). Every other `data-` value is text
 * (Gmail's `data-hovercard-id` is an address). Re-check 2027-06.
 */
const IDENT =
  /^(role|type|tabindex|dir|lang|rel|target|method|property|itemprop|itemtype|scope|slot|xmlns|colspan|rowspan|width|height|class|id|for|headers|componentkey|aria-(?!(label|description|roledescription|valuetext|placeholder)$).*|data-(testid|test-.*|view-name|anonymize|control-name|sdui-screen|section|app-section|sn-view-name|field))$/;
const URLISH = /^(href|xlink:href|action|formaction|cite)$/;
const DROP_ATTR = /^(on.*|src|srcset|srcdoc|ping|nonce|integrity|poster|background|data|lowsrc|imagesrcset)$/;
const SVG = 'http://www.w3.org/2000/svg';
const ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\u00a0': '&nbsp;' };
const esc = (s: string, re: RegExp) => s.replace(re, (c) => ESCAPE[c] ?? c);
const TEXT_ESCAPE = /[&<>\u00a0]/g;
const ATTR_ESCAPE = /[&"\u00a0]/g;
/** Styles stay, minus what would load: `url(...)` and `@import`. */
const noLoads = (css: string) => css.replace(/url\([^)]*\)/gi, 'url()').replace(/@import[^;]*;?/gi, '');

/**
 * The page as one redacted HTML file, with the page's redacted URL. Document only: no shadow
 * roots, no frames' contents, and none of our own elements (`isOwn`).
 */
export function snapshotPage(doc: Document, pageUrl: URL, options: SnapshotOptions = {}): Snapshot {
  const r = options.redactor ?? createRedactor(options.random, options.keep);
  const { stats } = r;
  const isOwn = options.isOwn ?? (() => false);
  const url = r.url(pageUrl.href);
  // The page's own ids (thread, item, lead) also name elements (Outlook's conversation id): an id
  // attribute that is one is replaced as the URL's is, so the two still agree.
  const own = new Set(pageUrl.href.split(/[/?&=#,;]/).map(safeDecode));
  const ident = (v: string): string =>
    v.length > 7 && own.has(v)
      ? r.text(v)
      : v
          // LinkedIn's component keys carry a member's slug or id: `ProfileVerificationTriggerRef-<slug>`,
          // `com.linkedin.sdui.profile.card.ref<id>Topcard` (profile-sdui-de-marker.html).
          .replace(/(TriggerRef-)(.+)$/, (_, key, slug) => key + r.text(slug))
          .replace(/(\.ref)([A-Za-z0-9_-]{6,})(?=[A-Z][a-z]+$)/, (_, key, id) => key + r.text(id))
          .replace(/\d{3,}/g, (n) => r.text(n));

  const attribute = (el: Element, name: string, value: string): string | null => {
    if (IDENT.test(name) || (el.localName === 'meta' && name === 'name')) return ident(value);
    if (name === 'style') return noLoads(value);
    if (DROP_ATTR.test(name)) return null;
    if (URLISH.test(name)) {
      // SVG's `<use href="#icon">` points into the page; any other SVG link would load something.
      if (el.namespaceURI === SVG) return value.startsWith('#') ? ident(value) : null;
      const redacted = r.url(value);
      return redacted || !value ? redacted : null;
    }
    if (el.namespaceURI === SVG && !name.startsWith('aria-')) return value;
    return r.text(value);
  };

  const out: string[] = ['<!DOCTYPE html>'];
  let metaAt = -1;
  const visit = (node: Node): void => {
    if (isOwn(node)) return;
    if (node.nodeType === 3) {
      out.push(esc(r.text((node as Text).data), TEXT_ESCAPE));
      return;
    }
    if (node.nodeType !== 1) {
      if (node.nodeType === 8) stats.removed++; // comments
      return;
    }
    const el = node as Element;
    const tag = el.localName;
    const json = tag === 'script' && el.getAttribute('type') === 'application/ld+json';
    const loads = tag === 'link' && !/^(canonical|alternate)$/i.test(el.getAttribute('rel') ?? '');
    const meta = tag === 'meta' && (el.hasAttribute('http-equiv') || el.hasAttribute('charset'));
    if ((DROP_TAGS.test(tag) && !json) || loads || meta) {
      stats.removed++;
      return;
    }
    stats.elements++;
    let open = `<${tag}`;
    for (const attr of Array.from(el.attributes)) {
      const value = attribute(el, attr.name, attr.value);
      if (value === null) stats.removed++;
      else open += ` ${attr.name}="${esc(value, ATTR_ESCAPE)}"`;
    }
    out.push(`${open}>`);
    if (tag === 'head') metaAt = out.push('') - 1;
    if (VOID.test(tag)) return;
    if (json) out.push(redactJson(el.textContent ?? '', r));
    else if (tag === 'style') out.push(noLoads(el.textContent ?? '').replace(/<\/style/gi, '<\\/style'));
    else for (const child of Array.from(el.childNodes)) visit(child);
    out.push(`</${tag}>`);
  };
  visit(doc.documentElement);

  const record: SnapshotMeta = {
    site: siteOf(pageUrl.hostname),
    url,
    takenAt: (options.now?.() ?? new Date()).toISOString(),
    version: 1,
    stats,
  };
  const head = `<meta charset="utf-8"><meta name="handoff-snapshot" content="${esc(JSON.stringify(record), ATTR_ESCAPE)}">`;
  if (metaAt < 0) out.splice(1, 0, head);
  else out[metaAt] = head;
  return { html: out.join(''), url, site: record.site, stats };
}

/** JSON-LD keeps its shape and its `@type`s; every other string is text. Broken JSON goes. */
function redactJson(source: string, r: Redactor): string {
  try {
    const walk = (value: unknown, key = ''): unknown => {
      if (typeof value === 'string') return key === '@type' || key === '@context' ? value : r.text(value);
      if (Array.isArray(value)) return value.map((v) => walk(v, key));
      if (typeof value !== 'object' || value === null) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    };
    return JSON.stringify(walk(JSON.parse(source))).replace(/</g, '\\u003c');
  } catch {
    return '{}';
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The site a host belongs to, by the manifest's own list. */
function siteOf(host: string): string {
  return Object.entries(SITES).find(([, site]) => site.host.test(host))?.[0] ?? 'other';
}

/** The snapshot's own record, read back from its HTML (as `snapshotPage` writes it); `null` if absent. */
export function readSnapshotMeta(html: string): SnapshotMeta | null {
  const m = /<meta name="handoff-snapshot" content="([^"]*)"/.exec(html);
  if (!m?.[1]) return null;
  try {
    const meta = JSON.parse(
      m[1].replace(
        /&(quot|amp|lt|gt|nbsp);/g,
        (_, e: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>' })[e] ?? '\u00a0',
      ),
    ) as SnapshotMeta;
    return typeof meta.site === 'string' && typeof meta.url === 'string' && meta.version === 1 ? meta : null;
  } catch {
    return null;
  }
}
