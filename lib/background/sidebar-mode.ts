import { DEFAULT_SIDEBAR_MODES, type SidebarMode, type SidebarModes } from '../domain/settings';
import { SITE_NAMES, type Site } from '../sidebar/host';

/**
 * The sidebar mode of each site as the background knows it, kept in memory so the toolbar
 * shortcut can decide at once: `sidePanel.open` counts only inside the rep's gesture, with
 * nothing awaited before it. Until the settings are read (a worker just woken by the
 * shortcut), the defaults answer.
 */
export class SidebarModeCache {
  private modes: SidebarModes = DEFAULT_SIDEBAR_MODES;
  private pending: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param panelSupported whether this browser has a side panel (`sidePanel` or
   *   `sidebarAction`); without one every site uses the frame, whatever the settings say.
   */
  constructor(
    private readonly read: () => Promise<SidebarModes>,
    readonly panelSupported: boolean,
  ) {}

  /** The mode in force on a site. */
  modeOf(site: Site): SidebarMode {
    return this.panelSupported ? this.modes[site] : 'frame';
  }

  /**
   * Stored data changed (any table): reads the settings again once the burst is over (an
   * import writes in hundreds of transactions) and calls `onChange` with the sites whose mode
   * changed, if any.
   */
  changed(onChange: (sites: Site[]) => void, coalesceMs = 100): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.refresh()
        .then((sites) => sites.length > 0 && onChange(sites))
        .catch((error: unknown) => console.warn('Handoff: could not read the sidebar modes', error));
    }, coalesceMs);
  }

  /** Reads the settings again; answers the sites whose mode in force changed. */
  async refresh(): Promise<Site[]> {
    const before = SITE_NAMES.map((site) => this.modeOf(site));
    this.modes = await this.read();
    return SITE_NAMES.filter((site, index) => this.modeOf(site) !== before[index]);
  }
}
