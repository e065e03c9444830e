import type { SidebarPortMessage } from '../messaging/protocol';
import type { ParsedPageState } from '../sites/identity';
import { PageStateSchema } from '../sites/identity';

/** The part of `runtime.Port` the hub uses. */
export interface SidebarPort {
  postMessage(message: SidebarPortMessage): void;
  onDisconnect: { addListener(listener: () => void): void };
}

/** Where tab states outlive a stopped service worker (`storage.session`: memory only, never on disk). */
export interface SessionStore {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const keyOf = (tabId: number) => `page:${tabId}`;

/**
 * Relays each tab's page state from its content script to its sidebar frame. The service
 * worker can stop at any time, so the latest state of every tab is also kept in session
 * storage and handed to a sidebar that (re)connects.
 */
export class SidebarHub {
  private readonly states = new Map<number, ParsedPageState>();
  private readonly ports = new Map<number, Set<SidebarPort>>();
  private pendingChange: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly session: SessionStore) {}

  /** A content script reported its page. */
  async update(tabId: number, state: ParsedPageState): Promise<void> {
    this.states.set(tabId, state);
    for (const port of this.ports.get(tabId) ?? []) port.postMessage({ type: 'page.state', state });
    await this.session.set({ [keyOf(tabId)]: state });
  }

  /** A sidebar frame in `tabId` connected: give it the latest state, then every update. */
  async connect(tabId: number, port: SidebarPort): Promise<void> {
    const ports = this.ports.get(tabId) ?? new Set();
    ports.add(port);
    this.ports.set(tabId, ports);
    port.onDisconnect.addListener(() => {
      ports.delete(port);
      if (ports.size === 0) this.ports.delete(tabId);
    });
    const state = await this.stateOf(tabId);
    if (state) port.postMessage({ type: 'page.state', state });
  }

  /**
   * Stored data changed: tell every sidebar to re-read what it shows. Bursts (an import
   * writes thousands of rows) are coalesced into one notice per `coalesceMs`.
   */
  changed(coalesceMs = 50): void {
    if (this.pendingChange) return;
    this.pendingChange = setTimeout(() => {
      this.pendingChange = undefined;
      for (const ports of this.ports.values()) for (const port of ports) port.postMessage({ type: 'db.changed' });
    }, coalesceMs);
  }

  /** The tab closed: forget it. */
  async forget(tabId: number): Promise<void> {
    this.states.delete(tabId);
    this.ports.delete(tabId);
    await this.session.remove(keyOf(tabId));
  }

  private async stateOf(tabId: number): Promise<ParsedPageState | undefined> {
    const cached = this.states.get(tabId);
    if (cached) return cached;
    const stored = (await this.session.get(keyOf(tabId)))[keyOf(tabId)];
    // Parsed again: session storage is ours, but a schema change between versions must not crash.
    const parsed = PageStateSchema.safeParse(stored);
    if (!parsed.success) return undefined;
    this.states.set(tabId, parsed.data);
    return parsed.data;
  }
}
