import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatBusinessDuration, formatDuration } from '../../../components/sidebar/format';
import { SlaClock } from '../../../components/sidebar/SlaClock';
import { DEFAULT_SETTINGS } from '../../../lib/domain/settings';
import { DAY, makeLead, NOW } from '../../support/factories';
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
