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
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
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
 * Classifies a sender from what the browser reports about it. A message from another
 * extension, or from a tab whose URL is not one of our sites, is `null`: refused.
 */
export function classifySender(sender: Sender, options: RouterOptions): SenderKind | null {
  if (sender.id !== options.extensionId) return null;
  if (sender.url?.startsWith(options.extensionOrigin)) return 'extension';
  const url = sender.tab?.url ?? sender.url;
  if (!sender.tab || !url) return null;
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'https:') return null;
    return options.contentHosts.some((host) => host.test(hostname)) ? 'content' : null;
  } catch {
    return null;
  }
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
