import type { Classification } from '../classifier/classifier.types';
import { allowedRemedies, stakeWords, teamFor } from './category-phrases';
import { Concern, findConcerns, findRequest, normalise } from './concern';
import * as book from './phrasebook';
import { countChars, limitFor, normalisePlatform, Platform } from './platform-length';
import { PostKind, PostReading, readPost } from './post-kind';
import type { ReplyPolicy } from './reply-policy';
import { ReviewNeed, reviewNeeded } from './review';
import { seededIndex } from './seeded-pick';
import { checkReply, SendCheckContext } from './send-check';
import { applyVoice, neverSaid } from './voice';

/**
 * Suggested public replies for one post (the playbook, section 3): drafts for a person to edit and
 * send, never posted automatically. The post is read first (what it is, what it is about), then each
 * draft is written for that: a complaint gets empathy and a next step, a question an answer or the
 * way to one, praise thanks. Pure and deterministic: the same input gives the same drafts.
 */

export interface ComposeInput {
  /** Seeds the choice of wording: the same case always reads the same, two cases read differently. */
  caseKey: string;
  text: string;
  platform: string;
  author?: string | null;
  brandName: string;
  policy: ReplyPolicy;
  classification: Classification;
  agentInitials?: string | null;
  /** The author's audience (followers) when known: a large one holds the reply for the comms lead. */
  reach?: number | null;
  /** For declared incidents that end (`until`); now by default. */
  now?: Date;
}

export interface Draft {
  approach: Approach;
  /** What the post was read as. */
  kind: PostKind;
  text: string;
  platform: string;
  chars: number;
  limit: number;
  /** Who must approve the text before it is posted, or null. */
  review: ReviewNeed | null;
}

/**
 * - next-step: sorry, the concern named, what we do next through the private channel, the timeline.
 * - brief: one short line of empathy and the private channel.
 * - personal-stakes: what is at stake for them first (a wedding, a sick child).
 * - remedy: what the brand's policy allows for this complaint.
 * - specialist: handed to the team that can answer, with the timeline.
 * - known-issue: a fault the brand declared, owned plainly.
 * - answer / route: a question's configured answer, or the way to one.
 * - thanks: praise, thanked warmly. glad: "it works now", a glad follow-up. share: thanks passed on
 *   to the team.
 * - care: legal and safety posts: the person first, the right team, no admission.
 */
export type Approach =
  | 'next-step'
  | 'brief'
  | 'personal-stakes'
  | 'remedy'
  | 'specialist'
  | 'known-issue'
  | 'answer'
  | 'route'
  | 'thanks'
  | 'glad'
  | 'share'
  | 'care';

/** A sentence slot: its phrasings, and a shorter set used when the draft is over the limit. */
interface Part {
  slot: string;
  options: book.Sentence[];
  short?: book.Sentence[];
  /** Dropped (last first) when the draft is too long. */
  optional?: boolean;
}

interface Plan {
  approach: Approach;
  parts: Part[];
}

const part = (slot: string, options: book.Sentence[], extra: Partial<Part> = {}): Part => ({
  slot,
  options,
  ...extra,
});

/** Products a safety post may be about: the reply asks them to stop using it. */
const PRODUCT =
  /\b(?:charger|battery|kettle|device|phone|heater|toy|cable|plug|appliance|product|blender|laptop|scooter|car seat|stroller|pram|candle|lamp|adapter|power bank|vape|e-?bike|helmet|hoverboard|dryer|oven|microwave|toaster|fridge|cooker|iron)\b/;
const SHARED_LINK = /https?:\/\/\S+/;
/** What the praise is about: "enjoyed the lounge", "love our new blender". */
const PRAISED =
  /\b(?:enjoyed|loved|loving|love|liked) (?:the|our|your|my new) ((?:[a-z]+ )?(?:lounge|flight|service|crew|food|meal|coffee|app|update|store|shop|staff|team|seats?|upgrade|trip|experience|room|stay|delivery|blender|kettle|phone|product|order))\b/;
/** Where they are headed: "my trip to New Orleans". */
const DESTINATION =
  /\b(?:trip|flight|holiday|vacation|getaway|going|headed|heading|off) to ((?:[A-Z][a-z]+)(?: [A-Z][a-z]+)?)\b/;
/** Something they must get to: the apology acknowledges it. */
const EVENT =
  /\b(?:miss(?:ing)?|late for|make it to|get to) (?:a |an |my |our |the |his |her )?(?:(?:hugely |very |really |super )?important )?(meeting|interview|wedding|funeral|appointment|exam|game|concert|conference|surgery)\b/;
/**
 * Personal data posted in public: an email, a phone number, a reference after its label ("case
 * #8719519", "order 88234571"), a long all-caps code, a long number. Flight numbers, dates and times
 * are not: a reply asking to delete a post with nothing private in it reads as not having read it.
 */
const PERSONAL_DATA: RegExp[] = [
  /[\w.+-]+@[\w-]+\.[a-z]{2,}/i,
  /(?:\+\d{1,3}[ -]?)?(?:\(\d{3}\)|\b\d{3})[ .-]\d{3}[ .-]\d{4}\b|\b0\d{3,4} ?\d{6,7}\b/,
  /\b(?:conf(?:irmation)?|record locator|locator|booking|reference|ref|case|order|account|ticket|pnr|membership)\s*(?:#|no\.?|number|code|is|:)?\s*#?\s*(?=[a-z0-9]*\d)[a-z0-9]{5,}\b/i,
  /\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{10,}\b/,
  /\b\d{9,}\b/,
];

export function composeReplies(input: ComposeInput): Draft[] {
  const c = input.classification;
  const reading = readPost(input.text, c);
  const t = normalise(input.text);
  const now = input.now ?? new Date();
  const incident =
    reading.kind === 'legal' || reading.kind === 'safety'
      ? null
      : (input.policy.incidents.find(
          (i) => (!i.until || new Date(i.until) > now) && i.keywords.some((k) => hasWords(t, k)),
        )?.statement ?? null);
  const answer =
    reading.kind === 'question' || reading.kind === 'help'
      ? (input.policy.answers.find((a) => a.keywords.every((k) => hasWords(t, k)))?.text ?? null)
      : null;
  const [found, also] = findConcerns(input.text, c.category);
  const request = reading.kind === 'help' || reading.kind === 'question' ? findRequest(input.text) : null;
  const event = EVENT.exec(t)?.[1];
  const concern: Concern | null =
    found && event ? { ...found, feeling: `especially with your ${event} to get to` } : (found ?? null);
  const offers =
    reading.kind === 'complaint' || reading.kind === 'sarcasm' || reading.kind === 'churn'
      ? allowedRemedies(input.policy.remedies, c.category)
      : [];
  const stake = stakeWords(c.flags.personalStakes);
  const review = reviewNeeded({
    flags: c.flags,
    reach: input.reach ?? null,
    reachThreshold: input.policy.reviewReach,
  });
  const plans = plansFor(reading, {
    concern,
    offers,
    stake,
    incident,
    answer,
    text: t,
    shared: SHARED_LINK.test(input.text),
    specific: PRAISED.test(t) || DESTINATION.test(input.text),
  });
  // Their own details in a public post: the first draft suggests taking it down (never repeats it).
  // Their own details in public: the first draft is the privacy line alone (it says how to continue).
  const bare = input.text.replace(/(?<![\w.])@[\w.@-]+|https?:\/\/\S+/g, ' ');
  if (PERSONAL_DATA.some((p) => p.test(bare))) plans[0].parts = [part('privacy', book.PRIVACY)];
  const base: Omit<book.Slots, 'ask' | 'askWith'> = {
    brand: input.brandName,
    concern,
    also: also ?? null,
    request,
    detailed: t.split(' ').length >= 12,
    praised: PRAISED.exec(t)?.[1] ?? null,
    destination: DESTINATION.exec(input.text)?.[1] ?? null,
    time: input.policy.responseTime,
    team: teamFor(c),
    offers,
    stake,
    incident,
    answer,
    supportUrl: input.policy.supportUrl ?? null,
  };
  return plans.map((plan, i) => compose(input, plan, i, base, reading.kind, review));
}

interface Facts {
  concern: Concern | null;
  offers: string[];
  stake: string | null;
  incident: string | null;
  answer: string | null;
  text: string;
  shared: boolean;
  /** Praise names what they liked or where they are going. */
  specific: boolean;
}

/** The drafts for this kind of post, best first: the first draft is the one most people send. */
function plansFor(r: PostReading, f: Facts): Plan[] {
  const sorry = part('sorry', book.SORRY, { short: book.SORRY_SHORT });
  // Replies real agents post rarely promise a time for a live problem (a delay, a queue): the
  // configured timeline goes in the specialist draft, where a team really will get back to them.
  const next = part('next', book.NEXT_STEP);
  const nextTimed = part('next', book.NEXT_STEP_TIMED, { short: book.NEXT_STEP });
  const brief = (open: Part): Plan => ({
    approach: 'brief',
    parts: [{ ...open, options: open.short ?? open.options }, part('brief-close', book.BRIEF_CLOSE)],
  });
  const third = (open: Part): Plan => {
    if (f.stake)
      return {
        approach: 'personal-stakes',
        parts: [{ ...open, options: open.short ?? open.options }, part('stakes', book.STAKES), nextTimed],
      };
    if (f.offers.length > 0) return { approach: 'remedy', parts: [open, part('remedy', book.REMEDY)] };
    return { approach: 'specialist', parts: [open, part('specialist', book.SPECIALIST)] };
  };
  switch (r.kind) {
    case 'legal':
      return [
        {
          // Someone hurt: the person first, even under a legal threat; still no admission.
          approach: 'care',
          parts: [
            r.hurt ? part('safety-open', book.SAFETY_OPEN_HURT) : part('legal-open', book.LEGAL_OPEN),
            part('legal-close', book.LEGAL_CLOSE),
          ],
        },
        {
          approach: 'brief',
          parts: [part('legal-brief', [book.LEGAL_OPEN[1]]), part('legal-close', book.LEGAL_CLOSE)],
        },
        {
          approach: 'specialist',
          parts: [part('legal-brief', [book.LEGAL_OPEN[1]]), part('specialist', book.SPECIALIST)],
        },
      ];
    case 'safety': {
      const open = part('safety-open', r.hurt ? book.SAFETY_OPEN_HURT : book.SAFETY_OPEN);
      const stop = PRODUCT.test(f.text) ? [part('stop', book.SAFETY_STOP_USING, { optional: true })] : [];
      return [
        { approach: 'care', parts: [open, ...stop, part('safety-close', book.SAFETY_CLOSE)] },
        { approach: 'brief', parts: [open, part('safety-close', book.SAFETY_CLOSE)] },
        { approach: 'specialist', parts: [open, part('specialist', book.SPECIALIST)] },
      ];
    }
    case 'resolved': {
      const glad = part('glad', r.tookEffort ? book.RESOLVED_EFFORT : book.RESOLVED);
      const people = r.praisesPeople ? [part('people', book.RESOLVED_PEOPLE, { optional: true })] : [];
      return [
        { approach: 'glad', parts: [glad, ...people] },
        { approach: 'brief', parts: [glad, part('anything-else', book.ANYTHING_ELSE)] },
        {
          approach: 'share',
          parts: [part('glad-short', book.RESOLVED_BRIEF), part('people', book.RESOLVED_PEOPLE)],
        },
      ];
    }
    case 'praise': {
      const people = r.praisesPeople ? part('people', book.PRAISE_PEOPLE) : part('close', book.PRAISE_CLOSE);
      const praise = f.specific
        ? part('praise-specific', book.PRAISE_SPECIFIC)
        : f.shared
          ? part('praise-share', book.PRAISE_SHARE)
          : part('praise', book.PRAISE);
      return [
        { approach: 'thanks', parts: f.shared && !r.praisesPeople ? [praise] : [praise, people] },
        { approach: 'brief', parts: [praise] },
        {
          approach: 'share',
          parts: [part('praise-brief', book.PRAISE_BRIEF), part('people', book.PRAISE_PEOPLE)],
        },
      ];
    }
    case 'feedback':
      return [
        {
          approach: 'thanks',
          parts: [part('feedback', book.FEEDBACK_OPEN), part('feedback-close', book.FEEDBACK_CLOSE)],
        },
        { approach: 'brief', parts: [part('feedback-brief', book.FEEDBACK_BRIEF)] },
        {
          approach: 'next-step',
          parts: [part('feedback', book.FEEDBACK_OPEN), part('brief-close', book.BRIEF_CLOSE)],
        },
      ];
    case 'question':
      if (f.answer)
        return [
          {
            approach: 'answer',
            parts: [
              part('answer', [(s) => s.answer ?? '']),
              part('answer-close', book.ANSWER_CLOSE, { optional: true }),
            ],
          },
          { approach: 'route', parts: [part('route', book.QUESTION_ROUTE)] },
          { approach: 'brief', parts: [part('question-brief', book.QUESTION_BRIEF)] },
        ];
      return [
        { approach: 'route', parts: [part('route', book.QUESTION_ROUTE)] },
        { approach: 'brief', parts: [part('question-brief', book.QUESTION_BRIEF)] },
        { approach: 'specialist', parts: [part('question-timed', book.QUESTION_TIMED)] },
      ];
    case 'comment':
      return [
        {
          approach: 'thanks',
          parts: [f.shared ? part('share', book.COMMENT_SHARE) : part('comment', book.COMMENT)],
        },
        { approach: 'brief', parts: [part('comment-brief', book.COMMENT_BRIEF)] },
        { approach: 'route', parts: [part('comment-route', book.COMMENT_ROUTE)] },
      ];
    default:
      break;
  }
  if (f.incident) {
    const incident = part('incident', book.INCIDENT);
    return [
      {
        approach: 'known-issue',
        parts: [incident, part('incident-close', book.INCIDENT_CLOSE, { optional: true })],
      },
      { approach: 'brief', parts: [incident] },
      { approach: 'next-step', parts: [part('sorry', book.SORRY, { short: book.SORRY_SHORT }), next] },
    ];
  }
  if (r.kind === 'help') {
    const open = part('help-open', book.HELP_OPEN);
    const plans: Plan[] = [
      { approach: 'next-step', parts: [open, part('help-next', book.HELP_NEXT)] },
      { approach: 'brief', parts: [open, part('brief-close', book.BRIEF_CLOSE)] },
      { approach: 'specialist', parts: [open, part('specialist', book.SPECIALIST)] },
    ];
    if (f.answer)
      plans.unshift({
        approach: 'answer',
        parts: [
          part('answer', [(s) => s.answer ?? '']),
          part('answer-close', book.ANSWER_CLOSE, { optional: true }),
        ],
      });
    return plans;
  }
  if (r.kind === 'churn') {
    const open = part('churn-open', book.CHURN_OPEN);
    return [
      { approach: 'next-step', parts: [open, part('churn-close', book.CHURN_CLOSE)] },
      { approach: 'brief', parts: [open, part('churn-cancel', book.CHURN_CANCEL)] },
      third(sorry),
    ];
  }
  const open = r.kind === 'sarcasm' ? part('sarcasm', book.SARCASM) : sorry;
  const tip = f.concern?.tip ? [part('tip', book.TIP, { optional: true })] : [];
  return [{ approach: 'next-step', parts: [open, next, ...tip] }, brief(open), third(open)];
}

/** Tries the phrasings (then shorter forms) until one fits the platform and breaks no rule. */
function compose(
  input: ComposeInput,
  plan: Plan,
  index: number,
  base: Omit<book.Slots, 'ask' | 'askWith'>,
  kind: PostKind,
  review: ReviewNeed | null,
): Draft {
  const platform = normalisePlatform(input.platform);
  const opts = { mastodonLimit: input.policy.mastodonLimit };
  const limit = limitFor(input.platform, opts);
  const prefix = addressee(input.author, platform);
  const voice = input.policy.voice;
  const signature = `${voice.signOff ? ` ${voice.signOff}` : ''}${signatureFor(input.agentInitials, platform)}`;
  const optional = plan.parts.map((p, i) => (p.optional ? i : -1)).filter((i) => i >= 0);
  const emoji = voice.emoji && (kind === 'praise' || kind === 'resolved') ? ' 🙂' : '';
  const check: SendCheckContext = {
    platform: input.platform,
    policy: input.policy,
    post: input.text,
    flags: input.classification.flags,
    brandName: input.brandName,
    now: input.now,
  };
  let text = '';
  // variant 0 is the case's own wording; later variants are other phrasings, tried only when the
  // brand never uses a word of the first or it breaks a rule.
  for (let variant = 0; variant < 8; variant++) {
    const key = (slot: string) => [input.caseKey, plan.approach, slot];
    // Each later variant moves every slot on by one phrasing, so all of them get tried.
    const choose = <T>(options: readonly T[], slot: string): T =>
      options[(seededIndex(options.length, ...key(slot)) + variant) % options.length];
    const channel = channelFor(input.policy, platform, index, key('channel'), variant);
    const slots: book.Slots = {
      ...base,
      ask: channel.ask,
      askWith: detailOf(base) ? channel.withDetail(detailOf(base)!) : channel.ask,
    };
    for (let dropped = 0; dropped <= optional.length; dropped++) {
      const drop = new Set(optional.slice(optional.length - dropped));
      for (const short of [false, true]) {
        const body = plan.parts
          .filter((_, i) => !drop.has(i))
          .map((p) => choose(short && p.short ? p.short : p.options, p.slot)(slots))
          .join(' ');
        text = `${prefix}${applyVoice(body, voice)}${emoji}${signature}`;
        if (countChars(text, input.platform, opts) > limit) continue;
        // The same check an agent's own text gets before sending: a draft that fails it is never offered.
        if (checkReply(text, check).length > 0 || neverSaid(text, voice).length > 0) break;
        return draft(plan.approach, kind, text, input, limit, review);
      }
    }
  }
  // Still too long (a long support link on a tight platform): the opening and the channel alone.
  const minimal: Plan = {
    approach: plan.approach,
    parts: [plan.parts[0], part('brief-close', book.BRIEF_CLOSE)],
  };
  if (plan.parts.length > 2 || plan.parts[1]?.slot !== 'brief-close')
    return compose(input, minimal, index, base, kind, review);
  // Nothing fits (a channel longer than the limit): the last form, its true count showing the overrun.
  return draft(plan.approach, kind, text, input, limit, review);
}

/** What to send privately: for a request, what the request needs; else what the concern needs. */
function detailOf(s: Omit<book.Slots, 'ask' | 'askWith'>): string | null {
  return s.request ? s.request.detail : (s.concern?.detail ?? null);
}

interface Channel {
  ask: string;
  withDetail: (detail: string) => string;
}

/**
 * How to continue privately, imperative. Configured channels rotate across the drafts so the manager
 * sees each; DMs only where DMs exist (X, Mastodon, Bluesky). Without a usable channel: a private
 * message on the platform the customer used.
 */
function channelFor(
  policy: ReplyPolicy,
  platform: Platform,
  index: number,
  key: string[],
  variant: number,
): Channel {
  const social = platform === 'x' || platform === 'mastodon' || platform === 'bluesky';
  const options: Channel[][] = [];
  const dm: Channel[] = [
    { ask: 'DM us', withDetail: (d) => `DM us ${d}` },
    { ask: 'send us a DM', withDetail: (d) => `send us a DM with ${d}` },
  ];
  if (policy.dm && social) options.push(dm);
  if (policy.dmHandle && social)
    options.push([
      { ask: `DM us at ${policy.dmHandle}`, withDetail: (d) => `DM us at ${policy.dmHandle} with ${d}` },
      {
        ask: `send a DM to ${policy.dmHandle}`,
        withDetail: (d) => `send a DM to ${policy.dmHandle} with ${d}`,
      },
    ]);
  if (policy.email)
    options.push([
      { ask: `email us at ${policy.email}`, withDetail: (d) => `email us at ${policy.email} with ${d}` },
      { ask: `drop us a line at ${policy.email}`, withDetail: (d) => `email ${d} to ${policy.email}` },
    ]);
  if (policy.supportUrl)
    options.push([
      {
        ask: `get in touch at ${policy.supportUrl}`,
        withDetail: (d) => `get in touch at ${policy.supportUrl} with ${d}`,
      },
      {
        ask: `contact us privately at ${policy.supportUrl}`,
        withDetail: (d) => `contact us at ${policy.supportUrl} with ${d}`,
      },
    ]);
  if (options.length === 0) {
    if (social) options.push(dm);
    else if (platform === 'reddit')
      options.push([
        { ask: 'send us a private message', withDetail: (d) => `send us a private message with ${d}` },
        { ask: 'message us privately', withDetail: (d) => `message us privately with ${d}` },
      ]);
    else
      options.push([
        { ask: 'get in touch with us privately', withDetail: (d) => `get in touch privately with ${d}` },
        { ask: 'contact us privately', withDetail: (d) => `contact us privately with ${d}` },
      ]);
  }
  const forms = options[index % options.length];
  return forms[(seededIndex(forms.length, ...key) + variant) % forms.length];
}

/** The words of a configured keyword, whole, in the normalised post. */
function hasWords(normalisedText: string, keyword: string): boolean {
  const k = normalise(keyword).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w])${k}(?![\\w])`).test(normalisedText);
}

/** X, Mastodon and Bluesky replies start with the author's handle; unknown or odd authors are not addressed. */
function addressee(author: string | null | undefined, platform: Platform): string {
  if (!author || !(platform === 'x' || platform === 'mastodon' || platform === 'bluesky')) return '';
  const handle = author.trim().replace(/^@/, '');
  return /^[\w.-]+(@[\w.-]+)?$/.test(handle) ? `@${handle} ` : '';
}

/** "^AB" after the text; on Reddit, where "^" means superscript, "– AB". */
function signatureFor(initials: string | null | undefined, platform: Platform): string {
  const clean = (initials ?? '')
    .replace(/[^\p{L}]/gu, '')
    .toUpperCase()
    .slice(0, 4);
  if (!clean) return '';
  return platform === 'reddit' ? ` – ${clean}` : ` ^${clean}`;
}

function draft(
  approach: Approach,
  kind: PostKind,
  text: string,
  input: ComposeInput,
  limit: number,
  review: ReviewNeed | null,
): Draft {
  const platform = normalisePlatform(input.platform);
  return {
    approach,
    kind,
    text,
    platform: platform === 'other' ? input.platform.trim().toLowerCase() : platform,
    chars: countChars(text, input.platform, { mastodonLimit: input.policy.mastodonLimit }),
    limit,
    review,
  };
}
