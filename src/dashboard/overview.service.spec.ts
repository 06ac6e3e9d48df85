import { dayBuckets, hourBuckets, percentile, spread } from './overview.service';

describe('hourBuckets', () => {
  it('is the 24 UTC hours ending with the current one, oldest first', () => {
    const buckets = hourBuckets(new Date('2026-03-01T00:59:59.999Z'));
    expect(buckets).toHaveLength(24);
    expect(buckets[0]).toEqual({ key: '2026-02-28T01', start: '2026-02-28T01:00:00.000Z' });
    expect(buckets[23]).toEqual({ key: '2026-03-01T00', start: '2026-03-01T00:00:00.000Z' });
  });

  it('starts a new hour exactly on the hour', () => {
    expect(hourBuckets(new Date('2026-11-22T15:00:00.000Z'))[23].start).toBe('2026-11-22T15:00:00.000Z');
  });
});

describe('dayBuckets', () => {
  it('is the 30 UTC days ending with today, oldest first', () => {
    const days = dayBuckets(new Date('2026-03-01T23:59:59.999Z'));
    expect(days).toHaveLength(30);
    expect(days[0]).toBe('2026-01-31');
    expect(days[28]).toBe('2026-02-28');
    expect(days[29]).toBe('2026-03-01');
  });

  it('takes the UTC day, not the local one', () => {
    // 23:30 in New York on the 21st is the 22nd in UTC.
    expect(dayBuckets(new Date('2026-11-21T23:30:00-05:00')).at(-1)).toBe('2026-11-22');
  });
});

describe('spread', () => {
  const rows = [
    { hour: '2026-11-22T14', key: 'billing', count: 2 },
    { hour: '2026-11-22T15', key: 'billing', count: 1 },
    { hour: '2026-11-22T15', key: 'delivery', count: 3 },
    { hour: '2026-11-20T09', key: 'outage', count: 4 },
  ];

  it('adds hourly rows into day buckets, zero-filled, with only the keys that occur', () => {
    expect(spread(rows, ['2026-11-20', '2026-11-21', '2026-11-22'])).toEqual({
      total: [4, 0, 6],
      byKey: { outage: [4, 0, 0], billing: [0, 0, 3], delivery: [0, 0, 3] },
    });
  });

  it('leaves out rows outside the buckets, and keys with nothing inside them', () => {
    expect(spread(rows, ['2026-11-22T14', '2026-11-22T15'])).toEqual({
      total: [2, 4],
      byKey: { billing: [2, 1], delivery: [0, 3] },
    });
  });

  it('gives zeros and no keys for no rows', () => {
    expect(spread([], ['2026-11-22'])).toEqual({ total: [0], byKey: {} });
  });
});

describe('percentile', () => {
  it('is null for no values', () => {
    expect(percentile([], 0.5)).toBeNull();
  });

  it('is the middle value, or the mean of the two middle ones, for p = 0.5', () => {
    expect(percentile([7], 0.5)).toBe(7);
    expect(percentile([1, 2, 10], 0.5)).toBe(2);
    expect(percentile([1, 2, 10, 20], 0.5)).toBe(6);
  });

  it('interpolates between the nearest ranks', () => {
    const tenToHundred = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(tenToHundred, 0.9)).toBeCloseTo(91);
    expect(percentile(tenToHundred, 0)).toBe(10);
    expect(percentile(tenToHundred, 1)).toBe(100);
  });
});
