import type { ClassificationFlags } from '../classifier/classifier.types';
import { LEGAL_SOURCE } from '../classifier/cues/flags';
import { fold, isOffensive } from './offensive-words';
import { countChars, limitFor, normalisePlatform, Platform } from './platform-length';
import { extractPromises } from './promise-extractor';
import type { ReplyPolicy } from './reply-policy';
import { asksForDataInPublic, FORBIDDEN_PHRASES, findForbidden } from './tone';

/**
 * The check before sending (issue 12): the text an agent is about to post, edited or not, against
 * the playbook's rules for a public reply. It never refuses: it says what fails, in words an agent
 * understands, and the agent decides. Pure: no database, no clock unless `now` is left out.
 */

export type SendCheckRule =
  | 'banned-phrase'
  | 'personal-data-in-public'
  | 'unapproved-remedy'
  | 'unapproved-time-promise'
  | 'too-long'
  | 'repeats-threat-or-insult'
  | 'quotes-customer'
  | 'admits-fault';

export interface SendCheckFinding {
  rule: SendCheckRule;
  message: string;
}

export interface SendCheckContext {
  /** The platform the reply is posted on ("mastodon", "x", …): its limit and how it counts. */
  platform: string;
  /** The brand's reply policy: remedies, response time, private channels, Mastodon limit. */
  policy: ReplyPolicy;
  /** The customer's post, or every post of the thread. */
  post: string | readonly string[];
  flags: Pick<ClassificationFlags, 'legalThreat'>;
  /** Used in messages ("Acme's reply policy"); "the brand" when absent. */
  brandName?: string;
  /** When the reply would be sent, to read its time promises; now when absent. */
  now?: Date;
  /** The brand's time zone, for promises such as "by Friday"; UTC when absent. */
  timeZone?: string;
}

/** A run of the customer's words repeated in the reply with a threat, insult or profanity in it. */
export const OFFENSIVE_RUN_WORDS = 4;
/** A run of the customer's words this long is quoting them, whatever it says. */
export const QUOTED_RUN_WORDS = 6;

export function checkReply(text: string, ctx: SendCheckContext): SendCheckFinding[] {
  const brand = ctx.brandName ? `${ctx.brandName}'s` : "the brand's";
  return [
    bannedPhrases(text),
    personalData(text, ctx.policy),
    unapprovedRemedies(text, ctx.policy, brand),
    unapprovedTimes(text, ctx, brand),
    tooLong(text, ctx),
    ...repeatedWords(text, typeof ctx.post === 'string' ? [ctx.post] : ctx.post),
    ctx.flags.legalThreat ? admission(text) : null,
  ].filter((f): f is SendCheckFinding => f !== null);
}

// ---- banned phrasing ----

function bannedPhrases(text: string): SendCheckFinding | null {
  const sources = new Set(findForbidden(text));
  if (sources.size === 0) return null;
  const folded = fold(text);
  const said = FORBIDDEN_PHRASES.filter((p) => sources.has(p.source))
    .map((p) => p.exec(folded)?.[0].replace(/[,.]$/, ''))
    .filter((s): s is string => Boolean(s));
  return {
    rule: 'banned-phrase',
    message: `Avoid ${list(unique(said).map(quote))}: to someone who is upset it reads as dismissive, defensive or blaming. Say it another way.`,
  };
}

// ---- personal data asked for in public ----

function personalData(text: string, policy: ReplyPolicy): SendCheckFinding | null {
  if (!asksForDataInPublic(text)) return null;
  const channel = policy.dmHandle
    ? ` (a direct message to ${policy.dmHandle})`
    : policy.email
      ? ` (by email to ${policy.email})`
      : policy.supportUrl
        ? ` (at ${policy.supportUrl})`
        : ' (a direct message)';
  return {
    rule: 'personal-data-in-public',
    message: `It asks for personal details (an order number, email, address or the like) in public, where anyone can read them. Ask for them privately instead${channel}.`,
  };
}

// ---- promises the policy does not back ----

interface RemedyWords {
  label: string;
  pattern: RegExp;
  allowed: (p: ReplyPolicy) => boolean;
}

/** Remedies by kind; compensation and "we'll fix it" have no switch in a policy, so never count as approved. */
const REMEDIES: RemedyWords[] = [
  {
    label: 'a refund',
    pattern: /\b(?:refund\w*|money back|reimburs\w*)/g,
    allowed: (p) => p.remedies.refund,
  },
  {
    label: 'a replacement',
    pattern: /\b(?:replace(?:ment|ments|d)?|replacing)\b/g,
    allowed: (p) => p.remedies.replacement,
  },
  { label: 'credit', pattern: /\bcredit(?:s|ed)?\b(?! ?cards?\b)/g, allowed: (p) => p.remedies.credit },
  {
    label: 'a discount',
    pattern: /\b(?:discount\w*|vouchers?|coupons?|promo codes?)\b|\d+ ?% off\b/g,
    allowed: (p) => p.remedies.discount !== null,
  },
  {
    label: 'compensation',
    pattern: /\b(?:compensat\w*|free of charge|for free|on the house|goodwill (?:gesture|payment))\b/g,
    allowed: () => false,
  },
  {
    label: 'a fix',
    pattern:
      /\bwe(?:'ll| will|'re going to| are going to) (?:fix|resolve|repair|make (?:it|this|things) right|sort (?:it|this) out)\b/g,
    allowed: () => false,
  },
];

/** "we can't offer a refund", "no replacement is possible": mentioned, not promised. */
const NEGATED_BEFORE =
  /\b(?:no|not|never|cannot|can't|unable to|won't|isn't|aren't|don't|doesn't|without)\b(?:\s+[\w'-]+){0,3}\s*$/;

function unapprovedRemedies(text: string, policy: ReplyPolicy, brand: string): SendCheckFinding | null {
  const t = blankQuotes(fold(text));
  const offered = REMEDIES.filter((r) => !r.allowed(policy))
    .map((r) => ({ label: r.label, words: offeredWords(t, r.pattern) }))
    .filter((r) => r.words.length > 0);
  if (offered.length === 0) return null;
  const what = offered.map((r) => `${r.label} (${list(unique(r.words).map(quote))})`);
  return {
    rule: 'unapproved-remedy',
    message: `It offers ${list(what)}, which ${brand} reply policy does not allow. Promise only what the policy allows, or agree it with a lead first.`,
  };
}

function offeredWords(text: string, pattern: RegExp): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(pattern)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    // "still waiting for your refund" names what the customer is owed already; it offers nothing new.
    if (!NEGATED_BEFORE.test(before) && !/\byour\s+$/.test(before)) found.push(m[0]);
  }
  return found;
}

function unapprovedTimes(text: string, ctx: SendCheckContext, brand: string): SendCheckFinding | null {
  const now = ctx.now ?? new Date();
  const zone = ctx.timeZone ?? 'UTC';
  const promised = extractPromises(text, now, zone);
  if (promised.length === 0) return null;
  const configured = ctx.policy.responseTime;
  // "within 24 hours", "in 24 hours" and "within a day" all fall due when the configured time does.
  const keepable = extractPromises(`within ${configured}`, now, zone)[0]?.due.getTime();
  const invented = promised.filter((p) =>
    keepable === undefined
      ? !p.phrase.toLowerCase().endsWith(configured.toLowerCase())
      : p.due.getTime() !== keepable,
  );
  if (invented.length === 0) return null;
  return {
    rule: 'unapproved-time-promise',
    message: `It promises ${list(unique(invented.map((p) => p.phrase)).map(quote))}, but the time the team can keep is ${quote(configured)} (${brand} reply policy). Promise that, or no time at all: every promised time becomes a follow-up someone must keep.`,
  };
}

// ---- length ----

const PLATFORM_NAMES: Record<Platform, string | null> = {
  x: 'X',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  reddit: 'Reddit',
  other: null,
};

function tooLong(text: string, ctx: SendCheckContext): SendCheckFinding | null {
  const opts = { mastodonLimit: ctx.policy.mastodonLimit };
  const used = countChars(text, ctx.platform, opts);
  const limit = limitFor(ctx.platform, opts);
  if (used <= limit) return null;
  const name = PLATFORM_NAMES[normalisePlatform(ctx.platform)];
  const counted = name
    ? `${used} characters as ${name} counts them; ${name} allows ${limit}`
    : `${used} characters; the limit here is ${limit}`;
  return {
    rule: 'too-long',
    message: `It is ${counted}. Cut ${used - limit} or it will not post.`,
  };
}

// ---- the customer's words repeated ----

const LEGAL_CUE = new RegExp(`\\b(?:${LEGAL_SOURCE})\\b`);
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

interface Word {
  word: string;
  start: number;
  end: number;
}

function words(text: string): Word[] {
  return Array.from(text.matchAll(WORD), (m) => ({
    word: fold(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/**
 * Runs of consecutive words the reply shares with a post, longest first at each place: a run with a
 * threat, insult or profanity in it from OFFENSIVE_RUN_WORDS words on, any run from QUOTED_RUN_WORDS.
 */
function repeatedWords(text: string, posts: readonly string[]): SendCheckFinding[] {
  const reply = words(text);
  const spans = new Map<string, { from: number; to: number }>();
  for (const post of posts) {
    const theirs = words(post).map((w) => w.word);
    // Longest common run ending at reply word i and post word j, one row at a time.
    let previous = new Uint16Array(theirs.length + 1);
    for (let i = 0; i < reply.length; i++) {
      const row = new Uint16Array(theirs.length + 1);
      for (let j = 0; j < theirs.length; j++) {
        if (reply[i].word !== theirs[j]) continue;
        row[j + 1] = Math.min(previous[j] + 1, 65_535);
        const goesOn = i + 1 < reply.length && j + 1 < theirs.length && reply[i + 1].word === theirs[j + 1];
        if (!goesOn && row[j + 1] >= OFFENSIVE_RUN_WORDS) {
          const from = i - row[j + 1] + 1;
          spans.set(`${from}:${i}`, { from, to: i });
        }
      }
      previous = row;
    }
  }
  // A run inside a longer one (from another post) says nothing new.
  const runs = [...spans.values()]
    .filter((a) => ![...spans.values()].some((b) => b !== a && b.from <= a.from && b.to >= a.to))
    .sort((a, b) => a.from - b.from)
    .map((s) => ({
      length: s.to - s.from + 1,
      said: text.slice(reply[s.from].start, reply[s.to].end),
    }));
  const offensive = runs.filter((r) => isOffensive(r.said) || LEGAL_CUE.test(fold(r.said)));
  const quoted = runs.filter((r) => r.length >= QUOTED_RUN_WORDS && !offensive.includes(r));
  const findings: SendCheckFinding[] = [];
  if (offensive.length > 0)
    findings.push({
      rule: 'repeats-threat-or-insult',
      message: `It repeats the customer's threat, insult or swearing back at them: ${list(offensive.map((r) => quote(clip(r.said))))}. Name the problem in your own words and leave theirs out.`,
    });
  if (quoted.length > 0)
    findings.push({
      rule: 'quotes-customer',
      message: `It quotes the customer's own words back: ${list(quoted.map((r) => quote(clip(r.said))))}. Say what went wrong in your own words, from their side.`,
    });
  return findings;
}

// ---- admitting fault on a legal threat ----

const ADMISSION =
  /\b(?:(?:it's|it is|it was|that's|that is|this is|this one is|this was|that was|all) on us|our (?:fault|mistake|error|negligence|bad)|(?:we're|we are|we were) (?:liable|legally responsible|responsible for (?:this|that|what happened|your)|at fault|to blame|negligent)|we (?:accept|admit|take) (?:full |all |the )?(?:responsibility|liability|blame|fault)|we admit\b|we (?:got (?:this|it|that) wrong|messed up|screwed up|made a mistake|dropped the ball)|we should have (?:done better|known better|caught this))/g;
const DENIED_BEFORE = /\b(?:not|isn't|wasn't|never|no)\s*$/;

function admission(text: string): SendCheckFinding | null {
  const t = fold(text);
  const said = Array.from(t.matchAll(ADMISSION))
    .filter((m) => !DENIED_BEFORE.test(t.slice(Math.max(0, m.index - 12), m.index)))
    .map((m) => m[0]);
  if (said.length === 0) return null;
  return {
    rule: 'admits-fault',
    message: `It admits fault (${list(unique(said).map(quote))}) on a case with a legal threat. Apologise for the experience without accepting blame or liability until legal has looked at it.`,
  };
}

// ---- wording ----

function quote(s: string): string {
  return `“${s}”`;
}

function clip(s: string, max = 80): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** "a", "a and b", "a, b and c". */
function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Quoted passages (the customer's words) are not the brand's offer: blanked, same length. */
function blankQuotes(text: string): string {
  return text.replace(/“[^”]*”|"[^"]*"/g, (q) => ' '.repeat(q.length));
}
