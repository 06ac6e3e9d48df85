'use strict';
// Reply length counted the way each platform counts it, as the server's src/replies/platform-length.ts
// does (keep the two in step): the counter under the reply box must agree with the draft's `chars`.

const URL_WEIGHT = 23;
const X_LIGHT_RANGES = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];
const TRAILING_PUNCTUATION = /[.,;:!?'"’”)\]]+$/;
const SCHEME_URL = /\bhttps?:\/\/[^\s<>"]+/giu;
const BARE_URL =
  /(?<![\p{L}\p{N}@._/-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:(?:com|net|org|info|biz|io|ai|app|dev|shop|store|help|support|online|site|tech|co)\b(?:\/[^\s<>"]*)?|[a-z]{2}\/[^\s<>"]*)/giu;
const REMOTE_MENTION = /(?<![\p{L}\p{N}_])(@[a-z0-9_]+)@[a-z0-9.-]+\.[a-z]{2,}/giu;
const EMOJI = /\p{RGI_Emoji}/gv;
const MAYBE_EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u20e3/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function normalisePlatform(platform) {
  const p = String(platform).trim().toLowerCase();
  if (p === 'x' || p === 'twitter') return 'x';
  if (p === 'bluesky' || p === 'bsky') return 'bluesky';
  if (p === 'mastodon' || p === 'reddit') return p;
  return 'other';
}

export function countChars(text, platform) {
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

function countGraphemes(text) {
  return Array.from(graphemes.segment(text)).length;
}

function placeholder(url, replacement) {
  const tail = TRAILING_PUNCTUATION.exec(url)?.[0] ?? '';
  return replacement + tail;
}

function countX(input) {
  const text = input.normalize('NFC');
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
    else {
      const cp = ch.codePointAt(0) ?? 0;
      weight += X_LIGHT_RANGES.some(([from, to]) => cp >= from && cp <= to) ? 1 : 2;
    }
  }
  return weight;
}
