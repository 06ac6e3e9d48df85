/**
 * Post length counted the way each platform counts it, so a draft that "fits" is really accepted.
 *
 * - X ("x", "twitter"): 280 weighted, twitter-text v3's rules written out here (the `twitter-text`
 *   package was evaluated: last released 2019, it pulls in core-js 2 and an old emoji list). Text is
 *   NFC-normalised; every URL counts 23; an emoji sequence (ZWJ family, flag, skin tone, keycap)
 *   counts 2; other code points count 1 inside U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and
 *   U+2032–U+2037 and 2 elsewhere (CJK, most symbols). A reply's leading @handle is counted too,
 *   though X no longer does: a draft that fits with it fits without it.
 * - Bluesky: 300 graphemes (what a reader sees as one character), URLs at full length.
 * - Mastodon: the instance's limit (500 by default), graphemes as the server counts them; an
 *   http(s) URL counts 23 and a remote mention "@user@domain" counts as "@user".
 * - Reddit: 10,000 characters (code points).
 * - Anything else ("feed", "hackernews", unknown): 280 code points with URLs at full length, a safe
 *   default for a platform whose rules we do not know.
 */

export type Platform = 'x' | 'bluesky' | 'mastodon' | 'reddit' | 'other';

export interface LengthOptions {
  /** The Mastodon instance's limit (the brand's reply policy); default 500. */
  mastodonLimit?: number;
}

export const URL_WEIGHT = 23;
const X_LIMIT = 280;
const BLUESKY_LIMIT = 300;
const MASTODON_DEFAULT_LIMIT = 500;
const REDDIT_LIMIT = 10_000;
const DEFAULT_LIMIT = 280;

/** twitter-text v3 ranges of weight 1; everything else weighs 2. */
const X_LIGHT_RANGES: [number, number][] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];

const TRAILING_PUNCTUATION = /[.,;:!?'"’”)\]]+$/;
/** URLs with a scheme: the only ones Mastodon shortens, and the ones our drafts contain. */
const SCHEME_URL = /\bhttps?:\/\/[^\s<>"]+/giu;
/**
 * A bare domain X links as well ("acme.com/help"): common generic TLDs alone, a two-letter country
 * code only with a path, as twitter-text does. An approximation of its full TLD list.
 */
const BARE_URL =
  /(?<![\p{L}\p{N}@._/-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:(?:com|net|org|info|biz|io|ai|app|dev|shop|store|help|support|online|site|tech|co)\b(?:\/[^\s<>"]*)?|[a-z]{2}\/[^\s<>"]*)/giu;
/** Mastodon mentions of remote accounts: "@user@example.social" is counted as "@user". */
const REMOTE_MENTION = /(?<![\p{L}\p{N}_])(@[a-z0-9_]+)@[a-z0-9.-]+\.[a-z]{2,}/giu;
// The `v` flag (Node 20) gives the current RGI emoji list, sequences included. It is slow to scan
// with, so it only runs on text that has a character an emoji can start with.
const EMOJI = new RegExp('\\p{RGI_Emoji}', 'gv');
const MAYBE_EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u20e3/u;
/** Text where every code point is its own grapheme (Latin, general punctuation): no segmenter needed. */
const ONE_CODE_POINT_PER_GRAPHEME = /^[\x20-\x7e\u00a0-\u02ff\u2010-\u2027]*$/;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** "X", "twitter", " Bluesky " → the platform whose rules apply. */
export function normalisePlatform(platform: string): Platform {
  const p = platform.trim().toLowerCase();
  if (p === 'x' || p === 'twitter') return 'x';
  if (p === 'bluesky' || p === 'bsky') return 'bluesky';
  if (p === 'mastodon') return 'mastodon';
  if (p === 'reddit') return 'reddit';
  return 'other';
}

export function limitFor(platform: string, opts: LengthOptions = {}): number {
  switch (normalisePlatform(platform)) {
    case 'x':
      return X_LIMIT;
    case 'bluesky':
      return BLUESKY_LIMIT;
    case 'mastodon':
      return opts.mastodonLimit ?? MASTODON_DEFAULT_LIMIT;
    case 'reddit':
      return REDDIT_LIMIT;
    default:
      return DEFAULT_LIMIT;
  }
}

export function countChars(text: string, platform: string, _opts: LengthOptions = {}): number {
  switch (normalisePlatform(platform)) {
    case 'x':
      return countX(text);
    case 'bluesky':
      return countGraphemes(text);
    case 'mastodon':
      return countGraphemes(
        text
          .replace(REMOTE_MENTION, '$1')
          .replace(SCHEME_URL, (url) => placeholder(url, 'x'.repeat(URL_WEIGHT))),
      );
    default:
      return [...text].length;
  }
}

export function fits(text: string, platform: string, opts: LengthOptions = {}): boolean {
  return countChars(text, platform, opts) <= limitFor(platform, opts);
}

function countGraphemes(text: string): number {
  if (ONE_CODE_POINT_PER_GRAPHEME.test(text)) return text.length;
  return Array.from(graphemes.segment(text)).length;
}

/** Replaces a URL by a placeholder, keeping trailing punctuation that is not part of it. */
function placeholder(url: string, replacement: string): string {
  const tail = TRAILING_PUNCTUATION.exec(url)?.[0] ?? '';
  return replacement + tail;
}

function countX(input: string): number {
  const text = input.normalize('NFC');
  // URLs and emoji are replaced by one private-use marker each, then weighed per code point.
  const URL_MARK = '\u{F0000}';
  const EMOJI_MARK = '\u{F0001}';
  const linked = text
    .replace(SCHEME_URL, (url) => placeholder(url, URL_MARK))
    .replace(BARE_URL, (url) => placeholder(url, URL_MARK));
  const marked = MAYBE_EMOJI.test(linked) ? linked.replace(EMOJI, EMOJI_MARK) : linked;
  let weight = 0;
  for (const ch of marked) {
    if (ch === URL_MARK) weight += URL_WEIGHT;
    else if (ch === EMOJI_MARK) weight += 2;
    else weight += isLight(ch.codePointAt(0) ?? 0) ? 1 : 2;
  }
  return weight;
}

function isLight(cp: number): boolean {
  return X_LIGHT_RANGES.some(([from, to]) => cp >= from && cp <= to);
}
