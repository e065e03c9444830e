/**
 * Touches that log themselves (opt-in, `settings.captureTouches`): the rep sending an email, a
 * LinkedIn message or a connection request, seen in the page by the page side. No network is
 * watched and nothing of the message is kept: the kind, the recipients as the compose shows them
 * (addresses, or the profile) and the thread or profile it was in. The background logs it as a
 * first touch for each known lead among them (lib/background/touches.ts).
 *
 * A send is what the rep did, then what the page did: a real click (or Enter, Ctrl/Cmd+Enter)
 * on the compose's send control, then, within {@link CONFIRM_MS}, the compose closing, its text
 * emptied, or a fresh "sent" notice in an alert or live region; an alert dialog in answer (the
 * site refusing it: an address it does not recognise) ends it unlogged. A page's own script
 * cannot start one: events it dispatches are not trusted (`isTrusted`). Each site says what its
 * send control is called, what a compose is and who it is to (lib/sites/<site>/sent.ts);
 * everything here is the same for all three, adds nothing to the page and does no work until
 * the rep sends.
 */

/** What was sent: an email, a LinkedIn message, a LinkedIn connection request. */
export type SentKind = 'email' | 'linkedin_message' | 'linkedin_invite';

/** What the page side reports of a send. Never the subject or the body. */
export interface SentTouch {
  kind: SentKind;
  /** The recipients' addresses as the compose shows them (mail); none on LinkedIn. */
  emails: string[];
  /** The profile messaged or invited (LinkedIn). */
  linkedinUrl?: string;
  /** The thread or profile it was in, as a page key (`gmail:<threadId>`): only to tell one send from another. */
  thread?: string;
}

/** One site's reading of a send (lib/sites/<site>/sent.ts). Pure: reads the elements it is given. */
export interface SendReader {
  /** What the site's send controls are called, in every language known ({@link normalLabel}'s form). */
  send: readonly string[];
  /** How the site's "sent" notices begin, in the same form; may be empty. */
  sent: readonly string[];
  /** The compose around a send control or an editor, or null. */
  compose(el: Element): Element | null;
  /** Whether a plain Enter in this compose's editor sends (LinkedIn's message box); Ctrl/Cmd+Enter always does. */
  enterSends?(compose: Element): boolean;
  /** What the compose sends to, or null when it shows nobody. */
  read(compose: Element, url: URL): SentTouch | null;
}

/** How long a send may take to show in the page; after it, the send is let go unlogged. */
export const CONFIRM_MS = 15_000;

/** An editor: where the rep types (a contenteditable box, a textarea). */
export const EDITOR = '[contenteditable="true"], textarea';
const NOTICE = '[role="alert"], [role="status"], [aria-live="assertive"], [aria-live="polite"]';
const BUTTON = 'button, [role="button"]';

/**
 * Interface text the way the send tables spell it: lower-cased, without the shortcut Gmail and
 * Outlook append ("Send ‪(Ctrl-Enter)‬"), bidi marks or trailing punctuation.
 */
export function normalLabel(text: string): string {
  return text
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\(.*$/s, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s.…:!]+$/, '')
    .trim()
    .toLowerCase();
}

/** A control's name: its aria-label, else its tooltip, else its text ({@link normalLabel}). */
export const labelOf = (el: Element): string =>
  normalLabel(el.getAttribute('aria-label') || el.getAttribute('data-tooltip') || el.textContent || '');

/** The send control `el` is, or is in, by its name in the site's table. */
export function sendControl(el: Element, reader: SendReader): Element | null {
  const control = el.closest(BUTTON);
  return control && reader.send.includes(labelOf(control)) ? control : null;
}

/** The nearest ancestor of `el` (itself excluded) that passes `test`, crossing no shadow root. */
export function ancestor(el: Element, test: (candidate: Element) => boolean): Element | null {
  for (let at = el.parentElement; at; at = at.parentElement) if (test(at)) return at;
  return null;
}

/** Whether `root` holds one of the site's send controls. */
export const holdsSend = (root: Element, reader: SendReader): boolean =>
  Array.from(root.querySelectorAll(BUTTON)).some((el) => reader.send.includes(labelOf(el)));

const ADDRESS = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+\.[^\s<>()[\]"',;:]+/g;

/** Every address in these strings, by its shape. */
export function addressesIn(values: Iterable<string | null | undefined>): string[] {
  const found = new Set<string>();
  for (const value of values) for (const match of (value ?? '').matchAll(ADDRESS)) found.add(match[0]);
  return [...found];
}

/** The text of a compose's editors, trimmed: emptied by the page once it sent. */
function typed(compose: Element): string {
  return Array.from(compose.querySelectorAll<HTMLElement>(EDITOR))
    .map((el) => ('value' in el ? String(el.value) : el.textContent) ?? '')
    .join('')
    .trim();
}

/**
 * A compose that left the page, or is hidden there (`hidden`, `display: none`). Not
 * `aria-hidden`: sites put it on everything behind a dialog they open over the compose.
 */
function closed(compose: Element): boolean {
  const visible = (compose as Element & { checkVisibility?: () => boolean }).checkVisibility?.();
  return !compose.isConnected || visible === false || compose.closest('[hidden]') !== null;
}

/** The text of the page's "sent" notice (an alert or live region beginning like one), or null. */
function notice(root: Document | ShadowRoot, reader: SendReader): string | null {
  if (reader.sent.length === 0) return null;
  for (const el of Array.from(root.querySelectorAll(NOTICE))) {
    const text = normalLabel(el.textContent ?? '');
    if (reader.sent.some((start) => text.startsWith(start))) return text;
  }
  return null;
}

export interface WatchSendsOptions {
  /** The page's window (the page side's `window`; a jsdom window in tests). */
  window: Window;
  reader: SendReader;
  /** Aborting removes every listener, observer and timer. */
  signal: AbortSignal;
  /** Called once per confirmed send. */
  onSent(touch: SentTouch): void;
  /** Whether an event is the rep's own. Default `event.isTrusted`; tests, which cannot make trusted events, pass their own. */
  trusted?: (event: Event) => boolean;
}

interface Pending {
  compose: Element;
  touch: SentTouch;
  text: string;
  /** The notice already showing when the rep sent (a previous send's): not this one's. */
  before: string | null;
  /** How many alert dialogs the page showed when the rep sent. */
  dialogs: number;
  stop(): void;
}

/**
 * Watches the page for the rep's sends (see the file's comment) and calls `onSent` once for each
 * the page confirms. One send is followed at a time: a second click on the same send control,
 * or Gmail's own click after its keydown, is the same send.
 */
export function watchSends(options: WatchSendsOptions): void {
  const { window: win, reader, signal, onSent } = options;
  const trusted = options.trusted ?? ((event: Event) => event.isTrusted);
  const doc = win.document;
  let pending: Pending | undefined;

  const finish = () => {
    pending?.stop();
    pending = undefined;
  };
  const check = () => {
    const p = pending;
    if (!p) return;
    // An alert dialog in answer is the site refusing the send ("address not recognised").
    if (alertDialogs() > p.dialogs) {
      finish();
      return;
    }
    const shown = noticeIn(p.compose);
    // The previous send's notice went: the next one shown is this send's.
    if (shown === null) p.before = null;
    if (closed(p.compose) || (p.text !== '' && typed(p.compose) === '') || (shown !== null && shown !== p.before)) {
      finish();
      onSent(p.touch);
    }
  };
  // The page's own notices, and those in the compose's shadow root (LinkedIn's 2025 overlay).
  const noticeIn = (compose: Element) => {
    const root = compose.getRootNode();
    return (
      notice(doc, reader) ?? (root !== doc && 'querySelectorAll' in root ? notice(root as ShadowRoot, reader) : null)
    );
  };

  const alertDialogs = () => doc.querySelectorAll('[role="alertdialog"]').length;

  const start = (el: Element) => {
    const compose = reader.compose(el);
    if (!compose || pending?.compose === compose) return;
    check();
    const touch = reader.read(compose, new URL(win.location.href));
    if (!touch) return;
    finish();
    const observer = new (win as Window & typeof globalThis).MutationObserver(check);
    const watch = { childList: true, subtree: true, characterData: true, attributes: true };
    observer.observe(doc, watch);
    const root = compose.getRootNode();
    if (root !== doc) observer.observe(root, watch);
    const timer = setTimeout(finish, CONFIRM_MS);
    pending = {
      compose,
      touch,
      text: typed(compose),
      before: noticeIn(compose),
      dialogs: alertDialogs(),
      stop: () => {
        observer.disconnect();
        clearTimeout(timer);
      },
    };
    // The page may have closed the compose in the same gesture, before this click reached us.
    check();
  };

  // Where the event happened, inside an open shadow root too (the document sees its host).
  const origin = (event: Event): Element | null => {
    const target = event.composedPath()[0] as Node | undefined;
    return target?.nodeType === 1 ? (target as Element) : null;
  };
  doc.addEventListener(
    'click',
    (event) => {
      const el = trusted(event) ? origin(event) : null;
      const control = el && sendControl(el, reader);
      if (control) start(control);
    },
    { capture: true, signal },
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      const el = trusted(event) ? origin(event) : null;
      if (!el || (event.key !== 'Enter' && event.key !== ' ') || event.isComposing) return;
      const control = sendControl(el, reader);
      // A native button turns Enter and Space into a click of its own.
      if (control) {
        if (control.tagName !== 'BUTTON') start(control);
        return;
      }
      if (event.key !== 'Enter' || event.shiftKey || !el.closest(EDITOR)) return;
      const compose = reader.compose(el);
      if (compose && (event.ctrlKey || event.metaKey || reader.enterSends?.(compose))) start(el);
    },
    { capture: true, signal },
  );
  signal.addEventListener('abort', finish, { once: true });
}
