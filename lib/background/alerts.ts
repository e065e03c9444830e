import * as z from 'zod';
import type { Settings } from '../domain/settings';
import { type Alert, alertsDue, badgeText, leadsNeedingAction } from '../queue/alerts';
import { leadLink } from '../queue/queue';
import type { QueueState } from '../queue/read-plan';
import { isBusinessTime } from '../sla/business-hours';
import type { Alarms, Timers } from '../sync/scheduler';

/** The alarm that refreshes the badge and checks for notifications while nothing changes. */
export const ALERTS_ALARM = 'handoff-alerts';
/** Clocks run in minutes: the badge follows them once a minute. */
export const ALERTS_PERIOD_MINUTES = 1;
/** After a write, the badge follows once the writes pause (an import is thousands of writes). */
export const ALERTS_DEBOUNCE_MS = 1000;
/** Where the keys of notifications already shown are kept (`storage.local`), with what a click opens. */
export const SHOWN_KEY = 'handoff.alerts.shown';
/** A shown key is forgotten after a week: every key has a date or a deadline in it by then past. */
const KEEP_SHOWN_MS = 7 * 86_400_000;

/** The parts of `browser.action` the badge uses. */
export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  setTitle(details: { title: string }): Promise<void> | void;
}

/** The parts of `browser.notifications` (an optional permission: absent until the rep grants it). */
export interface NotificationsApi {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): unknown;
  clear(id: string): unknown;
  onClicked: { addListener(listener: (id: string) => void): void };
}

export interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const ShownSchema = z.record(z.string().max(500), z.object({ at: z.number(), url: z.string().max(2000) }));
type Shown = z.infer<typeof ShownSchema>;

export interface AlertServiceOptions {
  read: (now: number) => Promise<QueueState & { settings: Settings }>;
  badge: BadgeApi;
  /** The notifications API when the rep has granted it, else `undefined`. */
  notifications: () => Promise<NotificationsApi | undefined>;
  storage: StorageArea;
  alarms: Alarms;
  timers?: Timers;
  /** Opens a URL in a new tab (a notification's click). */
  open: (url: string) => unknown;
  /** The extension's own page URL: the queue (popup page) and the icon. */
  pageUrl: (path: string) => string;
  now: () => number;
}

const setTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The toolbar badge and the opt-in notifications (issue 17, "Alerts"). The badge counts the
 * leads that need the rep now (lib/queue `leadsNeedingAction`); it follows every write (once
 * the writes pause) and a one-minute alarm, since the clocks move with time alone. A check
 * also shows the notifications due (lib/queue `alertsDue`) when the rep turned them on and
 * granted the permission, each once: their keys are kept in `storage.local` with the URL a
 * click opens (the lead's LinkedIn page, or the queue).
 */
export class AlertService {
  private readonly timers: Timers;
  private pending: unknown;
  private running: Promise<void> | undefined;
  private again = false;
  private listening = false;

  constructor(private readonly options: AlertServiceOptions) {
    this.timers = options.timers ?? setTimers;
  }

  /** Listens to the alarm, makes sure it exists, and checks once. */
  async start(): Promise<void> {
    this.options.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === ALERTS_ALARM) void this.check();
    });
    if (!(await this.options.alarms.get(ALERTS_ALARM)))
      await this.options.alarms.create(ALERTS_ALARM, { periodInMinutes: ALERTS_PERIOD_MINUTES });
    await this.check();
  }

  /** Something was written: check once the writes pause. */
  changed(): void {
    if (this.pending !== undefined) this.timers.clear(this.pending);
    this.pending = this.timers.set(() => {
      this.pending = undefined;
      void this.check();
    }, ALERTS_DEBOUNCE_MS);
  }

  /** Updates the badge and shows what is due; one check at a time, one more if asked meanwhile. */
  check(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run()
      .catch((error: unknown) => console.warn('Handoff: the alerts check failed', error))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          void this.check();
        }
      });
    return this.running;
  }

  /** A notification was clicked: opens what it was about. */
  async clicked(id: string): Promise<void> {
    const shown = await this.shown();
    const url = shown[id]?.url;
    if (url) await this.options.open(url);
    (await this.options.notifications())?.clear(id);
  }

  private async run(): Promise<void> {
    const now = this.options.now();
    const state = await this.options.read(now);
    const count = leadsNeedingAction(state, now).length;
    const { badge } = this.options;
    await badge.setBadgeBackgroundColor({ color: '#b42318' });
    await badge.setBadgeText({ text: badgeText(count) });
    await badge.setTitle({
      title:
        count === 0
          ? 'Handoff'
          : `Handoff: ${count} ${count === 1 ? 'lead needs' : 'leads need'} you now (overdue or due within the hour)`,
    });

    const { alerts } = state.settings;
    if (!alerts.newMql && !alerts.slaDueSoon && !alerts.revisitsDue) return;
    const api = await this.options.notifications();
    if (!api) return;
    if (!this.listening) {
      this.listening = true;
      api.onClicked.addListener((id) => void this.clicked(id));
    }
    const shown = await this.shown();
    const due = alertsDue(
      state,
      state.settings,
      now,
      new Set(Object.keys(shown)),
      isBusinessTime(now, state.settings.sla.calendar),
    );
    for (const [key, entry] of Object.entries(shown)) if (now - entry.at > KEEP_SHOWN_MS) delete shown[key];
    for (const alert of due) {
      shown[alert.key] = { at: now, url: this.urlOf(alert) };
      api.create(alert.key, {
        type: 'basic',
        iconUrl: this.options.pageUrl('/icon/128.png'),
        title: alert.title,
        message: alert.message,
      });
    }
    await this.options.storage.set({ [SHOWN_KEY]: shown });
  }

  private urlOf(alert: Alert): string {
    return alert.lead ? leadLink(alert.lead).href : this.options.pageUrl('/popup.html');
  }

  /**
   * The keys shown, as stored. `storage.local` is reachable from our content scripts too, so
   * what is read is checked like any input: a malformed record reads as nothing shown, and a
   * click opens only LinkedIn or our own pages.
   */
  private async shown(): Promise<Shown> {
    const parsed = ShownSchema.safeParse((await this.options.storage.get(SHOWN_KEY))[SHOWN_KEY]);
    if (!parsed.success) return {};
    const ours = this.options.pageUrl('/');
    const safe = (url: string) => url.startsWith(ours) || url.startsWith('https://www.linkedin.com/');
    return Object.fromEntries(Object.entries(parsed.data).filter(([, entry]) => safe(entry.url)));
  }
}
