import { z } from 'zod';

/**
 * A brand's reply policy (`brands[].replies` in the configuration): where a conversation continues
 * privately, the response time the brand can really keep, and which remedies a draft may offer.
 * The playbook's rule 7: drafts promise only what is written here, and nothing by default.
 */

/** The response times the promise extractor turns back into a due date ("within 24 hours"). */
export const RESPONSE_TIME_PATTERN =
  /^(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty-four|forty-eight) (?:minutes?|hours?|days?|business days?|working days?|weeks?)$/;

const yesNo = z.boolean({ error: 'expected true or false' }).default(false);

export const replyPolicySchema = z
  .strictObject({
    /** A handle customers can DM on the platform, e.g. "@AcmeHelp" (the "@" is added when missing). */
    dmHandle: z
      .string()
      .trim()
      .regex(/^@?[\w.-]+(@[\w.-]+)?$/, 'expected a handle such as "@AcmeHelp" or "@help@acme.social"')
      .transform((h) => (h.startsWith('@') ? h : `@${h}`))
      .optional(),
    email: z.email({ error: 'expected an email address such as "help@acme.com"' }).optional(),
    /** A page where customers open a case or chat privately. */
    supportUrl: z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as "https://acme.com/help"' })
      .optional(),
    /** Used verbatim after "within": the timeline the brand can keep. Required: it is never invented. */
    responseTime: z
      .string({ error: 'expected the response time the brand can keep, e.g. "24 hours"' })
      .trim()
      .regex(
        RESPONSE_TIME_PATTERN,
        'expected a response time such as "2 hours", "24 hours" or "2 business days"',
      ),
    /** What a draft may offer; everything is off unless the brand says so. */
    remedies: z
      .strictObject({
        refund: yesNo,
        replacement: yesNo,
        /** Account credit (or service credit for outages). */
        credit: yesNo,
        /** A discount on a next purchase, e.g. "20%" or "£10"; null: none. */
        discount: z
          .string()
          .regex(
            /^(?:\d{1,2}(?:\.\d+)?%|[£$€]\d{1,4}(?:\.\d{2})?)$/,
            'expected a discount such as "20%" or "£10"',
          )
          .nullable()
          .default(null),
      })
      .prefault({}),
    /** Authors with at least this many followers have their replies reviewed by the comms lead first. */
    reviewReach: z.number().int().min(1, 'expected at least 1 follower').default(50_000),
    /** The instance's post length limit, when the brand posts on Mastodon. */
    mastodonLimit: z.number().int().min(200, 'expected at least 200 characters').max(100_000).default(500),
  })
  .refine((p) => p.dmHandle !== undefined || p.email !== undefined || p.supportUrl !== undefined, {
    message: 'a reply policy needs at least one private channel: dmHandle, email or supportUrl',
    path: ['dmHandle'],
  });

export type ReplyPolicy = z.infer<typeof replyPolicySchema>;
export type Remedies = ReplyPolicy['remedies'];

/**
 * For a brand without a `replies` block. No configured channel, so drafts ask for a direct message on
 * the platform the customer used; 24 hours is Defuse's documented default response time (a brand that
 * cannot keep it must configure its own); no remedy is ever offered.
 */
export const DEFAULT_REPLY_POLICY: ReplyPolicy = Object.freeze({
  responseTime: '24 hours',
  remedies: Object.freeze({ refund: false, replacement: false, credit: false, discount: null }),
  mastodonLimit: 500,
  reviewReach: 50_000,
});

/**
 * The policy for a brand from its raw `replies` value (the config may not validate that key yet):
 * undefined gives DEFAULT_REPLY_POLICY; an invalid block throws with every problem named.
 */
export function resolveReplyPolicy(raw: unknown, where = 'replies'): ReplyPolicy {
  if (raw === undefined || raw === null) return DEFAULT_REPLY_POLICY;
  const result = replyPolicySchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (i) => `  - ${[where, ...i.path.map(String)].join('.')}: ${i.message}`,
  );
  throw new Error(`invalid reply policy\n${problems.join('\n')}`);
}
