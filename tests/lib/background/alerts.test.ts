import { describe, expect, it } from 'vitest';
import {
  ALERTS_ALARM,
  ALERTS_DEBOUNCE_MS,
  AlertService,
  type NotificationsApi,
  SHOWN_KEY,
} from '../../../lib/background/alerts';
import type { Lead } from '../../../lib/domain/lead';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/domain/settings';
import { buildQueue } from '../../../lib/queue/queue';
import type { QueueState } from '../../../lib/queue/read-plan';
import { DAY, makeLead, NOW } from '../../support/factories';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const ME = 'sam@seller.io';

/** A recorder for every browser API the service touches. */
function harness({ granted = true, settings = DEFAULT_SETTINGS as Settings, leads = [] as Lead[] } = {}) {
  const badge: { text?: string; title?: string; color?: string } = {};
  const created: { id: string; title: string; message: string }[] = [];
  const cleared: string[] = [];
  const opened: string[] = [];
  const store: Record<string, unknown> = {};
  const alarms: { name: string; info: unknown }[] = [];
  const alarmListeners: ((alarm: { name: string }) => void)[] = [];
  const clickListeners: ((id: string) => void)[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  let now = NOW;
  const triggers = new Map<string, number>();
  const notifications: NotificationsApi = {
    create: (id, options) => created.push({ id, title: options.title, message: options.message }),
    clear: (id) => cleared.push(id),
    onClicked: { addListener: (listener) => clickListeners.push(listener) },
  };
  const service = new AlertService({
    read: async (at): Promise<QueueState> => ({
      settings,
      view: 'team',
      queue: buildQueue(leads, settings, at, triggers),
      verdicts: { touched: [], awaiting: 0 },
      nextSteps: [],
    }),
    badge: {
      setBadgeText: ({ text }) => {
        badge.text = text;
      },
      setBadgeBackgroundColor: ({ color }) => {
        badge.color = color;
      },
      setTitle: ({ title }) => {
        badge.title = title;
      },
    },
    notifications: async () => (granted ? notifications : undefined),
    storage: {
      get: async (key) => (key in store ? { [key]: store[key] } : {}),
      set: async (items) => void Object.assign(store, items),
    },
    alarms: {
      create: (name, info) => alarms.push({ name, info }),
      clear: async () => true,
      get: async (name) => alarms.find((a) => a.name === name),
      onAlarm: { addListener: (listener) => alarmListeners.push(listener) },
    },
    timers: {
      set: (run, ms) => timers.push({ run, ms }),
      clear: () => {},
    },
    open: (url) => opened.push(url),
    pageUrl: (path) => `chrome-extension://abc${path}`,
    now: () => now,
  });
  return {
    service,
    badge,
    created,
    cleared,
    opened,
    store,
    alarms,
    alarmListeners,
    clickListeners,
    timers,
    setNow: (at: number) => {
      now = at;
    },
  };
}

const mql = (name: string, mqlAt: number, extra: Partial<Lead> = {}) =>
  makeLead({
    person: { name, emails: [`${name.toLowerCase()}@acme.io`], linkedinUrl: `https://www.linkedin.com/in/${name}/` },
    stage: 'mql',
    times: { createdAt: mqlAt - DAY, mqlAt },
    ...extra,
  });

describe('AlertService: the toolbar badge', () => {
  it('counts the leads that need the rep now, on start, on an alarm and after writes pause', async () => {
    const leads = [mql('late', NOW - 6 * DAY), mql('fresh', NOW - HOUR)];
    const h = harness({ leads });
    await h.service.start();
    expect(h.alarms).toEqual([{ name: ALERTS_ALARM, info: { periodInMinutes: 1 } }]);
    expect(h.badge.text).toBe('1');
    expect(h.badge.title).toBe('Handoff: 1 lead needs you now (overdue or due within the hour)');

    // Three days on, the fresh one is overdue too: the alarm alone updates the badge.
    h.setNow(NOW + 3 * DAY);
    h.alarmListeners[0]?.({ name: ALERTS_ALARM });
    await h.service.check();
    expect(h.badge.text).toBe('2');

    h.service.changed();
    expect(h.timers.at(-1)?.ms).toBe(ALERTS_DEBOUNCE_MS);
  });

  it('shows no number when nothing is due', async () => {
    const h = harness({ leads: [mql('fresh', NOW - HOUR)] });
    await h.service.check();
    expect(h.badge).toMatchObject({ text: '', title: 'Handoff' });
  });
});

describe('AlertService: notifications', () => {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    rep: { name: 'Sam', email: ME },
    alerts: { newMql: true, slaDueSoon: false, revisitsDue: false },
  };

  it('shows each due notification once and opens the lead’s LinkedIn page on a click', async () => {
    const mine = mql('mine', NOW - HOUR, { owner: ME });
    const h = harness({ settings, leads: [mine] });
    await h.service.check();
    expect(h.created).toEqual([
      { id: expect.stringMatching(/^new_mql:/), title: 'New MQL assigned to you', message: 'mine, Acme' },
    ]);
    await h.service.check();
    expect(h.created).toHaveLength(1);

    const id = h.created[0]?.id ?? '';
    h.clickListeners[0]?.(id);
    await h.service.clicked(id);
    expect(h.opened.at(-1)).toBe('https://www.linkedin.com/in/mine/');
    expect(h.cleared).toContain(id);
  });

  it('shows nothing without the permission, and nothing outside business hours', async () => {
    const mine = mql('mine', NOW - HOUR, { owner: ME });
    const denied = harness({ granted: false, settings, leads: [mine] });
    await denied.service.check();
    expect(denied.created).toEqual([]);
    // Saturday noon: the clocks stand still and so do the notifications.
    const weekend = harness({ settings, leads: [mql('mine', NOW + 4 * DAY, { owner: ME })] });
    weekend.setNow(NOW + 5 * DAY);
    await weekend.service.check();
    expect(weekend.created).toEqual([]);
  });

  it('reads a tampered record as nothing shown and never opens a foreign URL', async () => {
    const h = harness({ settings, leads: [] });
    h.store[SHOWN_KEY] = { evil: { at: NOW, url: 'https://evil.example/' } };
    await h.service.clicked('evil');
    expect(h.opened).toEqual([]);
    h.store[SHOWN_KEY] = 'not a record';
    await h.service.check();
    expect(h.store[SHOWN_KEY]).toEqual({});
  });

  it('opens the queue for a summary', async () => {
    const leads = ['a', 'b', 'c', 'd'].map((n) => mql(n, NOW - 10 * MINUTE, { owner: ME }));
    const h = harness({ settings, leads });
    await h.service.check();
    expect(h.created.map((c) => c.title)).toEqual(['4 new leads assigned to you']);
    await h.service.clicked(h.created[0]?.id ?? '');
    expect(h.opened).toEqual(['chrome-extension://abc/popup.html']);
  });
});
