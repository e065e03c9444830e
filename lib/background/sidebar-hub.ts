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
 * Relays each tab's page state from its content script to its sidebar frame, and to a side
 * panel following that tab. The service worker can stop at any time, so the latest state of
 * every tab is also kept in session storage and handed to a sidebar that (re)connects.
 */
export class SidebarHub {
  private readonly states = new Map<number, ParsedPageState>();
  private readonly ports = new Map<number, Set<SidebarPort>>();
  /** Side panels and the tab each follows (none until it says). */
  private readonly panels = new Map<SidebarPort, number | undefined>();
  private pendingChange: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param onUnread called when a side panel comes to a tab whose page has no state: a page in
   * panel mode whose page side waited for someone to look (lib/background/handlers `page.load`).
   */
  constructor(
    private readonly session: SessionStore,
    private readonly onUnread?: (tabId: number) => void,
  ) {}

  /** Whether a side panel shows this tab now. */
  isFollowed(tabId: number): boolean {
    for (const followed of this.panels.values()) if (followed === tabId) return true;
    return false;
  }

  /** A content script reported its page. */
  async update(tabId: number, state: ParsedPageState): Promise<void> {
    this.states.set(tabId, state);
    for (const port of this.ports.get(tabId) ?? []) port.postMessage({ type: 'page.state', state });
    await this.session.set({ [keyOf(tabId)]: state });
  }

  /** A sidebar frame in `tabId` connected: give it the latest state, then every update. */
  async connect(tabId: number, port: SidebarPort): Promise<void> {
    this.subscribe(tabId, port);
    port.onDisconnect.addListener(() => this.unsubscribe(tabId, port));
    const state = await this.stateOf(tabId);
    if (state) port.postMessage({ type: 'page.state', state });
  }

  /** A side panel connected: it shows nothing until it says which tab it follows ({@link follow}). */
  connectPanel(port: SidebarPort): void {
    this.panels.set(port, undefined);
    port.onDisconnect.addListener(() => {
      const tabId = this.panels.get(port);
      if (tabId !== undefined) this.unsubscribe(tabId, port);
      this.panels.delete(port);
    });
  }

  /**
   * A side panel now shows `tabId` (the active tab of its window; `undefined`: none): it gets
   * that tab's latest state, or `page.absent` when the tab has no page of ours, then every
   * update of that tab until it follows another.
   */
  async follow(port: SidebarPort, tabId: number | undefined): Promise<void> {
    if (!this.panels.has(port)) return;
    const previous = this.panels.get(port);
    if (previous !== undefined) this.unsubscribe(previous, port);
    this.panels.set(port, tabId);
    if (tabId === undefined) return port.postMessage({ type: 'page.absent' });
    this.subscribe(tabId, port);
    const state = await this.stateOf(tabId);
    // The rep may have switched tabs again while the state was read: that follow answers.
    if (this.panels.get(port) !== tabId) return;
    port.postMessage(state ? { type: 'page.state', state } : { type: 'page.absent' });
    // Not read yet (its page side waited): read it now; its state follows as an update.
    if (!state) this.onUnread?.(tabId);
  }

  /**
   * Stored data changed: tell every sidebar to re-read what it shows. Bursts (an import
   * writes thousands of rows) are coalesced into one notice per `coalesceMs`.
   */
  changed(coalesceMs = 50): void {
    if (this.pendingChange) return;
    this.pendingChange = setTimeout(() => {
      this.pendingChange = undefined;
      // A panel following a tab is in both lists: one notice each.
      const all = new Set([...this.panels.keys(), ...[...this.ports.values()].flatMap((ports) => [...ports])]);
      for (const port of all) port.postMessage({ type: 'db.changed' });
    }, coalesceMs);
  }

  /** The tab closed: forget it. A panel that followed it shows nothing until it follows another. */
  async forget(tabId: number): Promise<void> {
    await this.left(tabId);
    for (const [port, followed] of this.panels) if (followed === tabId) this.panels.set(port, undefined);
    this.ports.delete(tabId);
  }

  /**
   * The tab left our sites (it navigated elsewhere; its content script is gone and says
   * nothing more): drop its state, and a panel following it shows `none` until it comes back.
   */
  async left(tabId: number): Promise<void> {
    this.states.delete(tabId);
    for (const port of this.ports.get(tabId) ?? [])
      if (this.panels.has(port)) port.postMessage({ type: 'page.absent' });
    await this.session.remove(keyOf(tabId));
  }

  private subscribe(tabId: number, port: SidebarPort): void {
    const ports = this.ports.get(tabId) ?? new Set();
    ports.add(port);
    this.ports.set(tabId, ports);
  }

  private unsubscribe(tabId: number, port: SidebarPort): void {
    const ports = this.ports.get(tabId);
    if (!ports) return;
    ports.delete(port);
    if (ports.size === 0) this.ports.delete(tabId);
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
