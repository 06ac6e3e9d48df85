import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';

/**
 * Social-media tokens, most specific first: URLs, @handles (also Bluesky's dotted ones), #hashtags,
 * emoticons, amounts of money ("£4.20") and percentages, words (with apostrophes), emoji (with skin tones and ZWJ sequences), and the
 * punctuation that matters (runs of ! and ?, ellipses, clause ends that close a negation scope).
 */
const URL = String.raw`(?:https?:\/\/|www\.)[^\s]+`;
const HANDLE = String.raw`@\w+(?:\.\w+)*`;
const HASHTAG = String.raw`#[\p{L}\p{N}_]+`;
const EMOTICON = String.raw`(?:>:-?[(\[]|:'-?\(|[:=]-?[(\[]+|[:=]-?[)\]]+|;-?\)+|:-?[DPp](?![\p{L}\p{N}])|:-?[\/\\|](?![\/\\])|<\/?3)`;
const MONEY = String.raw`[£$€]\d+(?:[.,]\d+)*[km]?`;
const PERCENT = String.raw`\d+(?:[.,]\d+)?%`;
const WORD = String.raw`[\p{L}\p{N}]+(?:'[\p{L}]+)*`;
// Modifiers as alternatives, not a character class: a class would mix a combining mark with other characters.
const MODIFIER = String.raw`(?:[\u{1F3FB}-\u{1F3FF}]|\uFE0F)`;
const EMOJI = String.raw`\p{Extended_Pictographic}${MODIFIER}*(?:\u200D\p{Extended_Pictographic}${MODIFIER}*|\u200D[\u2640\u2642]\uFE0F?)*`;
const PUNCT = String.raw`[!?]+|\.{2,}|…|[.,;:()"\[\]]`;

const tokenizer = new RegexpTokenizer({
  pattern: new RegExp([URL, HANDLE, HASHTAG, EMOTICON, MONEY, PERCENT, WORD, EMOJI, PUNCT].join('|'), 'gu'),
  gaps: false,
});

/** natural's RegexpTokenizer with the social pattern; curly apostrophes are straightened first. */
export function tokenize(text: string): string[] {
  return tokenizer.tokenize(text.replace(/[’‘`´]/g, "'")) ?? [];
}

const EMOTICON_TOKEN = new RegExp(`^${EMOTICON}$`, 'u');

/** ":(", ">:-(", "<3": made of punctuation, so it must be told apart from a clause end. */
export function isEmoticon(token: string): boolean {
  return EMOTICON_TOKEN.test(token);
}

/** The emoji without skin tone, variation selector or gender sign, so 🤦🏽‍♀️ and 🤦 are one feature. */
export function normaliseEmoji(token: string): string {
  return token.replace(/[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u200D[\u2640\u2642]/gu, '');
}

/** ":-((" → ":(", "=)" → ":)", ">:-(" → ">:(". */
export function normaliseEmoticon(token: string): string {
  const t = token.replace(/-/g, '').replace(/^=/, ':');
  if (t === '<3' || t === '</3') return t;
  return t
    .replace(/([()[\]])\1+$/, '$1')
    .replace('[', '(')
    .replace(']', ')');
}

/** natural's Porter stemmer (memoised by the caller, see lexical.ts); very long "words" are left alone. */
export function stem(lower: string): string {
  return lower.length > 40 ? lower : PorterStemmer.stem(lower);
}
