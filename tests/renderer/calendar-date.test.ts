import { describe, expect, it } from 'vitest';
import { formatDateInput, parseDateInput, parseTimeInput } from '../../renderer/src/lib/calendarDate';

describe('dates as the interface language writes them', () => {
  it('shows a date as TT.MM.JJJJ in German and dd-mm-jjjj in Dutch, a month alone as MM.JJJJ / mm-jjjj', () => {
    expect(formatDateInput('2027-09-15', 'de')).toBe('15.09.2027');
    expect(formatDateInput('2027-09-15', 'nl')).toBe('15-09-2027');
    expect(formatDateInput('2027-09', 'de')).toBe('09.2027');
    expect(formatDateInput('2027-09', 'nl')).toBe('09-2027');
  });

  it('reads the day first whatever the separator, so 09.10. is the 9th of October, never 10 September', () => {
    for (const typed of ['09.10.2027', '9.10.2027', '09-10-2027', '9-10-2027', '09/10/2027', ' 09.10.2027 '])
      expect(parseDateInput(typed), typed).toBe('2027-10-09');
    expect(parseDateInput('')).toBe('');
  });

  it('refuses what is no date: impossible days, two-digit years, American order, words', () => {
    for (const typed of ['31.02.2027', '15.13.2027', '15.09.27', '2027-09-15', '09/31/2027', 'morgen', '15.09'])
      expect(parseDateInput(typed), typed).toBeNull();
  });

  it('accepts a month alone only where the field allows it', () => {
    expect(parseDateInput('09.2027', { allowMonth: true })).toBe('2027-09');
    expect(parseDateInput('9-2027', { allowMonth: true })).toBe('2027-09');
    expect(parseDateInput('09.2027')).toBeNull();
    expect(parseDateInput('13.2027', { allowMonth: true })).toBeNull();
  });

  it('reads times of day on the 24-hour clock', () => {
    expect(parseTimeInput('9:30')).toBe('09:30');
    expect(parseTimeInput('0930')).toBe('09:30');
    expect(parseTimeInput('14.05')).toBe('14:05');
    expect(parseTimeInput('')).toBe('');
    expect(parseTimeInput('24:00')).toBeNull();
    expect(parseTimeInput('9:60')).toBeNull();
    expect(parseTimeInput('2 pm')).toBeNull();
  });
});
