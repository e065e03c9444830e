import { describeIssues } from '../domain/validation';
import {
  EnvelopeSchema,
  type MessageType,
  type ParsedRequestOf,
  PROTOCOL,
  type Reply,
  type ResponseOf,
  type SenderKind,
} from './protocol';

/** The fields of `runtime.MessageSender` the router trusts: set by the browser, not the sender. */
export interface Sender {
  id?: string;
  /** The sending frame's own URL (not its tab's). */
  url?: string;
  /** The sending frame's origin, where the browser reports it (Chromium; Firefox does not). */
  origin?: string;
  tab?: { id?: number; url?: string };
  /** 0 for a tab's top frame. */
  frameId?: number;
  /** The sending document (Chromium 106+), so an answer reaches that document and not the next one in its frame. */
  documentId?: string;
}

export type Handlers = {
  [T in MessageType]: (request: ParsedRequestOf<T>, sender: Sender) => Promise<ResponseOf<T>> | ResponseOf<T>;
};

export interface RouterOptions {
  /** Our extension's id (`browser.runtime.id`). */
  extensionId: string;
  /** Our origin, `chrome-extension://<id>/` or `moz-extension://<uuid>/` (`browser.runtime.getURL('/')`). */
  extensionOrigin: string;
  /** Hosts our content scripts run on; a content message from anywhere else is refused. */
  contentHosts: readonly RegExp[];
}

/**
 * Classifies a sender from what the browser reports about the sending frame itself: its
 * URL and, where given, its origin; never the tab's URL, which names the top page even for
 * a message from a frame inside it. An extension page is one on our origin (framed in a tab
 * or not). A content script is one in a tab's top frame (`frameId` 0: ours run nowhere
 * else) on https on one of our sites. Anything else (another extension, a frame we do not
 * run in, an origin that disagrees with the URL) is `null`: refused.
 */
export function classifySender(sender: Sender, options: RouterOptions): SenderKind | null {
  if (sender.id !== options.extensionId || !sender.url) return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  // Compared as given, not as parsed: a moz-extension:// URL has the opaque origin "null".
  const ours = sender.url.startsWith(options.extensionOrigin);
  if (ours) return sender.origin === undefined || `${sender.origin}/` === options.extensionOrigin ? 'extension' : null;
  if (!sender.tab || sender.frameId !== 0 || url.protocol !== 'https:') return null;
  if (sender.origin !== undefined && sender.origin !== url.origin) return null;
  return options.contentHosts.some((host) => host.test(url.hostname)) ? 'content' : null;
}

/**
 * Builds the background's `runtime.onMessage` handler: checks the sender against what
 * the browser reports, parses the envelope and the request, runs the handler, parses
 * its response, and always answers a {@link Reply} (no exception crosses contexts).
 */
export function createRouter(handlers: Handlers, options: RouterOptions) {
  return async function route(message: unknown, sender: Sender): Promise<Reply<unknown>> {
    const envelope = EnvelopeSchema.safeParse(message);
    if (!envelope.success) return { ok: false, error: 'Malformed message' };
    const type = envelope.data.type;
    if (!Object.hasOwn(PROTOCOL, type)) return { ok: false, error: `Unknown message type "${type}"` };
    const definition = PROTOCOL[type as MessageType];

    const kind = classifySender(sender, options);
    if (kind === null || !(definition.from as readonly SenderKind[]).includes(kind)) {
      return { ok: false, error: `Sender not allowed for "${type}"` };
    }
    const request = definition.request.safeParse(envelope.data.payload ?? {});
    if (!request.success) {
      return { ok: false, error: `Invalid ${type} request: ${formatIssues(request.error)}` };
    }
    try {
      const handler = handlers[type as MessageType] as (req: unknown, sender: Sender) => unknown;
      const value = definition.response.parse(await handler(request.data, sender));
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}

function formatIssues(error: Parameters<typeof describeIssues>[0]): string {
  return describeIssues(error)
    .map((i) => `${i.path || '(root)'}: ${i.message}`)
    .join('; ');
}
