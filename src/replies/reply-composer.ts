import type { Classification } from '../classifier/classifier.types';
import { allowedRemedies, CategoryPhrases, phrasesFor, stakeWords } from './category-phrases';
import { DEFAULT_MAX_WORDS, keyPhrase, shortenPhrase } from './key-phrase';
import * as book from './phrasebook';
import { countChars, limitFor, normalisePlatform, Platform } from './platform-length';
import type { ReplyPolicy } from './reply-policy';
import { pick, seededIndex } from './seeded-pick';
import { asksForDataInPublic, findForbidden } from './tone';

/**
 * Suggested public replies for one complaint (the playbook, section 3): drafts for a person to edit
 * and send, never posted automatically. Pure and deterministic: the same input gives the same drafts.
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
}

export interface Draft {
  approach: Approach;
  text: string;
  platform: string;
  chars: number;
  limit: number;
}

/**
 * - short-private: acknowledgement, apology, and on to private messages.
 * - full-apology: the concern, empathy, a fuller apology, the concrete next step, channel and time.
 * - personal-stakes: the emotional problem first (wedding, lost photos), when the classifier saw one.
 * - remedy-choice: what the policy allows for this kind of complaint, the customer choosing.
 * - escalation: who takes the case; when there is neither stake nor remedy, or a legal, safety or
 *   press cue, where the right person matters more than the words.
 */
export type Approach = 'short-private' | 'full-apology' | 'personal-stakes' | 'remedy-choice' | 'escalation';

interface Part {
  sentence: book.Sentence;
  /** Optional sentences are dropped, last first, when the draft is too long. */
  optional?: boolean;
  /** A shorter form with the same job, for when dropping optional sentences is not enough. */
  compact?: book.Sentence;
  /** Compacted before the others: the sentences whose long forms add the least. */
  compactEarly?: boolean;
}

/** Quotes are tried at these lengths (in words) before the draft goes without one. */
const QUOTE_WORDS = [DEFAULT_MAX_WORDS, 8, 5];

export function composeReplies(input: ComposeInput): Draft[] {
  const c = input.classification;
  const phrases = phrasesFor(c);
  const offers = allowedRemedies(input.policy.remedies, c.category);
  const stake = stakeWords(c.flags.personalStakes);
  const escalate = c.flags.legalThreat || c.flags.safetyRisk || c.flags.pressOrInfluencer;
  const approaches: Approach[] = ['short-private', 'full-apology'];
  if (stake) approaches.push('personal-stakes');
  if (offers.length > 0 && !escalate) approaches.push('remedy-choice');
  if (approaches.length === 2 || escalate) approaches.push('escalation');
  const quote = keyPhrase(input.text, { brandName: input.brandName, hints: hintsFrom(c.reasons) });
  const cautious = c.flags.legalThreat;
  return approaches.map((approach, i) =>
    compose(input, approach, i, { phrases, offers, stake, quote, cautious }),
  );
}

interface Shared {
  phrases: CategoryPhrases;
  /** A legal threat: apologise without admitting liability. */
  cautious: boolean;
  offers: string[];
  stake: string | null;
  quote: string | null;
}

function compose(input: ComposeInput, approach: Approach, index: number, shared: Shared): Draft {
  const key = (slot: string) => [input.caseKey, approach, slot];
  const platform = normalisePlatform(input.platform);
  const { phrases } = shared;
  const ask = channelAsk(input.policy, platform, index, key('channel'));
  const slots: Omit<book.Slots, 'quote' | 'ask'> = {
    brand: input.brandName,
    topic: pick(phrases.topics, ...key('topic')).replace('{brand}', input.brandName),
    step: pick(phrases.steps, ...key('step')),
    team: phrases.team,
    stake: shared.stake,
    offers: shared.offers,
    time: input.policy.responseTime,
  };
  // The full apology says what to send privately; compact drafts leave it to the conversation there.
  const askWithData = approach === 'full-apology' && phrases.data ? `${ask} with ${phrases.data}` : ask;
  const parts = partsFor(approach, shared.cautious, key);
  const opts = { mastodonLimit: input.policy.mastodonLimit };
  const limit = limitFor(input.platform, opts);
  const prefix = addressee(input.author, platform);
  const signature = signatureFor(input.agentInitials, platform);
  const optional = parts.map((p, i) => (p.optional ? i : -1)).filter((i) => i >= 0);
  /** level 0: as written; 1: without what-to-send; 2: restatement and channel compact; 3: all compact. */
  const render = (quote: string | null, dropped: number, level: number): string => {
    const drop = new Set(optional.slice(optional.length - dropped));
    const s: book.Slots = { ...slots, quote, ask: level === 0 ? askWithData : ask };
    const body = parts
      .filter((_, i) => !drop.has(i))
      .map((p) => (p.compact && (level === 3 || (level === 2 && p.compactEarly)) ? p.compact : p.sentence)(s))
      .join(' ');
    return `${prefix}${body}${signature}`;
  };
  const attempts = shorteningPlan(quoteVariants(shared.quote), optional.length);
  let text = '';
  for (const [quote, dropped, level] of attempts) {
    text = render(quote, dropped, level);
    if (countChars(text, input.platform, opts) > limit) continue;
    // Last line of defence (the phrasebook is tested phrase by phrase): a draft with a forbidden
    // phrasing or a public request for data is never offered; shorter forms or no quote are tried.
    if (findForbidden(text).length === 0 && !asksForDataInPublic(text))
      return draft(approach, text, input, limit);
  }
  // Nothing fits (a channel longer than the limit): the shortest form, its true count showing the overrun.
  return draft(approach, text, input, limit);
}

type Attempt = [quote: string | null, dropped: number, level: number];

/**
 * The order in which a draft is shortened, never mid-word: drop optional sentences (last first), then
 * what-to-send, then compact sentences, then quote fewer of the customer's words (a clipped quote reads
 * worse than a compact sentence); the quote goes last, while the concern's plain words remain.
 */
function shorteningPlan(quotes: string[], optional: number): Attempt[] {
  return [...quotes, null].flatMap((q): Attempt[] => [
    ...Array.from({ length: optional + 1 }, (_, d): Attempt => [q, d, 0]),
    [q, optional, 1],
    [q, optional, 2],
    [q, optional, 3],
  ]);
}

function partsFor(approach: Approach, cautious: boolean, key: (slot: string) => string[]): Part[] {
  const choose = (options: book.Sentence[], slot: string): book.Sentence => pick(options, ...key(slot));
  /** A slot's sentence and its compact form, each chosen by the seed. */
  const slot = (
    options: book.Sentence[],
    name: string,
    compact?: string,
    extra: Partial<Part> = {},
  ): Part => ({
    sentence: choose(options, name),
    compact: compact ? choose(book.COMPACT[compact], `${name}-compact`) : undefined,
    ...extra,
  });
  const restate = slot(book.RESTATE, 'restate', 'restate', { compactEarly: true });
  const apology = cautious
    ? slot(book.APOLOGY_CAUTIOUS, 'apology', 'apologyCautious')
    : slot(book.APOLOGY_SHORT, 'apology', 'apology');
  const channel = slot(book.CHANNEL_AND_TIME, 'channel-time', 'channel', { compactEarly: true });
  // Apology first or concern first: both read naturally, and the order is one more source of variety.
  const opening = seededIndex(2, ...key('order')) === 0 ? [restate, apology] : [apology, restate];
  switch (approach) {
    case 'short-private':
      return [...opening, channel];
    case 'full-apology':
      return [
        restate,
        slot(book.EMPATHY, 'empathy', undefined, { optional: true }),
        {
          ...slot(cautious ? book.APOLOGY_CAUTIOUS : book.APOLOGY_FULL, 'apology-full'),
          compact: apology.compact,
        },
        slot(book.NEXT_STEP, 'next-step', 'nextStep'),
        channel,
        slot(book.CLOSING, 'closing', undefined, { optional: true }),
      ];
    case 'personal-stakes':
      return [
        slot(book.STAKES, 'stakes', 'stakes'),
        ...opening,
        slot(book.PRIORITY, 'priority', undefined, { optional: true }),
        channel,
      ];
    case 'remedy-choice':
      return [...opening, slot(book.REMEDY, 'remedy', 'remedy'), channel];
    case 'escalation':
      return [
        ...opening,
        slot(book.ESCALATE, 'escalate', 'escalate'),
        slot(book.ESCALATE_CHANNEL, 'escalate-channel', 'escalateChannel'),
      ];
  }
}

/**
 * How to continue privately, imperative. Configured channels rotate across the drafts so the manager
 * sees each; the DM handle only where DMs to a handle exist (X, Mastodon, Bluesky). Without a usable
 * channel: a private message on the platform the customer used.
 */
function channelAsk(policy: ReplyPolicy, platform: Platform, index: number, key: string[]): string {
  const social = platform === 'x' || platform === 'mastodon' || platform === 'bluesky';
  const options: string[][] = [];
  if (policy.dmHandle && social)
    options.push([`DM us at ${policy.dmHandle}`, `send a DM to ${policy.dmHandle}`]);
  if (policy.email) options.push([`email us at ${policy.email}`, `write to us at ${policy.email}`]);
  if (policy.supportUrl)
    options.push([`open a case at ${policy.supportUrl}`, `contact us privately at ${policy.supportUrl}`]);
  if (options.length === 0) {
    if (social) options.push(['send us a DM', 'DM us']);
    else if (platform === 'reddit') options.push(['send us a private message', 'message us privately']);
    else options.push(['get in touch with us privately', 'contact us privately']);
  }
  return pick(options[index % options.length], ...key);
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

/** The customer's phrase at each quoted length, longest first, without repeats. */
function quoteVariants(quote: string | null): string[] {
  const variants: string[] = [];
  for (const n of quote ? QUOTE_WORDS : []) {
    const q = shortenPhrase(quote ?? '', n);
    if (q && !variants.includes(q)) variants.push(q);
  }
  return variants;
}

/** The phrases the classifier quoted in its reasons ("'charged twice' (billing & refunds)"). */
function hintsFrom(reasons: string[]): string[] {
  return reasons.map((r) => /^'(.+?)'(?:\s\(|$)/.exec(r)?.[1]).filter((h): h is string => !!h);
}

function draft(approach: Approach, text: string, input: ComposeInput, limit: number): Draft {
  const platform = normalisePlatform(input.platform);
  return {
    approach,
    text,
    platform: platform === 'other' ? input.platform.trim().toLowerCase() : platform,
    chars: countChars(text, input.platform, { mastodonLimit: input.policy.mastodonLimit }),
    limit,
  };
}
