import { Classification, noFlags } from '../classifier.types';
import { ComplaintClassifier } from '../complaint-classifier';
import { detectLanguage, englishByShortcut } from './detect-language';
import { newWordCounts } from './english-vocabulary';
import { classifyFrench } from './french-complaints';

/** Reused from call to call (classification is synchronous). */
const words = newWordCounts();

/** The case tag of a post in a language nobody analysed: a person reads it instead. */
export const LANGUAGE_NOT_ANALYSED = 'language not analysed';

/** Languages Defuse can read: English with the model, French with rules (french-complaints.ts). */
export const ANALYSABLE_LANGUAGES: readonly string[] = ['en', 'fr'];

const NAMES: Record<string, string> = {
  en: 'English',
  fr: 'French',
  es: 'Spanish',
  de: 'German',
  it: 'Italian',
  pt: 'Portuguese',
  nl: 'Dutch',
};

/**
 * The languages analysed for posts matching these brands' configured `query.languages` (their union;
 * a brand with none configured is analysed in English only), limited to what Defuse can read.
 */
export function analysedLanguages(brandLanguages: readonly (readonly string[])[]): Set<string> {
  const out = new Set<string>();
  for (const languages of brandLanguages) {
    const list = languages.length ? languages : ['en'];
    for (const l of list) {
      const primary = l.toLowerCase().split('-')[0];
      if (ANALYSABLE_LANGUAGES.includes(primary)) out.add(primary);
    }
  }
  return out;
}

/**
 * Classifies a post in its own language: English by the model, French by rules when the brand reads
 * French, anything else not at all. A post not analysed is never passed off as calm: it comes back
 * `analysed: false` with its language, and ingest opens a case tagged "language not analysed".
 */
export function classifyPost(
  model: ComplaintClassifier,
  text: string,
  declaredLanguage: string | null | undefined,
  analysed: ReadonlySet<string>,
): Classification {
  // The model reads the post first and counts its words on the way: for nearly every English post
  // that settles the language, and the detector's own pass over the text (and tinyld) is skipped.
  const english = model.classify(text, words);
  const language = englishByShortcut(words, declaredLanguage)
    ? 'en'
    : detectLanguage(text, declaredLanguage).language;
  if (!analysed.has(language)) return notAnalysed(language);
  if (language === 'fr') return classifyFrench(text);
  return english;
}

function notAnalysed(language: string): Classification {
  const name = NAMES[language] ?? `language '${language}'`;
  return {
    angry: false,
    score: 0,
    intensity: 'low',
    category: 'other',
    reasons: [`written in ${name}, which is not analysed for this brand: a person should read it`],
    flags: noFlags(),
    language,
    analysed: false,
  };
}
