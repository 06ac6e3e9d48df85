import { z } from 'zod';

/** True when the runtime knows this IANA time zone ("Europe/London", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A zod field for an IANA time zone name. */
export const timeZone = z
  .string()
  .refine(isTimeZone, { message: 'expected an IANA time zone such as "Europe/London" or "UTC"' });
