import { extractPromises as sut } from './promise-extractor';

// A Friday, 15:30 UTC.
const SENT = new Date('2026-11-20T15:30:00Z');
const due = (text: string, tz?: string): string[] => sut(text, SENT, tz).map((p) => p.due.toISOString());

describe('extractPromises', () => {
  describe('in UTC', () => {
    it.each([
      ['We will get back to you within 24 hours.', 'within 24 hours', '2026-11-21T15:30:00.000Z'],
      ['within 24h', 'within 24h', '2026-11-21T15:30:00.000Z'],
      ['within 2 business days', 'within 2 business days', '2026-11-22T15:30:00.000Z'],
      ['within two working days', 'within two working days', '2026-11-22T15:30:00.000Z'],
      ["You'll hear from us in 2 days", 'in 2 days', '2026-11-22T15:30:00.000Z'],
      ['in a couple of days', 'in a couple of days', '2026-11-22T15:30:00.000Z'],
      ['within 24-48 hours', 'within 24-48 hours', '2026-11-22T15:30:00.000Z'],
      ['within 3 weeks', 'within 3 weeks', '2026-12-11T15:30:00.000Z'],
      ['in 30 minutes', 'in 30 minutes', '2026-11-20T16:00:00.000Z'],
      ['in half an hour', 'in half an hour', '2026-11-20T16:00:00.000Z'],
      ['in an hour', 'in an hour', '2026-11-20T16:30:00.000Z'],
      ['We will call you within the hour', 'within the hour', '2026-11-20T16:30:00.000Z'],
      ['Sorted by tomorrow', 'by tomorrow', '2026-11-21T23:59:59.999Z'],
      ['We will call tomorrow morning', 'tomorrow morning', '2026-11-21T12:00:00.000Z'],
      ['by end of day', 'by end of day', '2026-11-20T23:59:59.999Z'],
      ['by EOD', 'by EOD', '2026-11-20T23:59:59.999Z'],
      ['later today', 'later today', '2026-11-20T23:59:59.999Z'],
      ['by the end of today', 'by the end of today', '2026-11-20T23:59:59.999Z'],
      ['this afternoon', 'this afternoon', '2026-11-20T17:00:00.000Z'],
      // Sent on a Friday: "by Friday" is today; "next Friday" is a week later.
      ['by Friday', 'by Friday', '2026-11-20T23:59:59.999Z'],
      ['by Monday', 'by Monday', '2026-11-23T23:59:59.999Z'],
      ['on Wednesday', 'on Wednesday', '2026-11-25T23:59:59.999Z'],
      ['next Friday', 'next Friday', '2026-11-27T23:59:59.999Z'],
      ['this week', 'this week', '2026-11-22T23:59:59.999Z'],
      ['early next week', 'early next week', '2026-11-29T23:59:59.999Z'],
    ])('%s', (text, phrase, at) => {
      expect(sut(text, SENT)).toEqual([{ phrase, due: new Date(at) }]);
    });

    it('finds every promise, the earliest due first', () => {
      const found = sut(
        "We'll fix it by Friday and call you within the hour, then check again in 3 days.",
        SENT,
      );
      expect(found.map((p) => p.phrase)).toEqual(['within the hour', 'by Friday', 'in 3 days']);
    });

    it('ignores quoted words (the customer quoted back) and vague wording', () => {
      expect(due('You wrote “they said in 2 days”, and we will reply within 24 hours.')).toEqual([
        '2026-11-21T15:30:00.000Z',
      ]);
      expect(sut('We will look into it as soon as possible, and soon.', SENT)).toEqual([]);
      expect(sut('It has been 2 days since your order; it is 24/7 support.', SENT)).toEqual([]);
    });

    it('rejects an unknown time zone', () => {
      expect(() => sut('today', SENT, 'Mars/Olympus')).toThrow(RangeError);
    });
  });

  describe('in a time zone', () => {
    it('Asia/Tokyo: 15:30 UTC is already Saturday 00:30 there', () => {
      expect(due('by end of day', 'Asia/Tokyo')).toEqual(['2026-11-21T14:59:59.999Z']);
      expect(due('by tomorrow', 'Asia/Tokyo')).toEqual(['2026-11-22T14:59:59.999Z']);
      expect(due('by Friday', 'Asia/Tokyo')).toEqual(['2026-11-27T14:59:59.999Z']);
      expect(due('by Monday', 'Asia/Tokyo')).toEqual(['2026-11-23T14:59:59.999Z']);
    });

    it('America/New_York: 10:30 on Friday there', () => {
      expect(due('today', 'America/New_York')).toEqual(['2026-11-21T04:59:59.999Z']);
      expect(due('this afternoon', 'America/New_York')).toEqual(['2026-11-20T22:00:00.000Z']);
      expect(due('within 24 hours', 'America/New_York')).toEqual(['2026-11-21T15:30:00.000Z']);
    });

    it('Europe/Paris across the spring DST change: "in 2 days" keeps the local time of day', () => {
      const saturday = new Date('2026-03-28T10:00:00Z'); // 11:00 in Paris; clocks go forward on the 29th
      expect(sut('in 2 days', saturday, 'Europe/Paris')[0].due.toISOString()).toBe(
        '2026-03-30T09:00:00.000Z',
      );
      expect(sut('by tomorrow', saturday, 'Europe/Paris')[0].due.toISOString()).toBe(
        '2026-03-29T21:59:59.999Z',
      );
      expect(sut('within 48 hours', saturday, 'Europe/Paris')[0].due.toISOString()).toBe(
        '2026-03-30T10:00:00.000Z',
      );
    });
  });
});
