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

const phrase = z.string().trim().min(1, 'expected a phrase').max(200);
const keywords = z
  .array(z.string().trim().min(2, 'expected a word of at least 2 letters').max(60))
  .min(1, 'expected at least one keyword');

export const FORMALITIES = ['casual', 'neutral', 'formal'] as const;
export type Formality = (typeof FORMALITIES)[number];

export const voiceSchema = z.strictObject({
  /** casual: "Thanks!", contractions; neutral (default); formal: "Thank you.", no contractions, no "!". */
  formality: z.enum(FORMALITIES, { error: `expected one of ${FORMALITIES.join(', ')}` }).default('neutral'),
  /** A warm emoji on thanks and good news (never on complaints). */
  emoji: yesNo,
  /** Added at the end of every draft, e.g. "– Team Acme" (the agent's initials come after it). */
  signOff: z.string().trim().min(1).max(40).optional(),
  /** The brand's own words, always used instead of ours: { "DM": "private message", "team": "crew" }. */
  terms: z.record(z.string().trim().min(1).max(40), z.string().trim().min(1).max(60)).default({}),
  /** Words and phrases the brand never uses: a draft with one is worded another way, or loses the sentence. */
  never: z.array(phrase).default([]),
});
export type Voice = z.infer<typeof voiceSchema>;

const incidentSchema = z.strictObject({
  /** A post about it contains one of these words ("email", "inbox", "login"). */
  keywords,
  /** What is wrong, as the brand says it after "Sorry about this:" ("our email service is down for some customers"). */
  statement: phrase,
  /** After this ISO time the incident is over and no longer admitted. */
  until: z.iso
    .datetime({ offset: true, error: 'expected an ISO time such as 2026-12-05T18:00:00Z' })
    .optional(),
});
export type Incident = z.infer<typeof incidentSchema>;

const answerSchema = z.strictObject({
  /** A question containing all of these words gets this answer. */
  keywords,
  /** The answer, as the brand would post it. */
  text: phrase,
});
export type Answer = z.infer<typeof answerSchema>;

export const replyPolicySchema = z
  .strictObject({
    /** A handle customers can DM on the platform, e.g. "@AcmeHelp" (the "@" is added when missing). */
    dmHandle: z
      .string()
      .trim()
      .regex(/^@?[\w.-]+(@[\w.-]+)?$/, 'expected a handle such as "@AcmeHelp" or "@help@acme.social"')
      .transform((h) => (h.startsWith('@') ? h : `@${h}`))
      .optional(),
    /** Customers can DM the account the brand replies from ("DM us"), on platforms with DMs. */
    dm: z.boolean({ error: 'expected true or false' }).default(false),
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
    /** How the brand sounds: formality, sign-off, emoji, its own words and the words it never uses. */
    voice: voiceSchema.prefault({}),
    /**
     * Faults the brand has declared (an outage, a recall): a draft for a post about one says so plainly
     * and owns it. Nothing else is ever admitted in public before it is known.
     */
    incidents: z.array(incidentSchema).default([]),
    /** Answers to common questions, used verbatim when a question's words match. */
    answers: z.array(answerSchema).default([]),
    /** Authors with at least this many followers have their replies reviewed by the comms lead first. */
    reviewReach: z.number().int().min(1, 'expected at least 1 follower').default(50_000),
    /** The instance's post length limit, when the brand posts on Mastodon. */
    mastodonLimit: z.number().int().min(200, 'expected at least 200 characters').max(100_000).default(500),
  })
  .refine((p) => p.dm || p.dmHandle !== undefined || p.email !== undefined || p.supportUrl !== undefined, {
    message: 'a reply policy needs at least one private channel: dm, dmHandle, email or supportUrl',
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
  dm: false,
  voice: Object.freeze({ formality: 'neutral' as const, emoji: false, terms: {}, never: [] }),
  incidents: [],
  answers: [],
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
