import * as zoned from '../../time/zoned-time';
import type { BusinessHours } from '../triage.config';
import { SlaClock } from './sla-clock';

const MINUTE = 60_000;
const HOUR = 3_600_000;

const at = (iso: string): Date => new Date(iso);
const clock = (firstResponse: number, businessHours?: BusinessHours): SlaClock =>
  new SlaClock({ firstResponse, businessHours });

// Business hours in June: London is on BST (UTC+1), so local 09:00 is 08:00Z.
const LONDON: BusinessHours = {
  timeZone: 'Europe/London',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '09:00',
  end: '17:00',
};

describe('SlaClock', () => {
  describe('around the clock', () => {
    const sut = clock(2 * HOUR);

    it('exposes the target', () => {
      expect(sut.targetMs).toBe(2 * HOUR);
    });

    it('is due the target after the post, nights and weekends included', () => {
      expect(sut.dueAt(at('2026-06-19T23:30:00Z'))).toEqual(at('2026-06-20T01:30:00Z'));
    });

    it('counts real time elapsed', () => {
      expect(sut.elapsed(at('2026-06-19T23:30:00Z'), at('2026-06-20T00:45:00Z'))).toBe(75 * MINUTE);
    });

    it('counts nothing when now is not after the start', () => {
      expect(sut.elapsed(at('2026-06-20T00:00:00Z'), at('2026-06-19T23:00:00Z'))).toBe(0);
      expect(sut.elapsed(at('2026-06-20T00:00:00Z'), at('2026-06-20T00:00:00Z'))).toBe(0);
    });

    it('stops at the cap', () => {
      expect(sut.elapsed(at('2026-01-01T00:00:00Z'), at('2026-06-20T00:00:00Z'), 6 * HOUR)).toBe(6 * HOUR);
    });
  });

  describe('business hours Mon–Fri 09:00–17:00 Europe/London, due', () => {
    const sut = clock(60 * MINUTE, LONDON);

    it('after the weekend for a post late on Friday (16:30 → Monday 09:30)', () => {
      expect(sut.dueAt(at('2026-06-19T15:30:00Z'))).toEqual(at('2026-06-22T08:30:00Z'));
    });

    it('an hour after Monday opens for a post on Saturday', () => {
      expect(sut.dueAt(at('2026-06-20T11:00:00Z'))).toEqual(at('2026-06-22T09:00:00Z'));
    });

    it('an hour after opening for a post at 08:00 on a working day', () => {
      expect(sut.dueAt(at('2026-06-23T07:00:00Z'))).toEqual(at('2026-06-23T09:00:00Z'));
    });

    it('the target later for a post inside the window', () => {
      expect(sut.dueAt(at('2026-06-23T09:00:00Z'))).toEqual(at('2026-06-23T10:00:00Z'));
    });

    it('at closing time when the target ends exactly there', () => {
      expect(sut.dueAt(at('2026-06-19T15:00:00Z'))).toEqual(at('2026-06-19T16:00:00Z'));
    });

    it('on the next working day for a post at closing time', () => {
      expect(sut.dueAt(at('2026-06-19T16:00:00Z'))).toEqual(at('2026-06-22T09:00:00Z'));
    });

    it('over following working days for a target longer than one day', () => {
      // Wednesday 15:00 BST, 20 working hours: Wed 2 h, Thu 8 h, Fri 8 h, Mon 2 h → Monday 11:00 BST.
      expect(clock(20 * HOUR, LONDON).dueAt(at('2026-06-17T14:00:00Z'))).toEqual(at('2026-06-22T10:00:00Z'));
    });

    it('at the start when the target is zero', () => {
      expect(clock(0, LONDON).dueAt(at('2026-06-20T11:00:00Z'))).toEqual(at('2026-06-20T11:00:00Z'));
    });
  });

  describe('business hours Mon–Fri 09:00–17:00 Europe/London, elapsed', () => {
    const sut = clock(60 * MINUTE, LONDON);

    it('inside one window', () => {
      expect(sut.elapsed(at('2026-06-23T09:00:00Z'), at('2026-06-23T10:15:00Z'))).toBe(75 * MINUTE);
    });

    it('across a night (Tuesday 16:00 → Wednesday 10:00)', () => {
      expect(sut.elapsed(at('2026-06-23T15:00:00Z'), at('2026-06-24T09:00:00Z'))).toBe(2 * HOUR);
    });

    it('across a weekend (Friday 16:30 → Monday 09:30)', () => {
      expect(sut.elapsed(at('2026-06-19T15:30:00Z'), at('2026-06-22T08:30:00Z'))).toBe(HOUR);
    });

    it('nothing over a weekend alone', () => {
      expect(sut.elapsed(at('2026-06-20T08:00:00Z'), at('2026-06-21T20:00:00Z'))).toBe(0);
    });

    it('nothing when now is before the start', () => {
      expect(sut.elapsed(at('2026-06-23T10:00:00Z'), at('2026-06-23T09:00:00Z'))).toBe(0);
    });

    it('every working day over months, across the change to BST', () => {
      // Monday 5 January 09:00 GMT to Monday 22 June 09:00 BST: exactly 24 weeks of 40 hours.
      expect(sut.elapsed(at('2026-01-05T09:00:00Z'), at('2026-06-22T08:00:00Z'))).toBe(24 * 40 * HOUR);
    });

    it('no more than the cap, and stops walking once it is reached', () => {
      const spy = jest.spyOn(zoned, 'zonedTime');
      try {
        expect(sut.elapsed(at('2026-01-05T09:00:00Z'), at('2026-06-22T08:00:00Z'), 3 * HOUR)).toBe(3 * HOUR);
        // The first day's window (two bounds) already reaches the cap; 24 weeks would take 240 calls.
        expect(spy).toHaveBeenCalledTimes(2);
      } finally {
        spy.mockRestore();
      }
    });

    it('the full time when it is under the cap', () => {
      expect(sut.elapsed(at('2026-06-23T09:00:00Z'), at('2026-06-23T10:15:00Z'), 3 * HOUR)).toBe(75 * MINUTE);
    });
  });

  describe('America/New_York on the days the clocks change', () => {
    // Sundays only, 00:00–24:00: the whole local Sunday, however long it is.
    const wholeSunday: BusinessHours = {
      timeZone: 'America/New_York',
      days: ['sun'],
      start: '00:00',
      end: '24:00',
    };
    // Saturday to Monday 09:00–17:00: the change at 02:00 falls outside the window.
    const weekendDays: BusinessHours = {
      timeZone: 'America/New_York',
      days: ['sat', 'sun', 'mon'],
      start: '09:00',
      end: '17:00',
    };

    describe('clocks go forward (Sunday 8 March 2026)', () => {
      it('counts a 23-hour day when the window spans the change', () => {
        const sut = clock(HOUR, wholeSunday);
        // Sunday 00:00 EST is 05:00Z; Monday 00:00 EDT is 04:00Z.
        expect(sut.elapsed(at('2026-03-07T12:00:00Z'), at('2026-03-10T12:00:00Z'))).toBe(23 * HOUR);
      });

      it('carries the missing hour into the next working day', () => {
        const sut = clock(24 * HOUR, wholeSunday);
        // 23 h on 8 March, then 1 h from Sunday 15 March 00:00 EDT (04:00Z).
        expect(sut.dueAt(at('2026-03-08T05:00:00Z'))).toEqual(at('2026-03-15T05:00:00Z'));
      });

      it('leaves a 09:00–17:00 window at 8 hours', () => {
        const sut = clock(HOUR, weekendDays);
        expect(sut.elapsed(at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(8 * HOUR);
        // Saturday 12:00 EST to Monday 12:00 EDT: 5 h + 8 h + 3 h.
        expect(sut.elapsed(at('2026-03-07T17:00:00Z'), at('2026-03-09T16:00:00Z'))).toBe(16 * HOUR);
      });

      it('opens Sunday at 09:00 EDT, not 24 hours after Saturday opened', () => {
        const sut = clock(2 * HOUR, weekendDays);
        // Saturday 16:00 EST: 1 h on Saturday, then Sunday 09:00 EDT (13:00Z) + 1 h.
        expect(sut.dueAt(at('2026-03-07T21:00:00Z'))).toEqual(at('2026-03-08T14:00:00Z'));
      });
    });

    describe('clocks go back (Sunday 1 November 2026)', () => {
      it('counts a 25-hour day when the window spans the change', () => {
        const sut = clock(HOUR, wholeSunday);
        // Sunday 00:00 EDT is 04:00Z; Monday 00:00 EST is 05:00Z.
        expect(sut.elapsed(at('2026-10-31T12:00:00Z'), at('2026-11-03T12:00:00Z'))).toBe(25 * HOUR);
      });

      it('fits a 25-hour target into that one day, due at its midnight', () => {
        expect(clock(25 * HOUR, wholeSunday).dueAt(at('2026-11-01T04:00:00Z'))).toEqual(
          at('2026-11-02T05:00:00Z'),
        );
        // 24 h is due at 23:00 EST the same day.
        expect(clock(24 * HOUR, wholeSunday).dueAt(at('2026-11-01T04:00:00Z'))).toEqual(
          at('2026-11-02T04:00:00Z'),
        );
      });

      it('leaves a 09:00–17:00 window at 8 hours', () => {
        const sut = clock(HOUR, weekendDays);
        expect(sut.elapsed(at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(8 * HOUR);
      });

      it('opens Sunday at 09:00 EST', () => {
        const sut = clock(2 * HOUR, weekendDays);
        // Saturday 16:00 EDT: 1 h on Saturday, then Sunday 09:00 EST (14:00Z) + 1 h.
        expect(sut.dueAt(at('2026-10-31T20:00:00Z'))).toEqual(at('2026-11-01T15:00:00Z'));
      });
    });
  });

  describe('describe()', () => {
    const hours = (days: BusinessHours['days'], start = '09:00', end = '17:00'): BusinessHours => ({
      timeZone: 'Europe/London',
      days,
      start,
      end,
    });

    it('says "around the clock" without business hours', () => {
      expect(clock(HOUR).describe()).toBe('around the clock');
    });

    it.each([
      [['mon', 'tue', 'wed', 'thu', 'fri'], 'Mon–Fri 09:00–17:00 Europe/London'],
      [['sun', 'mon', 'tue', 'wed', 'thu'], 'Sun–Thu 09:00–17:00 Europe/London'],
      [['fri', 'sat', 'sun', 'mon'], 'Fri–Mon 09:00–17:00 Europe/London'],
      [['sun', 'sat'], 'Sat, Sun 09:00–17:00 Europe/London'],
      [['fri', 'mon', 'wed'], 'Mon, Wed, Fri 09:00–17:00 Europe/London'],
    ] as [BusinessHours['days'], string][])('%j → %s', (days, words) => {
      expect(clock(HOUR, hours(days)).describe()).toBe(words);
    });

    it('says "every day" for all seven and keeps 24:00', () => {
      const all: BusinessHours['days'] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
      expect(clock(HOUR, hours(all, '00:00', '24:00')).describe()).toBe(
        'every day 00:00–24:00 Europe/London',
      );
    });
  });

  describe('bad settings', () => {
    it('refuses a window that does not open before it closes', () => {
      expect(() => clock(HOUR, { ...LONDON, start: '17:00', end: '09:00' })).toThrow(/not before end/);
    });

    it('refuses an empty list of days', () => {
      expect(() => clock(HOUR, { ...LONDON, days: [] })).toThrow(/at least one day/);
    });

    it('gives up with a clear error rather than walking for ever', () => {
      // One minute a week cannot cover a day of target within the bound (732 days).
      const sut = clock(24 * HOUR, { timeZone: 'UTC', days: ['sun'], start: '00:00', end: '00:01' });
      expect(() => sut.dueAt(at('2026-06-19T00:00:00Z'))).toThrow(/no due time within 732 days/);
    });
  });
});
