import type { ParsedPageState } from '../sites/identity';
import { SIDEBAR_PORT, SidebarPortMessageSchema, type SidebarUpMessage } from './protocol';

/** The part of `runtime.Port` the client uses. */
export interface ClientPort {
  postMessage?(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export interface SidebarClientOptions {
  connect(name: string): ClientPort;
  /** The port's name: {@link SIDEBAR_PORT} (a frame, the default) or `PANEL_PORT` (the side panel). */
  portName?: string;
  onState(state: ParsedPageState): void;
  /** The side panel's tab has no page of ours (a frame never hears this). */
  onAbsent?(): void;
  /** Stored data changed somewhere: re-read what is shown. */
  onChanged?(): void;
  /** The port is (re)connected: how to post up it until it drops. */
  onConnected?(post: (message: SidebarUpMessage) => void): void;
  /** A message that failed validation, or a lost connection that could not be re-made. */
  onError(message: string): void;
  signal: AbortSignal;
  /** Delay before reconnecting after the service worker stopped. */
  retryMs?: number;
}

/**
 * Keeps the sidebar frame connected to the background and hands it its tab's page state.
 * The service worker stops when idle and the port drops with it: the client reconnects and
 * the background replays the latest state. Every message is parsed: the frame trusts nothing.
 */
export function connectSidebar({
  connect,
  portName = SIDEBAR_PORT,
  onState,
  onAbsent,
  onChanged,
  onConnected,
  onError,
  signal,
  retryMs = 250,
}: SidebarClientOptions): void {
  let failures = 0;
  const open = () => {
    if (signal.aborted) return;
    let port: ClientPort;
    try {
      port = connect(portName);
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
      return;
    }
    port.onMessage.addListener((raw) => {
      failures = 0;
      const parsed = SidebarPortMessageSchema.safeParse(raw);
      if (!parsed.success) onError('The page sent something the sidebar could not read.');
      else if (parsed.data.type === 'page.state') onState(parsed.data.state);
      else if (parsed.data.type === 'page.absent') onAbsent?.();
      else onChanged?.();
    });
    port.onDisconnect.addListener(() => {
      if (signal.aborted) return;
      failures += 1;
      if (failures > 5) onError('Lost the connection to the extension. Reload the page.');
      else setTimeout(open, retryMs * failures);
    });
    signal.addEventListener('abort', () => port.disconnect(), { once: true });
    onConnected?.((message) => {
      // A port that just dropped throws; the reconnect re-posts what is still unsaved.
      try {
        port.postMessage?.(message);
      } catch {}
    });
  };
  open();
}
