import { z } from 'zod';
import { duration } from '../config/duration';
import { timeZone } from '../time/time-zone';

const hour = z
  .number()
  .int()
  .min(0, 'expected an hour from 0 to 23')
  .max(23, 'expected an hour from 0 to 23');

/** `digest`: defaults for users who chose nothing, links, and how failed sends are retried. */
export const digestSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Local hour at which yesterday's digest goes out, for users who did not choose one. */
  hour: hour.default(8),
  timeZone: timeZone.default('UTC'),
  /** Send a short "all quiet" digest on days with nothing to report. */
  sendQuiet: z.boolean().default(true),
  /** Where the digest's links point: the dashboard as its readers reach it. */
  dashboardUrl: z
    .url({ protocol: /^https?$/, error: 'expected the http(s) address of the dashboard' })
    .default('http://localhost:3000'),
  retry: z
    .strictObject({
      attempts: z.number().int().min(1).max(20).default(5),
      /** First wait after a failure; doubled after each further failure. */
      backoff: duration('a duration').default(60_000),
      maxBackoff: duration('a duration').default(30 * 60_000),
    })
    .prefault({}),
  /** How often due and failed digests are looked for. */
  tickInterval: duration('an interval').default(60_000),
});
export type DigestSettings = z.infer<typeof digestSchema>;

/** `users[].digest`: one user's choice (the API can change it later; config is applied at start-up). */
export const userDigestSchema = z.strictObject({
  enabled: z.boolean().optional(),
  hour: hour.optional(),
  timeZone: timeZone.optional(),
  /** Brand ids to follow; all brands when left out. */
  brands: z.array(z.string().min(1)).min(1).optional(),
  sendQuiet: z.boolean().optional(),
});
