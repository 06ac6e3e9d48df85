import { words as stopwords } from 'natural/lib/natural/util/stopwords';
import { detectAll } from 'tinyld';
import { AFINN } from '../features/lexicon';
import { commonEnglishWords } from './english-words';

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

const WORD = /\p{L}[\p{L}'’-]*/gu;
/** A letter outside ASCII (a word's only other non-ASCII character is the curly apostrophe). */
const NON_ASCII = /[^\t-~’]/;
const NOT_LANGUAGE = /(?:https?:\/\/|www\.)\S+|[@#][\p{L}\p{N}_.]+/gu;
// English vocabulary for the shortcut: natural's English stop words, AFINN-165's English sentiment
// words, and words common in posts to brands. One of these is enough to call a post with no foreign
// function word English; the longer list of everyday words (english-words.ts) must make up half of it.
const CORE_ENGLISH = new Set([
  // natural's list has every single letter; only "a" and "I" are English words ("e", "y", "o" are
  // Italian, Spanish and Portuguese ones).
  ...stopwords.filter((w) => w.length > 1 || w === 'a' || w === 'i'),
  ...AFINN.keys(),
  ...(
    'the my is it and to you your for of this that i me was with have has not no but why can what when still again just been are ' +
    "we our they their he she his her them will would should could can't don't didn't won't isn't i'm it's you're " +
    'be do does did get got now all out up how like thanks thank please today time new any some from about ' +
    'after before because so if than then there here who which where im dont cant wont its ' +
    'order app service customer account flight phone delivery item refund support help ' +
    "i'll i've i'd we're they're that's there's what's let's tomorrow yesterday tonight day week " +
    'done one two first last back home work going go gone call calling called want need know'
  ).split(' '),
]);
/** Share of a post's words that must be English words for the shortcut. */
const ENGLISH_SHARE = 0.15;
/** Share of everyday English words that makes a post English when none of them is a core word. */
const EVERYDAY_SHARE = 0.5;
/** Function words of the other languages that also look like plain ASCII ("de", "la", "die", "el"...). */
export const OTHER_LANGUAGE_MARKERS: ReadonlySet<string> = new Set(
  [
    'le la les des est et un une pas je de du au ce que qui mon ma mes il elle nous vous sur avec sont mais',
    'tres pour dans vos votre merci bonjour aucun jamais toujours encore',
    'der die das und ist ich nicht ein eine mit nie wieder sehr auch zu auf kein keine noch immer schon',
    'bitte danke seit wurde habe wir sie ihr',
    'el los las es y por para una con lo mi muy pero nunca siempre servicio gracias porque como mas hola',
    'nada todo esta estoy tengo',
    'e il che non di per sono molto grazie sempre mai questo della nel anche ancora',
    'het een niet ik en van voor op ja da em o os um uma muito obrigado voce nao tem',
    'maar ook nog altijd nooit bedankt dank zijn wij jullie',
  ]
    .join(' ')
    .split(' '),
);

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
  // Handles, hashtags and links are names, not language: "@VirginAmerica" is no English word.
  const text = input.replace(NOT_LANGUAGE, ' ');
  const words = text.match(WORD) ?? [];
  const primary = declared?.trim().toLowerCase().split(/[-_]/)[0];
  const declaredCode = primary && /^[a-z]{2,3}$/.test(primary) && primary !== 'und' ? primary : null;
  // Too few words to tell from the text: what the source declared wins over the shortcut.
  const enough = words.length >= MIN_WORDS;
  if ((enough || !declaredCode) && isPlainEnglish(words, text)) return { language: 'en', via: 'detector' };
  if (enough) {
    const top = detectAll(text, { only: [...DETECTABLE_LANGUAGES] })[0];
    if (top && top.accuracy >= MIN_DETECTOR_ACCURACY) return { language: top.lang, via: 'detector' };
  }
  if (declaredCode) return { language: declaredCode, via: 'declared' };
  return { language: 'en', via: 'default' };
}

function isPlainEnglish(words: readonly string[], text: string): boolean {
  const everydayWords = commonEnglishWords();
  // Most posts are plain ASCII: one test of the whole text spares one per word.
  const ascii = !NON_ASCII.test(text);
  let core = 0;
  let everyday = 0;
  let other = 0;
  let accented = 0;
  for (const w of words) {
    let lower: string;
    if (ascii) lower = w.toLowerCase();
    // A word with a letter outside ASCII: an accent, another script, or the mojibake of a curly quote.
    else if (NON_ASCII.test(w)) {
      accented++;
      continue;
    } else lower = w.replace(/’/g, "'").toLowerCase();
    if (CORE_ENGLISH.has(lower)) core++;
    // An English word first ("die", "me"); a word in capitals ("LA", "DE") is a place or a code.
    else if (OTHER_LANGUAGE_MARKERS.has(lower) && w !== w.toUpperCase()) other++;
    else if (everydayWords.has(lower)) everyday++;
  }
  const english = core + everyday;
  if (english === 0) return false;
  // A name or a loanword with an accent in a plainly English post ("São Paulo", "fiancé"): one word in
  // five at most, beside two English function words and no foreign one. Anything more is the detector's.
  if (accented > 0) return other === 0 && core >= 2 && accented * 5 <= words.length;
  // No sign of another language: English (headlines and names carry few function words), or, with
  // no core word ("slowest baggage claim ever"), mostly everyday English.
  if (other === 0) return core > 0 || everyday >= words.length * EVERYDAY_SHARE;
  // A foreign function word in an English post ("non stop", "la carte") is outweighed by the English
  // around it; in a foreign post the English words are the few ("merci pour le service").
  return other * 4 <= english && english >= 2 && english >= words.length * ENGLISH_SHARE;
}
