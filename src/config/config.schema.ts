import { z } from 'zod';
import { replyPolicySchema } from '../replies/reply-policy';
import { duration } from './duration';
import { slaSchema, triageSchema } from '../triage/triage.config';
import { timeZone } from '../time/time-zone';
import { authSchema, configUserSchema } from '../users/users.config';
import { digestSchema, userDigestSchema } from '../digest/digest.config';
import { validateCronExpression } from 'cron';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected an id of lower-case letters, digits, "-" or "_" (e.g. "acme")');
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
/** Names an environment variable that holds a secret; the secret itself never lives in YAML. */
const envName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, 'expected the NAME of an environment variable (e.g. "MASTODON_TOKEN")');
const terms = z.array(z.string().trim().min(1, 'expected a non-empty term')).default([]);

export const brandQuerySchema = z.strictObject({
  /** At least one of these terms or phrases (or a handle or hashtag) must appear. */
  any: terms,
  /** Every one of these must also appear. */
  all: terms,
  /** None of these may appear. */
  exclude: terms,
  handles: z
    .array(
      z.string().regex(/^@?[\w.-]+(@[\w.-]+)?$/, 'expected a handle such as "@acme" or "acme.bsky.social"'),
    )
    .default([]),
  hashtags: z
    .array(z.string().regex(/^#?[\p{L}\p{N}_]+$/u, 'expected a hashtag such as "#acme"'))
    .default([]),
  /** Language codes; a post whose language is known must be in this list. Empty: any language. */
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/, 'expected a language code such as "en"'))
    .default([]),
});

export const brandSchema = z
  .strictObject({
    id,
    name: z.string().min(1),
    query: brandQuerySchema,
    /** What replies may promise and where they send people privately (see src/replies/reply-policy.ts). */
    replies: replyPolicySchema.optional(),
    /** Overrides `triage.sla` for this brand. */
    sla: slaSchema.optional(),
    /** Where the brand's team works: promised times ("by tomorrow") are read in this zone. */
    timeZone: timeZone.default('UTC'),
  })
  .refine((b) => b.query.any.length + b.query.handles.length + b.query.hashtags.length > 0, {
    message: 'a brand needs at least one of query.any, query.handles or query.hashtags',
    path: ['query'],
  });

const feedCommon = {
  id,
  /** Brands this feed is matched against; default: every brand. */
  brands: z.array(id).optional(),
  interval: duration('an interval').optional(),
  enabled: z.boolean().default(true),
  /** Pages fetched at most in one poll (API sources). */
  maxPages: z.number().int().min(1).max(100).default(5),
};

const secretKeys = ['token', 'password', 'accessToken', 'appPassword', 'secret', 'apiKey'] as const;
const noInlineSecrets = Object.fromEntries(
  secretKeys.map((k) => [
    k,
    z
      .never({
        error: `secrets do not belong in YAML: name an environment variable with "${k === 'password' || k === 'appPassword' ? 'passwordEnv' : 'tokenEnv'}" instead`,
      })
      .optional(),
  ]),
);

export const feedSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ ...feedCommon, ...noInlineSecrets, type: z.literal('feed'), url: httpUrl }),
    z.strictObject({ ...feedCommon, ...noInlineSecrets, type: z.literal('file'), path: z.string().min(1) }),
    z.strictObject({
      ...feedCommon,
      ...noInlineSecrets,
      type: z.literal('mastodon'),
      instance: httpUrl,
      /** `tag`: /api/v1/timelines/tag/:tag; `search`: /api/v2/search?type=statuses. */
      mode: z.enum(['tag', 'search']),
      tag: z
        .string()
        .regex(/^#?[\p{L}\p{N}_]+$/u, 'expected a hashtag without spaces')
        .optional(),
      query: z.string().min(1).optional(),
      tokenEnv: envName.optional(),
    }),
    z.strictObject({
      ...feedCommon,
      ...noInlineSecrets,
      type: z.literal('bluesky'),
      service: httpUrl.default('https://bsky.social'),
      handle: z.string().min(1),
      passwordEnv: envName,
      query: z.string().min(1),
      lang: z.string().optional(),
    }),
    z.strictObject({
      ...feedCommon,
      ...noInlineSecrets,
      type: z.literal('reddit'),
      baseUrl: httpUrl.default('https://www.reddit.com'),
      query: z.string().min(1),
      subreddit: z.string().regex(/^\w+$/, 'expected a subreddit name without "r/"').optional(),
      format: z.enum(['json', 'rss']).default('json'),
    }),
    z.strictObject({
      ...feedCommon,
      ...noInlineSecrets,
      type: z.literal('hackernews'),
      baseUrl: httpUrl.default('https://hn.algolia.com'),
      query: z.string().min(1),
      /** Algolia tags filter, e.g. "(story,comment)". */
      tags: z.string().default('(story,comment)'),
    }),
  ],
  { error: 'expected type to be one of feed, file, mastodon, bluesky, reddit, hackernews' },
);

export const configSchema = z
  .strictObject({
    server: z
      .strictObject({
        port: z.number().int().min(1).max(65535).default(3000),
        /**
         * Behind a reverse proxy that terminates HTTPS: trust its X-Forwarded-Proto/-For, so the session
         * cookie is marked Secure and sign-in limits count the real client address.
         */
        trustProxy: z.boolean().default(false),
      })
      .prefault({}),
    database: z
      .strictObject({
        /**
         * `sqlite` (the default): one file at `path`. `postgres`: the server named by the environment
         * variable DATABASE_URL (a secret: it holds the password, so it never lives in YAML).
         */
        type: z.enum(['sqlite', 'postgres'], { error: 'expected "sqlite" or "postgres"' }).default('sqlite'),
        /** The SQLite file (`type: sqlite` only). */
        path: z.string().min(1).default('data/defuse.sqlite'),
        url: z
          .never({
            error: 'secrets do not belong in YAML: set the environment variable DATABASE_URL instead',
          })
          .optional(),
      })
      .default({ type: 'sqlite', path: 'data/defuse.sqlite' }),
    polling: z
      .strictObject({
        enabled: z.boolean().default(true),
        interval: duration('an interval').default(300_000),
        /** Random spread added to each interval, as a fraction of it (0.1 = up to 10% later). */
        jitter: z.number().min(0).max(1).default(0.1),
        /** Feeds polled at the same time, at most. */
        concurrency: z.number().int().min(1).max(64).default(4),
        /** Longest wait after repeated failures. */
        maxBackoff: duration('a duration').default(3_600_000),
        /**
         * PostgreSQL, several instances: how long a feed's poll lease holds without renewal (the poller
         * renews it every third of this), so how soon another instance takes over a dead poller's feed.
         */
        lease: duration('a duration').default(60_000),
      })
      .prefault({}),
    http: z
      .strictObject({
        timeout: duration('a timeout').default(15_000),
        maxBodyBytes: z.number().int().min(1024).default(5_000_000),
        maxRedirects: z.number().int().min(0).max(20).default(5),
        userAgent: z.string().min(1).default('Defuse/0.1 (self-hosted social media complaint monitor)'),
      })
      .prefault({}),
    classifier: z
      .strictObject({
        /** The committed model artefact. */
        model: z.string().min(1).default('models/complaint-model.json'),
        /** Written by `defuse train --with-corrections`; preferred over `model` when the file exists. */
        trainedModel: z.string().min(1).default('data/models/complaint-model.json'),
        /**
         * The scheduled retrain: folds managers' corrections into the training data and swaps the new
         * model in only when it is not worse on the validation splits (src/classifier/retrain/).
         */
        retrain: z
          .strictObject({
            enabled: z.boolean().default(true),
            /** Five-field cron expression, read in `timeZone`; default nightly at 03:00. */
            cron: z
              .string()
              .default('0 3 * * *')
              .refine((c) => validateCronExpression(c).valid, {
                message: 'expected a cron expression such as "0 3 * * *" (minute hour day month weekday)',
              }),
            timeZone: timeZone.default('UTC'),
          })
          .prefault({}),
      })
      .prefault({}),
    triage: triageSchema.prefault({}),
    auth: authSchema.prefault({}),
    digest: digestSchema.prefault({}),
    /** People created at start-up when missing (see src/users/users.config.ts). */
    // A user's digest choice sits beside the user in YAML; the digest module owns what it means.
    users: z.array(configUserSchema.extend({ digest: userDigestSchema.optional() })).default([]),
    brands: z.array(brandSchema).min(1, 'expected at least one brand'),
    feeds: z.array(feedSchema).default([]),
  })
  .superRefine((cfg, ctx) => {
    const brandIds = new Set<string>();
    cfg.brands.forEach((b, i) => {
      if (brandIds.has(b.id))
        ctx.addIssue({ code: 'custom', path: ['brands', i, 'id'], message: `duplicate brand id "${b.id}"` });
      brandIds.add(b.id);
    });
    const emails = new Set<string>();
    cfg.users.forEach((u, i) => {
      const email = u.email.toLowerCase();
      if (emails.has(email))
        ctx.addIssue({
          code: 'custom',
          path: ['users', i, 'email'],
          message: `duplicate user email "${email}"`,
        });
      emails.add(email);
    });
    const feedIds = new Set<string>();
    cfg.users.forEach((u, i) =>
      u.digest?.brands?.forEach((b, j) => {
        if (!brandIds.has(b))
          ctx.addIssue({
            code: 'custom',
            path: ['users', i, 'digest', 'brands', j],
            message: `unknown brand "${b}" (known: ${[...brandIds].join(', ')})`,
          });
      }),
    );
    cfg.feeds.forEach((f, i) => {
      if (feedIds.has(f.id))
        ctx.addIssue({ code: 'custom', path: ['feeds', i, 'id'], message: `duplicate feed id "${f.id}"` });
      feedIds.add(f.id);
      f.brands?.forEach((b, j) => {
        if (!brandIds.has(b)) {
          ctx.addIssue({
            code: 'custom',
            path: ['feeds', i, 'brands', j],
            message: `unknown brand "${b}" (known: ${[...brandIds].join(', ')})`,
          });
        }
      });
      if (f.type === 'mastodon' && f.mode === 'tag' && !f.tag) {
        ctx.addIssue({
          code: 'custom',
          path: ['feeds', i, 'tag'],
          message: 'expected a tag when mode is "tag"',
        });
      }
      if (f.type === 'mastodon' && f.mode === 'search' && !f.query) {
        ctx.addIssue({
          code: 'custom',
          path: ['feeds', i, 'query'],
          message: 'expected a query when mode is "search"',
        });
      }
    });
  });

export type DefuseConfig = z.infer<typeof configSchema>;
export type BrandConfig = DefuseConfig['brands'][number];
export type BrandQuery = BrandConfig['query'];
export type FeedConfig = DefuseConfig['feeds'][number];
export type FeedType = FeedConfig['type'];
export type FeedConfigOf<T extends FeedType> = Extract<FeedConfig, { type: T }>;
