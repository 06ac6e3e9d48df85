import { WordLanguage, wordLanguage } from '../language/english-vocabulary';
import { fnv1a, fnv1aFrom } from '../model/hashing';
import { AFINN, ANGER_WORD, isNegator, PROFANITY, REASON_STOPWORDS, SAD_WORD, STOPWORDS } from './lexicon';
import { stem } from './tokenizer';

/** A feature key prefix and its hash: "w:" + stem is hashed without building the string. */
export interface Prefix {
  s: string;
  h: number;
}
export const prefix = (s: string): Prefix => ({ s, h: fnv1a(s) });
export const WORD = prefix('w:');
export const NEGATED = prefix('n:');
export const BIGRAM = prefix('b:');
export const OPENING = prefix('o:');

/**
 * Letters of a word's opening feature: "frustr" is shared by "frustrating", "frustratingly",
 * "frustration" and misspellings the stemmer keeps apart ("frustratin", "frustraited").
 */
export const OPENING_LENGTH = 6;

/** Everything the features need to know about one lower-cased word, worked out once per distinct word. */
export interface Lex {
  /** The lower-cased token, as looked up. */
  key: string;
  /** As a reason quotes it: lower case, stretched letters cut to two ("sooooo" → "soo"). */
  show: string;
  /** natural's Porter stem of `show`; "_num_" for numbers, placeholders as they are. */
  stem: string;
  /** Hashes of the unigram, the negated unigram, and the bigram prefix "b:<stem> " to continue with the next stem. */
  word: number;
  negated: number;
  bigramLeft: number;
  /** AFINN-165 valence, 0 when absent. */
  afinn: number;
  negator: boolean;
  profane: boolean;
  anger: boolean;
  sad: boolean;
  elongated: boolean;
  /** First word of a two-word AFINN entry ("fed" of "fed up"). */
  startsPhrase: boolean;
  /** Never a reason on its own ("'the'"), nor in a bigram ("'hold with'"); placeholders are both. */
  quiet: boolean;
  quietInBigram: boolean;
  placeholder: boolean;
  /** Its first OPENING_LENGTH letters (longer content words only, else "") and their hash "o:<opening>". */
  opening: string;
  openingHash: number;
  /** What the word says about the post's language, for the English shortcut of language detection. */
  language: WordLanguage;
}

const ELONGATED = /(.)\1\1/u;
const NUMBER = /^\d+(?:st|nd|rd|th)?$/;
const PHRASE_STARTS = new Set([...AFINN.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]));

function build(lower: string): Lex {
  const elongated = ELONGATED.test(lower);
  const show = elongated ? lower.replace(/(.)\1{2,}/gu, '$1$1') : lower;
  const isNumber = NUMBER.test(show);
  const s = isNumber ? '_num_' : show.charCodeAt(0) === 95 /* _ */ ? show : stem(show);
  const short = show.length <= 14;
  const quiet = STOPWORDS.has(show);
  const opening =
    show.length > OPENING_LENGTH && !isNumber && !quiet && show.charCodeAt(0) !== 95 /* _ */
      ? show.slice(0, OPENING_LENGTH)
      : '';
  return {
    key: lower,
    show,
    stem: s,
    word: fnv1aFrom(WORD.h, s),
    negated: fnv1aFrom(NEGATED.h, s),
    bigramLeft: fnv1aFrom(fnv1aFrom(BIGRAM.h, s), ' '),
    afinn: isNumber ? 0 : (AFINN.get(show) ?? 0),
    negator: isNegator(show),
    profane: short && PROFANITY.test(show),
    anger: short && ANGER_WORD.test(show),
    sad: short && SAD_WORD.test(show),
    elongated,
    startsPhrase: PHRASE_STARTS.has(show),
    quiet,
    quietInBigram: REASON_STOPWORDS.has(show),
    placeholder: false,
    opening,
    openingHash: opening ? fnv1aFrom(OPENING.h, opening) : 0,
    language: wordLanguage(lower),
  };
}

/**
 * The memoised records, in an open-addressing table keyed by FNV-1a of the lower-cased token, so
 * the hot path needs no `toLowerCase` and no string allocation: hash while folding A-Z, then compare
 * folded. Words repeat, so stemming and lexicon look-ups happen once per distinct word.
 */
const TABLE_BITS = 16;
const MASK = (1 << TABLE_BITS) - 1;
let table: (Lex | undefined)[] = new Array<Lex | undefined>(1 << TABLE_BITS);
let filled = 0;

function sameFolded(lower: string, token: string): boolean {
  if (lower.length !== token.length) return false;
  for (let i = 0; i < token.length; i++) {
    let c = token.charCodeAt(i);
    if (c >= 65 && c <= 90) c |= 32;
    if (lower.charCodeAt(i) !== c) return false;
  }
  return true;
}

function insert(slot: number, lower: string): Lex {
  // A long-running process meets unbounded vocabulary: start over rather than grow forever.
  if (filled >= (1 << TABLE_BITS) / 2) {
    table = new Array<Lex | undefined>(1 << TABLE_BITS);
    filled = 0;
    return lex(lower);
  }
  const l = build(lower);
  table[slot] = l;
  filled++;
  return l;
}

/** The record of a token as written ("Worst", "WORST" and "worst" are one record). */
export function lex(token: string): Lex {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    let c = token.charCodeAt(i);
    if (c >= 65 && c <= 90) c |= 32;
    else if (c > 127) return lexLower(token.toLowerCase());
    h = Math.imul(h ^ c, 0x01000193);
  }
  for (let slot = h & MASK; ; slot = (slot + 1) & MASK) {
    const l = table[slot];
    if (l === undefined) return insert(slot, token.toLowerCase());
    if (sameFolded(l.key, token)) return l;
  }
}

/** The same look-up for a token already lower-cased (the non-ASCII path). */
function lexLower(lower: string): Lex {
  let h = 0x811c9dc5;
  for (let i = 0; i < lower.length; i++) h = Math.imul(h ^ lower.charCodeAt(i), 0x01000193);
  for (let slot = h & MASK; ; slot = (slot + 1) & MASK) {
    const l = table[slot];
    if (l === undefined) return insert(slot, lower);
    if (l.key === lower) return l;
  }
}

/** What a reason shows for an @handle, a link, an amount of money, a percentage. */
export const HANDLE = '@handle';
export const LINK = 'a link';
export const MONEY = 'an amount of money';
export const PERCENT = 'a percentage';

/** Placeholder words for @handles and links: one feature each ("_user_", "_url_"), whatever the handle or link. */
export const USER_LEX: Lex = {
  ...build('_user_'),
  show: HANDLE,
  quiet: true,
  quietInBigram: true,
  placeholder: true,
};
export const URL_LEX: Lex = { ...build('_url_'), show: LINK, quietInBigram: true, placeholder: true };
export const MONEY_LEX: Lex = { ...build('_money_'), show: MONEY, quietInBigram: true, placeholder: true };
export const PERCENT_LEX: Lex = {
  ...build('_percent_'),
  show: PERCENT,
  quietInBigram: true,
  placeholder: true,
};
