import { describe, expect, it } from 'vitest';
import { inferDateOrder, parseCrmDate } from '../../../lib/import/dates';

const utc = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0) => Date.UTC(y, m - 1, d, h, min, s, ms);
const US = { order: 'mdy', timeZone: 'UTC' } as const;
const EU = { order: 'dmy', timeZone: 'UTC' } as const;

describe('parseCrmDate', () => {
  it.each([
    // HubSpot and Marketo exports, ISO 8601
    ['2026-03-14', US, utc(2026, 3, 14)],
    ['2026-03-14 09:12', US, utc(2026, 3, 14, 9, 12)],
    ['2026-03-14 09:12:33', US, utc(2026, 3, 14, 9, 12, 33)],
    ['2026-03-14T09:12:33Z', US, utc(2026, 3, 14, 9, 12, 33)],
    ['2026-03-14T09:12:33.250+01:00', US, utc(2026, 3, 14, 8, 12, 33, 250)],
    ['2026-03-14T09:12:33-0500', US, utc(2026, 3, 14, 14, 12, 33)],
    ['2026/03/14', US, utc(2026, 3, 14)],
    // Salesforce en_US, with and without the comma of newer locale formats
    ['3/14/2026', US, utc(2026, 3, 14)],
    ['03/14/2026 9:12 AM', US, utc(2026, 3, 14, 9, 12)],
    ['3/14/2026, 9:12 PM', US, utc(2026, 3, 14, 21, 12)],
    ['3/14/2026 12:05 AM', US, utc(2026, 3, 14, 0, 5)],
    ['3/14/2026 12:05 PM', US, utc(2026, 3, 14, 12, 5)],
    ['3/14/26', US, utc(2026, 3, 14)],
    // European: day first by order, and always for dotted dates
    ['14/03/2026', EU, utc(2026, 3, 14)],
    ['14.03.2026', US, utc(2026, 3, 14)],
    ['14.03.2026 09:15', EU, utc(2026, 3, 14, 9, 15)],
    ['4.3.2026', EU, utc(2026, 3, 4)],
    // Month names (Marketo's UI, hand-made lists)
    ['Mar 14, 2026', US, utc(2026, 3, 14)],
    ['Sep 2, 2026 2:21 PM', US, utc(2026, 9, 2, 14, 21)],
    ['September 2 2026', US, utc(2026, 9, 2)],
    ['14 Mar 2026', US, utc(2026, 3, 14)],
    ['14-Mar-2026 10:00', US, utc(2026, 3, 14, 10)],
    ['  2026-03-14  ', US, utc(2026, 3, 14)],
    // 29 February in leap years only: every 4th, not every 100th, every 400th
    ['2028-02-29', US, utc(2028, 2, 29)],
    ['29.02.2000', EU, utc(2000, 2, 29)],
    ['2026-04-30', US, utc(2026, 4, 30)],
    ['2026-12-31 23:59', US, utc(2026, 12, 31, 23, 59)],
  ])('%s', (text, context, expected) => {
    expect(parseCrmDate(text, context)).toBe(expected);
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '2100-02-29',
    '2026-04-31',
    '2026-11-31 11:00',
    '13/14/2026',
    '31.11.2026',
    '2026-03-14 25:00',
    '2026-03-14 09:60',
    '3/14/2026 13:00 PM',
    'Smarch 14, 2026',
    'not attended',
    'yesterday',
    '1969-12-31',
    '20260314',
    '',
  ])('refuses %j', (text) => {
    expect(parseCrmDate(text, US)).toBeUndefined();
  });

  it('reads a date without an offset as a wall time in the given zone, DST included', () => {
    const berlin = { order: 'dmy', timeZone: 'Europe/Berlin' } as const;
    expect(parseCrmDate('14.03.2026 09:00', berlin)).toBe(utc(2026, 3, 14, 8));
    expect(parseCrmDate('14.07.2026 09:00', berlin)).toBe(utc(2026, 7, 14, 7));
    expect(parseCrmDate('2026-07-14', berlin)).toBe(utc(2026, 7, 13, 22));
    const newYork = { order: 'mdy', timeZone: 'America/New_York' } as const;
    // 02:30 does not exist on 8 March 2026 in New York: moved forward by the gap, to 03:30 EDT.
    expect(parseCrmDate('3/8/2026 2:30 AM', newYork)).toBe(utc(2026, 3, 8, 7, 30));
    // 01:30 happens twice on 1 November 2026: the first, EDT.
    expect(parseCrmDate('11/1/2026 1:30 AM', newYork)).toBe(utc(2026, 11, 1, 5, 30));
    // An explicit offset wins over the zone.
    expect(parseCrmDate('2026-07-14T09:00:00Z', berlin)).toBe(utc(2026, 7, 14, 9));
  });

  it('gives the same wall time in two zones two instants, however often it is read', () => {
    const tokyo = { order: 'mdy', timeZone: 'Asia/Tokyo' } as const;
    const newYork = { order: 'mdy', timeZone: 'America/New_York' } as const;
    for (let i = 0; i < 3; i++) {
      expect(parseCrmDate('2026-07-14 09:00', tokyo)).toBe(utc(2026, 7, 14, 0));
      expect(parseCrmDate('2026-07-14 09:00', newYork)).toBe(utc(2026, 7, 14, 13));
      expect(parseCrmDate('2026-07-14 09:00', US)).toBe(utc(2026, 7, 14, 9));
    }
  });
});

describe('inferDateOrder', () => {
  it('reads the order from a day or a month above 12, and nothing from what cannot tell', () => {
    expect(inferDateOrder(['03/04/2026', '21/10/2026'])).toBe('dmy');
    expect(inferDateOrder(['3/4/2026', '10/21/2026 9:00 AM'])).toBe('mdy');
    expect(inferDateOrder(['03/04/2026', '2026-10-21', '14.03.2026', ''])).toBeUndefined();
    expect(inferDateOrder(['13/04/2026', '04/13/2026'])).toBeUndefined();
  });
});
