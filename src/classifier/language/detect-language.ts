import { words as stopwords } from 'natural/lib/natural/util/stopwords';
import { detectAll } from 'tinyld';
import { AFINN } from '../features/lexicon';

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
const NOT_LANGUAGE = /(?:https?:\/\/|www\.)\S+|[@#][\p{L}\p{N}_.]+/gu;
// English vocabulary for the shortcut: natural's English stop words, AFINN-165's English sentiment
// words, and words common in posts to brands.
const ENGLISH_WORDS = new Set([
  ...stopwords,
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
// Function words of the other languages that also look like plain ASCII ("de", "la", "die", "el"...).
const OTHER_MARKERS = new Set(
  [
    'le la les des est et un une pas je de du au ce que qui mon ma mes il elle nous vous sur avec sont mais',
    'tres pour dans vos votre merci bonjour aucun jamais toujours encore',
    'der die das und ist ich nicht ein eine mit nie wieder sehr auch zu auf kein keine noch immer schon',
    'bitte danke seit wurde habe wir sie ihr',
    'el los las es y por para una con lo mi muy pero nunca siempre servicio gracias porque como mas hola',
    'nada todo esta estoy tengo',
    'il che non di per sono molto grazie sempre mai questo della nel anche ancora',
    'het een niet ik en van voor op ja da em os um uma muito obrigado voce nao tem',
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
 * A plain-ASCII post whose words are at least a quarter (and two or more) English words, with no function word
 * of another language, is taken as English without asking tinyld: tinyld reads ~6,000 posts/s, which
 * would cut ingest by a third, and the shortcut settles nearly all English posts (an accented letter or
 * one foreign function word sends the post to the detector).
 */
export function detectLanguage(input: string, declared?: string | null): DetectedLanguage {
  // Handles, hashtags and links are names, not language: "@VirginAmerica" is no English word.
  const text = input.replace(NOT_LANGUAGE, ' ');
  const words = text.match(WORD) ?? [];
  const primary = declared?.trim().toLowerCase().split(/[-_]/)[0];
  const declaredCode = primary && /^[a-z]{2,3}$/.test(primary) && primary !== 'und' ? primary : null;
  // Too few words to tell from the text: what the source declared wins over the shortcut.
  const enough = words.length >= MIN_WORDS;
  if ((enough || !declaredCode) && isPlainEnglish(text, words)) return { language: 'en', via: 'detector' };
  if (enough) {
    const top = detectAll(text, { only: [...DETECTABLE_LANGUAGES] })[0];
    if (top && top.accuracy >= MIN_DETECTOR_ACCURACY) return { language: top.lang, via: 'detector' };
  }
  if (declaredCode) return { language: declaredCode, via: 'declared' };
  return { language: 'en', via: 'default' };
}

function isPlainEnglish(text: string, words: readonly string[]): boolean {
  let english = 0;
  let other = 0;
  for (const w of words) {
    const lower = w.toLowerCase();
    if (ENGLISH_WORDS.has(lower)) english++;
    // An English word first ("die", "me"); a word in capitals ("LA", "DE") is a place or a code.
    else if (OTHER_MARKERS.has(lower) && w !== w.toUpperCase()) other++;
  }
  if (english === 0 || !asciiLetters(text)) return false;
  // No sign of another language: English (headlines and names carry few function words).
  if (other === 0) return true;
  // A foreign function word in an English post ("non stop", "la carte") is outweighed by the English
  // around it; in a foreign post the English words are the few ("merci pour le service").
  return other * 4 <= english && english >= 2 && english >= words.length * ENGLISH_SHARE;
}

/** Letters outside ASCII (accents, other scripts) go to the detector; emoji and curly quotes do not. */
function asciiLetters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f && /\p{L}/u.test(text[i])) return false;
  }
  return true;
}
