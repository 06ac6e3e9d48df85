/**
 * Calendar arithmetic in an IANA time zone without a library: "end of Friday in Europe/Paris" is the
 * UTC instant whose wall-clock time there is Friday 23:59:59.999, DST included.
 */

export interface LocalDate {
  year: number;
  month: number; // 1..12
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown time zone: the caller's mistake, reported as such.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, ms);
}

/** Offset of the zone from UTC at that instant, in ms (positive east of Greenwich). */
function offsetAt(instant: number, timeZone: string): number {
  return wallClock(instant, timeZone) - instant;
}

/** The calendar date at `instant` in the zone. */
export function localDate(instant: Date, timeZone: string): LocalDate {
  const { year, month, day, weekday } = localDateTime(instant, timeZone);
  return { year, month, day, weekday };
}

/** The date and wall-clock time at `instant` in the zone. */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const wall = new Date(wallClock(instant.getTime(), timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    weekday: wall.getUTCDay(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    ms: wall.getUTCMilliseconds(),
  };
}

/** The instant of a wall-clock time in the zone (a time skipped by DST resolves one hour later). */
export function zonedTime(
  date: Pick<LocalDate, 'year' | 'month' | 'day'>,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute, second, ms);
  let guess = wall - offsetAt(wall, timeZone);
  // A second pass settles instants near a DST change, where the first offset was the other one.
  guess = wall - offsetAt(guess, timeZone);
  return new Date(guess);
}

/** The date `days` calendar days after `date` (months and years roll over). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
  };
}

/** 'YYYY-MM-DD' of a calendar date: how days are named in the API, the CLI and the digest's send log. */
export function isoDay(d: Pick<LocalDate, 'year' | 'month' | 'day'>): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' as a calendar date; RangeError for anything else (2026-02-30 included). */
export function parseDay(day: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const date = match && addDays({ year: +match[1], month: +match[2], day: +match[3], weekday: 0 }, 0);
  if (!date || isoDay(date) !== day) throw new RangeError(`expected a date as YYYY-MM-DD (got "${day}")`);
  return date;
}

/** 23:59:59.999 of that date in the zone. */
export function endOfDay(date: LocalDate, timeZone: string): Date {
  return zonedTime(date, 23, 59, 59, 999, timeZone);
}
