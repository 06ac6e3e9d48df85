import { z } from 'zod';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "5m", "1h", "1d", "250ms" or a number of seconds, to milliseconds. Undefined when unreadable. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/i.exec(value);
  return m ? Number(m[1]) * UNITS[m[2].toLowerCase()] : undefined;
}

/** A zod field for a duration written as "5m", "30s", "1h", "2d" or a number of seconds; parsed to milliseconds. */
export const duration = (what: string) =>
  z.union([z.string(), z.number()]).transform((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `expected ${what} such as "30s", "5m", "1h", "2d" or a number of seconds`,
      });
      return z.NEVER;
    }
    return ms;
  });
