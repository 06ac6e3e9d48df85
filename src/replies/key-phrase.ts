import {
  containsInsult,
  fold,
  isOffensive,
  removeInsultingAddress,
  removeProfanity,
} from './offensive-words';
import { findForbidden } from './tone';

/**
 * The customer's own words that say what went wrong ("still waiting since the 3rd", "charged twice"),
 * to quote back so they know they were heard (active listening, the playbook's rule 5). Never quoted:
 * insults and profanity (rule 9), personal data (it would repeat their order number in public), links,
 * handles, and phrasings a reply must not contain (so "told me to calm down" is not echoed).
 */

export const DEFAULT_MAX_WORDS = 12;
/** Longer than this (a run of CJK without spaces, a pasted code) is not a phrase to quote. */
const MAX_CHARS = 90;

/** Words that carry a complaint: what happened, how long, how often. */
const CUES =
  /^(?:still|waiting|waited|wait|since|never|nothing|nobody|no|not|hasn't|haven't|hasnt|havent|didn't|didnt|won't|wont|can't|cant|cannot|couldn't|charged|charge|twice|double|again|refund|arrived|arrive|delivered|delivery|missing|wrong|broken|broke|crash\w*|down|outage|locked|cancel\w*|lost|damaged|late|delayed|stopped|error|declined|overcharged|price|prices|fee|fees|hold|ignored|reply|replied|response|answer\w*|working|work|login|password|account|order|parcel|package|bill\w*|payment|subscription|leak\w*|fire|smoke|burn\w*|sick|faulty|defective|cracked|stuck|days?|weeks?|hours?|months?|times?|first|second|third|yesterday|today|tonight|supposed|promised|closed|ticket|replying|answering|responding|without|\d\w*|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;
const LEADING_FILLER =
  /^(?:and|but|so|also|plus|then|now|well|ok|okay|honestly|seriously|literally|basically|like|hey|hi|hello|yo|guys|lol|omg|ugh|wow|um|oh|btw|fyi|update|edit)\b[\s,]*/i;
const TRAILING_FILLER = /[\s,]+(?:lol|smh|tbh|ugh|omg|pls|plz|please|thanks|thx)$/i;
/** Words that cannot end a quote: prepositions, negations, a bare number without its unit. */
const DANGLING =
  /^(?:since|after|before|until|about|into|onto|than|no|not|never|very|too|just|had|have|has|been|be|get|got|\d+|[£$€]\d+)$/;
/** Words after which a leading brand name is an address, not the subject ("Acme why …"). */
const ADDRESSING = '(?:you|u|ya|what|why|where|when|how|who|please|pls|i|my|we|our)';
const EDGE_STOPWORDS = new Set(
  'the a an and or of to for my your their his her its our they we with on in at but so is was are were i me it this that by from as'.split(
    ' ',
  ),
);

/** Links, handles, hashtags, emails, long numbers, phone numbers, emoji: never quoted. */
const NOISE: RegExp[] = [
  /\bhttps?:\/\/\S+/giu,
  /\bwww\.\S+/giu,
  /[\w.+-]+@[\w-]+\.[\w.-]+/gu,
  /(?<![\p{L}\p{N}])[@#][\p{L}\p{N}_.@-]+/gu,
  /\+?\d[\d ()-]{7,}\d/gu,
  /\b[A-Z]{0,4}\d{5,}\w*\b/giu,
  /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f|\u20e3/gu,
  /[<>"“”«»]/gu,
];

/** The best phrase to quote from the post, or null when nothing clean and specific is left. */
export function keyPhrase(
  text: string,
  opts: { brandName?: string; hints?: string[]; maxWords?: number } = {},
): string | null {
  let clean = withoutEdgeMentions(text, opts.brandName);
  for (const n of NOISE) clean = clean.replace(n, ' ');
  const hints = (opts.hints ?? []).map((h) => fold(h)).filter((h) => h.length > 2);
  let best: { phrase: string; score: number } | null = null;
  for (const raw of clauses(clean)) {
    const phrase = tidy(removeInsultingAddress(removeProfanity(raw)), opts.brandName);
    if (!phrase || containsInsult(phrase) || isOffensive(phrase) || findForbidden(phrase).length > 0)
      continue;
    const words = phrase.split(' ');
    if (words.length < 2 || !/\p{L}/u.test(phrase)) continue;
    const score = scoreOf(words, fold(phrase), hints);
    if (!best || score > best.score) best = { phrase, score };
  }
  if (!best) return null;
  // A phrase too long in characters at the full word count may still read well at fewer words.
  for (const n of [opts.maxWords ?? DEFAULT_MAX_WORDS, 8, 5]) {
    const q = shortenPhrase(best.phrase, n);
    if (q) return q;
  }
  return null;
}

/**
 * At most `maxWords` words of the phrase, cut between words: the window with the most complaint
 * words, without dangling "the"/"and" at its edges. Null when fewer than two words remain.
 */
export function shortenPhrase(phrase: string, maxWords: number): string | null {
  let words = phrase.split(/\s+/).filter(Boolean);
  if (words.length > maxWords) {
    let bestStart = 0;
    let bestScore = -1;
    for (let start = 0; start + maxWords <= words.length; start++) {
      const score = words.slice(start, start + maxWords).filter((w) => isCue(w)).length;
      if (score > bestScore) [bestStart, bestScore] = [start, score];
    }
    words = words.slice(bestStart, bestStart + maxWords);
  }
  while (words.length > 0 && EDGE_STOPWORDS.has(bare(words[0]))) words.shift();
  // Nor a tail that needs its complement ("for 2", "since", "never").
  while (
    words.length > 0 &&
    (EDGE_STOPWORDS.has(bare(words[words.length - 1])) || DANGLING.test(bare(words[words.length - 1])))
  )
    words.pop();
  const out = words.join(' ').replace(/[\s,;:–—-]+$/u, '');
  if (words.length < 2 || out.length > MAX_CHARS) return null;
  return out;
}

/**
 * Sentences ("3.5", "acme.com" and "sh!t" are not sentence ends), then their parts between commas,
 * dashes, brackets and "but", and long parts at "and".
 */
function clauses(text: string): string[] {
  return text
    .split(/[.!?;]+(?=\s|$)|\n+|[。！？；]+/u)
    .flatMap((s) => s.split(/[,:()\u2013\u2014]|\s-\s|\bbut\b/iu))
    .flatMap((s) => (s.trim().split(/\s+/).length > 8 ? s.split(/\band\b/i) : [s]))
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Reply prefixes and sign-off handles go; a handle inside a sentence ("present from @acme arrived")
 * becomes a word, the brand's name when it names the brand, so the quote still reads.
 */
function withoutEdgeMentions(text: string, brandName?: string): string {
  const brand = brandName ? fold(brandName).replace(/[^\p{L}\p{N}]/gu, '') : null;
  return text
    .replace(/^(?:\s*@[\w.@-]+)+/u, ' ')
    .replace(/(?:\s*@[\w.@-]+)+\s*$/u, ' ')
    .replace(/(?<![\p{L}\p{N}_.])@([\p{L}\p{N}_]+)(?:[.@][\w.-]+)?/gu, (_m, name: string) =>
      brand && fold(name).startsWith(brand) ? (brandName ?? name) : name,
    );
}

function tidy(clause: string, brandName?: string): string {
  let s = clause.replace(/\s+/g, ' ').trim();
  // "Acme, …", "Acme you …", "Acme why …" address the brand; the brand is not part of the concern.
  const address = brandName
    ? new RegExp(`^${escapeRegExp(brandName)}(?:\\s*,\\s*|\\s+(?=${ADDRESSING}\\b))`, 'i')
    : null;
  for (let prev = ''; prev !== s;) {
    prev = s;
    s = s.replace(LEADING_FILLER, '').replace(TRAILING_FILLER, '').trim();
    if (address) s = s.replace(address, '');
  }
  s = s.replace(/^[\s,;:'*-]+|[\s,;:'*-]+$/gu, '');
  // Shouting is quoted at a normal volume ("LOST" → "lost"); short acronyms ("API") stay.
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 4 && letters === letters.toUpperCase()) return s.toLowerCase();
  return s.replace(/(?<![\p{L}\p{N}])\p{Lu}{4,}(?![\p{L}\p{N}])/gu, (w) => w.toLowerCase());
}

function scoreOf(words: string[], folded: string, hints: string[]): number {
  let score = words.filter((w) => isCue(w)).length * 2;
  if (/\d/.test(folded)) score += 2;
  // The classifier's own evidence for the category outweighs any count of complaint words.
  if (hints.some((h) => folded.includes(h))) score += 8;
  if (words.length > 10) score -= (words.length - 10) * 0.5;
  if (words.length < 3) score -= 2;
  return score;
}

function isCue(word: string): boolean {
  return CUES.test(bare(word));
}

function bare(word: string): string {
  return fold(word).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}']+$/gu, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
