import { detectAll } from 'tinyld';
import { countWord, isPlainEnglish, newWordCounts, WordCounts, wordLanguage } from './english-vocabulary';

/**
 * The languages Defuse tells apart. tinyld knows ~60; restricting it to the ones brands here are
 * likely to be written to (and that natural has stemmers for) makes it faster and stops a short
 * English post being "detected" as Tagalog or Afrikaans.
 */
export const DETECTABLE_LANGUAGES = ['en', 'fr', 'es', 'de', 'it', 'pt', 'nl'] as const;

/** Below this tinyld accuracy (0..1) the detector is guessing: short posts, names, hashtags, emoji. */
export const MIN_DETECTOR_ACCURACY = 0.5;
/** Fewer letter-words than this is too little text to detect a language from. */
export const MIN_WORDS = 3;

export interface DetectedLanguage {
  /** ISO 639-1 code, lower case. */
  language: string;
  /** How it was decided: the detector was sure, else the source's declared language, else English. */
  via: 'detector' | 'declared' | 'default';
}

const NOT_LANGUAGE = /(?:https?:\/\/|www\.)\S+|[@#][\p{L}\p{N}_.]+/gu;
/**
 * One pass over a post: links, handles and hashtags are matched to be skipped (they are names, not
 * language: "@VirginAmerica" is no English word); a word is group 1. The ASCII twin is several times
 * faster than \p{L}, and most posts have no letter outside ASCII.
 */
const SCAN = new RegExp(`${NOT_LANGUAGE.source}|(\\p{L}[\\p{L}'’-]*)`, 'gu');
const SCAN_ASCII = /(?:https?:\/\/|www\.)\S+|[@#][A-Za-z0-9_.]+|([A-Za-z][A-Za-z'-]*)/g;
/** Anything outside printable ASCII: the post needs the Unicode scan. */
const BEYOND_ASCII = /[^\t-~]/;
/** The primary language code a source declared ("en-GB" → "en"), or null for none, "und" or junk. */
function declaredLanguageCode(declared: string | null | undefined): string | null {
  const primary = declared ? declared.trim().toLowerCase().split(/[-_]/)[0] : '';
  return primary && /^[a-z]{2,3}$/.test(primary) && primary !== 'und' ? primary : null;
}

/**
 * Whether a post's words settle it as English without asking tinyld: too few words to tell from the
 * text leave it to what the source declared. The classifier counts the words as it reads them, so
 * classify-post.ts asks this first and runs the detector only when it says no.
 */
export function englishByShortcut(words: WordCounts, declared?: string | null): boolean {
  return (words.count >= MIN_WORDS || !declaredLanguageCode(declared)) && isPlainEnglish(words);
}

/**
 * The language of a post. tinyld decides when it is sure; short or mixed texts (a handle and "thanks!",
 * a product name) make it guess, so then the source's declared `language` is used, and English when
 * there is none: most posts are English, and an English post wrongly marked "not analysed" would cost
 * a person's time while the model still reads it.
 *
 * A post of English words with no function word of another language is taken as English without
 * asking tinyld (see isPlainEnglish): tinyld reads ~6,000 posts/s, which would cut ingest by a third,
 * and the shortcut settles ~99% of English posts. Accented words beyond a name or two, or foreign
 * function words that the English ones do not outweigh, send the post to the detector.
 */
export function detectLanguage(input: string, declared?: string | null): DetectedLanguage {
  const declaredCode = declaredLanguageCode(declared);
  const words = scanWords(input);
  if (englishByShortcut(words, declared)) return { language: 'en', via: 'detector' };
  if (words.count >= MIN_WORDS) {
    const top = detectAll(input.replace(NOT_LANGUAGE, ' '), { only: [...DETECTABLE_LANGUAGES] })[0];
    if (top && top.accuracy >= MIN_DETECTOR_ACCURACY) return { language: top.lang, via: 'detector' };
  }
  if (declaredCode) return { language: declaredCode, via: 'declared' };
  return { language: 'en', via: 'default' };
}

function scanWords(input: string): WordCounts {
  const counts = newWordCounts();
  const ascii = !BEYOND_ASCII.test(input);
  // Lower-cased once; the same offsets hold while lower-casing keeps the length (it always does in
  // ASCII; "İ" is one of the few letters that grow).
  const lower = input.toLowerCase();
  const aligned = lower.length === input.length;
  const text = aligned ? lower : input;
  const scan = ascii ? SCAN_ASCII : SCAN;
  scan.lastIndex = 0;
  for (let m = scan.exec(text); m !== null; m = scan.exec(text)) {
    let word = m[1];
    if (word === undefined) continue;
    if (!aligned) word = word.toLowerCase();
    if (!ascii && word.includes('’')) word = word.replace(/’/g, "'");
    const at = m.index;
    countWord(counts, wordLanguage(word), aligned ? input.slice(at, at + m[1].length) : m[1]);
  }
  return counts;
}
