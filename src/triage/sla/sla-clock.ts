import { addDays, localDate, type LocalDate, zonedTime } from '../../time/zoned-time';
import { WEEKDAYS, type SlaSettings } from '../triage.config';

const DAY_MS = 86_400_000;

interface Hours {
  timeZone: string;
  /** JS weekdays (0 = Sunday) the clock runs on. */
  days: ReadonlySet<number>;
  /** Minutes after local midnight; `end` may be 1440 ("24:00"). */
  start: number;
  end: number;
  /** As configured, for describe(). */
  label: string;
}

function minutes(clock: string): number {
  const m = /^(\d{2}):([0-5]\d)$/.exec(clock);
  const value = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!(value >= 0 && value <= 1440))
    throw new Error(`SLA business hours: expected a time such as "09:00", got "${clock}"`);
  return value;
}

/** Same calendar day, ignoring the weekday field. */
function dayKey(date: LocalDate): number {
  return date.year * 10_000 + date.month * 100 + date.day;
}

function capitalise(day: string): string {
  return day.charAt(0).toUpperCase() + day.slice(1);
}

/** "Mon–Fri", "Sat, Sun", "Sun–Thu", "Fri–Mon", "every day": runs of three or more days become a range. */
function describeDays(days: ReadonlySet<number>): string {
  if (days.size === WEEKDAYS.length) return 'every day';
  // Weeks read from Monday, unless a run crosses Sunday into Monday: then it starts where that run does.
  let first = 1;
  if (days.has(0) && days.has(1)) {
    first = 0;
    while (days.has((first + 6) % 7)) first = (first + 6) % 7;
  }
  const order = Array.from({ length: 7 }, (_, i) => (first + i) % 7);
  const runs: number[][] = [];
  let run: number[] = [];
  for (const d of order) {
    if (days.has(d)) run.push(d);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs
    .flatMap((r) => {
      const names = r.map((d) => capitalise(WEEKDAYS[d]));
      return names.length >= 3 ? [`${names[0]}–${names[names.length - 1]}`] : names;
    })
    .join(', ');
}

/**
 * Measures SLA time: around the clock, or only inside business hours in a time zone. Each day's window
 * is computed from its own wall-clock times, so DST days are 23 or 25 hours long where the window spans
 * the change and unaffected where it does not.
 */
export class SlaClock {
  /** The SLA target in working ms (settings.firstResponse). */
  readonly targetMs: number;
  private readonly hours?: Hours;

  constructor(settings: SlaSettings) {
    this.targetMs = settings.firstResponse;
    const bh = settings.businessHours;
    if (!bh) return;
    // The config schema already checks these; repeated here because a bad window would stall the walk.
    if (bh.days.length === 0) throw new Error('SLA business hours: expected at least one day');
    const start = minutes(bh.start);
    const end = minutes(bh.end);
    if (start >= end) throw new Error(`SLA business hours: start ${bh.start} is not before end ${bh.end}`);
    const days = new Set(bh.days.map((d) => WEEKDAYS.indexOf(d)));
    if (days.has(-1)) throw new Error(`SLA business hours: unknown day in ${bh.days.join(', ')}`);
    this.hours = {
      timeZone: bh.timeZone,
      days,
      start,
      end,
      label: `${describeDays(days)} ${bh.start}–${bh.end} ${bh.timeZone}`,
    };
  }

  /**
   * The instant the first response is due for a post made at `start`: the earliest instant by which
   * `targetMs` of working time has passed. Landing exactly on closing time counts as that day (due
   * Friday 17:00, not Monday 09:00); a zero target is due at `start` itself.
   */
  dueAt(start: Date): Date {
    const t0 = start.getTime();
    const target = Math.max(0, this.targetMs);
    const hours = this.hours;
    if (!hours || target === 0) return new Date(t0 + target);

    let remaining = target;
    let date = localDate(start, hours.timeZone);
    // Generous: even one working day a week covers a day of target in well under a year.
    const maxDays = 366 * (Math.ceil(target / DAY_MS) + 1);
    for (let i = 0; i < maxDays; i++, date = addDays(date, 1)) {
      const window = this.window(date);
      if (!window) continue;
      const from = Math.max(window[0], t0);
      if (from >= window[1]) continue;
      if (from + remaining <= window[1]) return new Date(from + remaining);
      remaining -= window[1] - from;
    }
    throw new Error(
      `SLA clock: no due time within ${maxDays} days of ${start.toISOString()} for a ${target} ms target ` +
        `(${hours.label}); the business hours are too short for this target`,
    );
  }

  /**
   * Working time between start and now, in ms; 0 when now <= start. Stops counting once it reaches
   * `cap` ms, so a months-old case walks no further than a fresh one.
   */
  elapsed(start: Date, now: Date, cap = Infinity): number {
    const t0 = start.getTime();
    const t1 = now.getTime();
    const limit = Math.max(0, cap);
    // `!(t1 > t0)` also answers 0 for an invalid date rather than walking from NaN.
    if (!(t1 > t0) || limit === 0) return 0;
    const hours = this.hours;
    if (!hours) return Math.min(t1 - t0, limit);

    let total = 0;
    const last = dayKey(localDate(now, hours.timeZone));
    // Windows never cross local midnight, so the days from start's date to now's date cover every one.
    for (let date = localDate(start, hours.timeZone); dayKey(date) <= last; date = addDays(date, 1)) {
      const window = this.window(date);
      if (!window) continue;
      const span = Math.min(window[1], t1) - Math.max(window[0], t0);
      if (span <= 0) continue;
      total += span;
      if (total >= limit) return limit;
    }
    return total;
  }

  /** Human words for the hours, e.g. "Mon–Fri 09:00–17:00 Europe/London", or "around the clock". */
  describe(): string {
    return this.hours?.label ?? 'around the clock';
  }

  /** The day's working window as [open, close) in epoch ms, or undefined when the clock does not run. */
  private window(date: LocalDate): [number, number] | undefined {
    const h = this.hours;
    if (!h || !h.days.has(date.weekday)) return undefined;
    // Each bound from its own wall-clock time, never open + length: that is what keeps DST days right.
    const open = zonedTime(date, Math.floor(h.start / 60), h.start % 60, 0, 0, h.timeZone).getTime();
    const close = (
      h.end === 1440
        ? zonedTime(addDays(date, 1), 0, 0, 0, 0, h.timeZone)
        : zonedTime(date, Math.floor(h.end / 60), h.end % 60, 0, 0, h.timeZone)
    ).getTime();
    // A short window inside a skipped DST hour can resolve to nothing (its opening moves an hour on).
    return close > open ? [open, close] : undefined;
  }
}
