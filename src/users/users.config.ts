import { z } from 'zod';
import { duration } from '../config/duration';
import { ROLES } from '../access/roles';

const HOUR = 3_600_000;

const envName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, 'expected the NAME of an environment variable (e.g. "ADMIN_PASSWORD")');

/** `users[]`: people created at start-up when missing; their password comes from an environment variable. */
export const configUserSchema = z.strictObject({
  email: z.email({ error: 'expected an email address such as "jo@acme.example"' }),
  name: z.string().trim().min(1).max(100).optional(),
  role: z.enum(ROLES, { error: `expected a role: ${ROLES.join(', ')}` }),
  passwordEnv: envName,
  password: z
    .never({ error: 'passwords do not belong in YAML: name an environment variable with "passwordEnv"' })
    .optional(),
});
export type ConfigUser = z.infer<typeof configUserSchema>;

export const authSchema = z.strictObject({
  /** bcrypt cost: each step doubles the time of a sign-in (12: ~0.4 s here). */
  bcryptRounds: z.number().int().min(4, 'expected at least 4').max(15, 'expected at most 15').default(12),
  /** A session ends after this long without a request… */
  sessionIdle: duration('a duration').default(12 * HOUR),
  /** …and after this long whatever happens, so a stolen cookie does not live for ever. */
  sessionMax: duration('a duration').default(7 * 24 * HOUR),
  /** Failed sign-ins allowed per email within `window` (four times as many per client address). */
  signInLimit: z
    .strictObject({
      maxFailures: z.number().int().min(1).max(1000).default(5),
      window: duration('a duration').default(15 * 60_000),
    })
    .prefault({}),
});
export type AuthSettings = z.infer<typeof authSchema>;
