import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatBusinessDuration, formatDuration } from '../../../components/sidebar/format';
import { SlaClock } from '../../../components/sidebar/SlaClock';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { DAY, makeEvent, makeLead, NOW } from '../../support/factories';
import { renderWithFormat } from './render';

const HOUR = 3_600_000;
const MINUTE = 60_000;
// NOW: Monday 2026-11-23 12:00 UTC. Default SLA: 24 business hours, Mon-Fri 09:00-17:00 UTC.
const MONDAY_10 = NOW - 2 * HOUR;
const DEADLINE = Date.UTC(2026, 10, 26, 10, 0); // Thursday 10:00

function clock(times: { mqlAt: number; firstTouchAt?: number }, now: number, settings = DEFAULT_SETTINGS) {
  const lead = makeLead({ stage: 'mql', times: { createdAt: NOW - 30 * DAY, ...times } });
  return renderWithFormat(<SlaClock lead={lead} settings={settings} now={now} />);
}

const text = () => screen.getByTestId('sla-text').textContent;

describe('SlaClock', () => {
  it.each([
    { name: 'hours and minutes left', now: NOW + 40 * MINUTE, expected: '21 h 20 min left for first touch' },
    { name: 'whole hours left', now: NOW, expected: '22 h left for first touch' },
    { name: 'minutes left', now: DEADLINE - 5 * MINUTE, expected: '5 min left for first touch' },
    { name: 'seconds left', now: DEADLINE - 30_000, expected: 'Less than a minute left for first touch' },
    { name: 'exactly at the deadline', now: DEADLINE, expected: 'Less than a minute left for first touch' },
    { name: 'overdue by whole hours', now: DEADLINE + 2 * HOUR, expected: 'Overdue by 2 business hours' },
    { name: 'overdue by one hour', now: DEADLINE + HOUR, expected: 'Overdue by 1 business hour' },
    {
      name: 'overdue by a part hour',
      now: DEADLINE + 2 * HOUR + 15 * MINUTE,
      expected: 'Overdue by 2 h 15 min of business time',
    },
    // Thursday 17:00 to Friday 09:00 is overnight: no business time passes.
    { name: 'overdue overnight', now: DEADLINE + 7 * HOUR + 10 * HOUR, expected: 'Overdue by 7 business hours' },
  ])('$name', ({ now, expected }) => {
    clock({ mqlAt: MONDAY_10 }, now);
    expect(text()).toBe(expected);
  });

  it('says since when, when the deadline passed at the close and nothing has opened since', () => {
    // 8 h SLA from Monday 09:00: due at Monday's close, read at 20:00.
    const settings = { ...DEFAULT_SETTINGS, sla: { ...DEFAULT_SETTINGS.sla, firstTouchBusinessHours: 8 } };
    clock({ mqlAt: NOW - 3 * HOUR }, NOW + 8 * HOUR, settings);
    expect(text()).toBe('Overdue since Mon, 23 Nov 2026, 17:00');
    expect(screen.getByText('Overdue')).toBeTruthy();
  });

  it('tells a late touch from an on-time one, in words', () => {
    clock({ mqlAt: MONDAY_10, firstTouchAt: DEADLINE + 3 * HOUR }, NOW + 7 * DAY);
    expect(text()).toBe('First touch after 27 h, past the 24 business hours');
    expect(screen.getByText('Late')).toBeTruthy();
    expect(screen.getByText('Touched Thu, 26 Nov 2026, 13:00; due Thu, 26 Nov 2026, 10:00')).toBeTruthy();
  });

  it('puts a demo request on its one-hour clock, even for a lead that is not an MQL', () => {
    const lead = makeLead({ stage: 'lead', times: { createdAt: NOW - DAY } });
    const events = [makeEvent(lead, 'demo_requested', 20 / 1440)];
    renderWithFormat(<SlaClock lead={lead} settings={DEFAULT_SETTINGS} now={NOW} events={events} />);
    expect(text()).toBe('40 min left for first touch');
    expect(screen.getByText('High intent')).toBeTruthy();
    expect(screen.getByText('Due Mon, 23 Nov 2026, 12:40 (1 business hour from the request)')).toBeTruthy();
  });

  it('after the first touch, runs the verdict clock under the met touch', () => {
    clock({ mqlAt: MONDAY_10, firstTouchAt: MONDAY_10 + 30 * MINUTE }, NOW);
    expect(text()).toBe('First touch met in 30 min');
    // Two working days of 8 h from Monday 10:30: Wednesday 10:30.
    expect(screen.getByTestId('verdict-text').textContent).toBe('14 h 30 min left to accept or reject');
    expect(screen.getByText('Due Wed, 25 Nov 2026, 10:30 (2 business days from the first touch)')).toBeTruthy();
  });

  it('says when the verdict is overdue, and how a decision met it', () => {
    clock({ mqlAt: MONDAY_10, firstTouchAt: MONDAY_10 + 30 * MINUTE }, NOW + 3 * DAY);
    // Due Wednesday 10:30, read Thursday 12:00: 6 h 30 min on Wednesday and 3 h on Thursday.
    expect(screen.getByTestId('verdict-text').textContent).toBe('Verdict overdue by 9 h 30 min of business time');
    const lead = makeLead({
      stage: 'sql',
      times: { createdAt: NOW - 30 * DAY, mqlAt: MONDAY_10, firstTouchAt: MONDAY_10 + HOUR, sqlAt: NOW + DAY },
    });
    renderWithFormat(<SlaClock lead={lead} settings={DEFAULT_SETTINGS} now={NOW + 3 * DAY} />);
    expect(screen.getAllByTestId('verdict-text')[1]?.textContent).toBe('Decided in 9 h');
  });

  it('renders nothing for a lead the SLA does not apply to', () => {
    const { container } = renderWithFormat(
      <SlaClock lead={makeLead({ stage: 'lead' })} settings={DEFAULT_SETTINGS} now={NOW} />,
    );
    expect(container.textContent).toBe('');
  });
});

describe('duration wording', () => {
  it.each([
    [0, '0 min', '0 min of business time'],
    [59_999, '0 min', '0 min of business time'],
    [45 * MINUTE, '45 min', '45 min of business time'],
    [HOUR, '1 h', '1 business hour'],
    [3 * HOUR + 20 * MINUTE, '3 h 20 min', '3 h 20 min of business time'],
    [5 * HOUR + 30_000, '5 h', '5 business hours'],
    [-HOUR, '0 min', '0 min of business time'],
  ])('%d ms: "%s" / "%s"', (ms, plain, business) => {
    expect(formatDuration(ms)).toBe(plain);
    expect(formatBusinessDuration(ms)).toBe(business);
  });
});
