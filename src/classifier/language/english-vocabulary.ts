import { words as stopwords } from 'natural/lib/natural/util/stopwords';
import { AFINN } from '../features/lexicon';
import { commonEnglishWords } from './english-words';

/*
 * The vocabulary of the English shortcut of language detection (detect-language.ts), and the class of
 * each word. Kept apart from the detector (tinyld) because the classifier's word records carry the
 * class too (features/lexical.ts): the model reads every word anyway, so the shortcut's counts come
 * with the classification at no extra pass.
 */

// English vocabulary for the shortcut: natural's English stop words, AFINN-165's English sentiment
// words, and words common in posts to brands. One of these is enough to call a post with no foreign
// function word English; the longer list of everyday words (english-words.ts) must make up half of it.
export const CORE_ENGLISH = new Set([
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

/** What a word says about a post's language. */
export const enum WordLanguage {
  /** Not a word for this purpose (a number, a placeholder). */
  None = 0,
  Core = 1,
  Everyday = 2,
  /** A function word of another language ("est", "nicht"). */
  Marker = 3,
  /** A letter outside ASCII: an accent, another script, or the mojibake of a curly quote. */
  Accented = 4,
  /** A word of no list: a name, a rare word, a word of another language. */
  Unknown = 5,
}

const LETTER = /^\p{L}/u;
/** A letter outside ASCII (a word's only other non-ASCII character is the curly apostrophe). */
const NON_ASCII = /[^\t-~’]/;

/** The class of a lower-cased word (curly apostrophes already straightened). */
export function wordLanguage(lower: string): WordLanguage {
  if (!LETTER.test(lower)) return WordLanguage.None;
  if (NON_ASCII.test(lower)) return WordLanguage.Accented;
  if (CORE_ENGLISH.has(lower)) return WordLanguage.Core;
  if (OTHER_LANGUAGE_MARKERS.has(lower)) return WordLanguage.Marker;
  if (commonEnglishWords().has(lower)) return WordLanguage.Everyday;
  return WordLanguage.Unknown;
}

/** What the shortcut needs to know of a post's words. */
export interface WordCounts {
  count: number;
  core: number;
  everyday: number;
  /** Function words of another language, not in capitals ("LA", "DE" are places and codes). */
  other: number;
  accented: number;
}

export function newWordCounts(): WordCounts {
  return { count: 0, core: 0, everyday: 0, other: 0, accented: 0 };
}

export function resetWordCounts(c: WordCounts): void {
  c.count = c.core = c.everyday = c.other = c.accented = 0;
}

/** Counts one word of its class; `asWritten` tells a marker in capitals from one in a sentence. */
export function countWord(c: WordCounts, language: WordLanguage, asWritten: string): void {
  if (language === WordLanguage.None) return;
  c.count++;
  if (language === WordLanguage.Core) c.core++;
  else if (language === WordLanguage.Everyday) c.everyday++;
  else if (language === WordLanguage.Accented) c.accented++;
  else if (language === WordLanguage.Marker && asWritten !== asWritten.toUpperCase()) c.other++;
}

/** A post of English words with no function word of another language that they do not outweigh. */
export function isPlainEnglish({ count, core, everyday, other, accented }: WordCounts): boolean {
  const english = core + everyday;
  if (english === 0) return false;
  // A name or a loanword with an accent in a plainly English post ("São Paulo", "fiancé"): one word in
  // five at most, beside two English function words and no foreign one. Anything more is the detector's.
  if (accented > 0) return other === 0 && core >= 2 && accented * 5 <= count;
  // No sign of another language: English (headlines and names carry few function words), or, with
  // no core word ("slowest baggage claim ever"), mostly everyday English.
  if (other === 0) return core > 0 || everyday >= count * EVERYDAY_SHARE;
  // A foreign function word in an English post ("non stop", "la carte") is outweighed by the English
  // around it; in a foreign post the English words are the few ("merci pour le service").
  return other * 4 <= english && english >= 2 && english >= count * ENGLISH_SHARE;
}
