import { addDays, endOfDay, localDate, LocalDate, localDateTime, zonedTime } from '../time/zoned-time';

/**
 * Time promises in a reply that was actually sent (the playbook, section 4: what the reply promised
 * becomes a due date). Decisions where English is vague:
 * - "business/working days" count as calendar days: the due date comes sooner, never later.
 * - A range ("24–48 hours") is due at its upper end; "a couple of" is 2, "a few" is 3.
 * - "today", "EOD", "end of day", "tonight", "this evening": end of the sent day in `timeZone`;
 *   "this afternoon": 17:00 (end of day once it is past); "tomorrow morning": 12:00 the next day.
 * - "by/on/this Friday": the next Friday, today included, end of that day; "next Friday": the first
 *   Friday after today (the stricter reading of an ambiguous phrase).
 * - Weeks run Monday to Sunday: "this week" / "end of the week" is due at the end of this Sunday,
 *   "next week" (also "by next week", "early next week") at the end of next Sunday.
 * - Words in quotation marks are someone else's (the customer's words quoted back) and ignored;
 *   "soon" and "as soon as possible" promise no time and give no due date.
 */

export interface TimePromise {
  /** The words as written, e.g. "within 2 business days". */
  phrase: string;
  due: Date;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  'twenty-four': 24,
  thirty: 30,
  'forty-five': 45,
  'forty-eight': 48,
  'seventy-two': 72,
  'a couple of': 2,
  'a few': 3,
};
const NUM = `(?:\\d+(?:\\.\\d+)?|${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const UNIT = '(minutes?|mins?|hours?|hrs?|h|days?|business days?|working days?|weeks?)';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY = '(sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)(?:day|nesday|rsday|urday|sday)?';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Resolver = (m: RegExpExecArray, sentAt: Date, today: LocalDate, tz: string) => Date;

const RULES: [RegExp, Resolver][] = [
  // "within 24 hours", "in 2 days", "within the next 2-3 business days", "in 30 mins", "in 24h"
  [
    new RegExp(
      `\\b(?:within|in|inside(?: of)?|in under|in less than|(?:within|in|over) the next)\\s+(${NUM})(?:\\s*(?:-|–|to|or)\\s*(${NUM}))?\\s*${UNIT}\\b`,
      'gi',
    ),
    (m, sentAt, today, tz) => afterDuration(number(m[2] ?? m[1]), m[3].toLowerCase(), sentAt, today, tz),
  ],
  [/\b(?:within|in) the hour\b/gi, (_m, sentAt) => new Date(sentAt.getTime() + HOUR)],
  [/\b(?:within|in) half an hour\b/gi, (_m, sentAt) => new Date(sentAt.getTime() + 30 * MINUTE)],
  [
    /\b(?:by )?(?:the end of )?tomorrow(?: (morning|afternoon|evening|night))?\b/gi,
    (m, _sentAt, today, tz) => partOfDay(addDays(today, 1), m[1], tz),
  ],
  [
    /\b(?:by )?(?:the )?(?:end of (?:the )?(?:day|today|business day)|eod|cob|close of business|(?:later )?today|tonight|this evening)\b/gi,
    (_m, _sentAt, today, tz) => endOfDay(today, tz),
  ],
  [
    /\b(?:by )?this afternoon\b/gi,
    (_m, sentAt, today, tz) => notBefore(zonedTime(today, 17, 0, 0, 0, tz), sentAt, today, tz),
  ],
  [
    new RegExp(
      `\\b(by|on|until|till|this|next|by this|by next|on next)\\s+${WEEKDAY}\\b(?: (morning))?`,
      'gi',
    ),
    (m, sentAt, today, tz) => {
      const target = WEEKDAYS.findIndex((d) => d.startsWith(m[2].toLowerCase().slice(0, 3)));
      let ahead = (target - today.weekday + 7) % 7;
      if (ahead === 0 && /next/i.test(m[1])) ahead = 7;
      const day = addDays(today, ahead);
      return m[3] ? notBefore(zonedTime(day, 12, 0, 0, 0, tz), sentAt, day, tz) : endOfDay(day, tz);
    },
  ],
  [
    /\b(?:by |during |early |later |late |by the end of |end of )?next week\b/gi,
    (_m, _sentAt, today, tz) => endOfDay(addDays(today, daysToSunday(today) + 7), tz),
  ],
  [
    /\b(?:by |during |later )?this week\b|\b(?:by )?(?:the )?end of (?:the |this )?week\b|\beow\b/gi,
    (_m, _sentAt, today, tz) => endOfDay(addDays(today, daysToSunday(today)), tz),
  ],
];

/** Every time promise in the text, the earliest due first. Throws RangeError for an unknown time zone. */
export function extractPromises(sentText: string, sentAt: Date, timeZone = 'UTC'): TimePromise[] {
  const text = blankQuotes(sentText);
  const today = localDate(sentAt, timeZone);
  const found: { start: number; end: number; phrase: string; due: Date }[] = [];
  for (const [pattern, resolve] of RULES) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      found.push({
        start: m.index,
        end: m.index + m[0].length,
        phrase: m[0].trim(),
        due: resolve(m, sentAt, today, timeZone),
      });
    }
  }
  // A match inside a longer one ("today" in "by end of today") is the same promise.
  const kept = found.filter(
    (a, i) =>
      !found.some(
        (b, j) =>
          b.start <= a.start &&
          b.end >= a.end &&
          (b.end - b.start > a.end - a.start || (j < i && b.end - b.start === a.end - a.start)),
      ),
  );
  kept.sort((a, b) => a.due.getTime() - b.due.getTime() || a.start - b.start);
  return kept.map(({ phrase, due }) => ({ phrase, due }));
}

/** Replaces quoted passages (“…”, "…") by spaces of the same length. */
function blankQuotes(text: string): string {
  return text.replace(/“[^”]*”|"[^"]*"/g, (q) => ' '.repeat(q.length));
}

function number(word: string): number {
  const w = word.toLowerCase();
  return NUMBER_WORDS[w] ?? Number(w);
}

function afterDuration(n: number, unit: string, sentAt: Date, today: LocalDate, tz: string): Date {
  if (/^(?:minutes?|mins?)$/.test(unit)) return new Date(sentAt.getTime() + n * MINUTE);
  if (/^(?:hours?|hrs?|h)$/.test(unit)) return new Date(sentAt.getTime() + n * HOUR);
  const days = /^weeks?$/.test(unit) ? n * 7 : n;
  // "2 days" from Monday 10:00 means Wednesday 10:00 local time, across a DST change too.
  const wall = localDateTime(sentAt, tz);
  const whole = Math.floor(days);
  const at = zonedTime(addDays(today, whole), wall.hour, wall.minute, wall.second, wall.ms, tz);
  return new Date(at.getTime() + (days - whole) * 24 * HOUR);
}

function partOfDay(day: LocalDate, part: string | undefined, tz: string): Date {
  const p = part?.toLowerCase();
  if (p === 'morning') return zonedTime(day, 12, 0, 0, 0, tz);
  if (p === 'afternoon') return zonedTime(day, 17, 0, 0, 0, tz);
  return endOfDay(day, tz);
}

/** A time of day already past when the reply was sent falls back to the end of that day. */
function notBefore(due: Date, sentAt: Date, day: LocalDate, tz: string): Date {
  return due.getTime() > sentAt.getTime() ? due : endOfDay(day, tz);
}

function daysToSunday(d: LocalDate): number {
  return (7 - d.weekday) % 7;
}
