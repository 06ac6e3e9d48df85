import type { Category } from '../classifier.types';
import { detectCategory } from '../cues/category';
import { DetectedFlags, detectFlags } from '../cues/flags';
import { fnv1aFrom } from '../model/hashing';
import { CALM_PHRASES, COMPLAINT_PHRASES, forEachPhrase } from './complaint-phrases';
import {
  BIGRAM,
  lex,
  Lex,
  MONEY_LEX,
  NEGATED,
  OPENING,
  PERCENT_LEX,
  prefix,
  Prefix,
  USER_LEX,
  URL_LEX,
  WORD,
} from './lexical';
import { countWord, newWordCounts, resetWordCounts, WordCounts } from '../language/english-vocabulary';
import { AFINN, ANGRY_EMOJI, SAD_EMOJI } from './lexicon';
import { FeatureBuffer, FeatureKind, FeatureSet } from './feature-set';
import { isEmoticon, normaliseEmoji, normaliseEmoticon, tokenize } from './tokenizer';

export type { FeatureKind, FeatureSet } from './feature-set';

/** Names the feature set; a model trained on another one is refused at load (retrain instead). */
export const FEATURES_VERSION = 'social-6';

/** Longer texts are cut: the opening of a post says what it is, and a 100 KB paste must stay fast. */
export const MAX_CHARS = 5000;

/** The rule-based cues of a text (`cues/`): the facade reports them, the model also learns from them. */
export interface Cues {
  category: { category: Category; evidence: string | null };
  flags: DetectedFlags;
}

export function detectCues(text: string): Cues {
  return { category: detectCategory(text), flags: detectFlags(text) };
}

const PHRASE = prefix('p:');
const CUE = prefix('cue:');
const CALM = prefix('q:');
const TAG = prefix('t:');
const EMOJI = prefix('e:');
const WHOLE = prefix('');

const URL_TOKEN = /^(?:https?:\/\/|www\.)/;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}/u;
const isAsciiAlnum = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
const CAMEL_OR_UNDERSCORE = /(?<=[\p{Ll}\p{N}])(?=\p{Lu})|_/u;

/** Collects the features, and the tallies for the whole-text ones, while walking the tokens once. */
class Walk extends FeatureBuffer {
  words = 0;
  caps: string[] = [];
  elongated: string[] = [];
  exclamations = 0;
  questions = 0;
  interrobang = false;
  ellipsis = false;
  negative = 0;
  negativeWords: string[] = [];
  strong = 0;
  positive = 0;
  positiveWords: string[] = [];
  negatedPositive: string[] = [];
  profanity: string[] = [];
  anger: string[] = [];
  angryEmoji: string[] = [];
  sad: string[] = [];
  /** Complaint phrases found (for the sarcasm feature: praise words beside a complaint). */
  complaintPhrases = 0;
  /** Inside a negation's scope (from a negator to the next punctuation). */
  negating = false;
  /** The negator that opened the scope and how many words ago, for reasons ("'never arrived'", "'nobody … phone'"). */
  negator = '';
  sinceNegator = 0;
  prev: Lex | null = null;
  /** The words as language detection's English shortcut counts them (handles, links and tags aside). */
  readonly language: WordCounts = newWordCounts();

  /** Empties the walk for the next text; the feature arrays keep their capacity. */
  reset(): this {
    this.clear();
    this.caps = [];
    this.elongated = [];
    this.negativeWords = [];
    this.positiveWords = [];
    this.negatedPositive = [];
    this.profanity = [];
    this.anger = [];
    this.angryEmoji = [];
    this.sad = [];
    this.complaintPhrases = 0;
    this.words = this.exclamations = this.questions = this.negative = this.strong = this.positive = 0;
    this.interrobang = this.ellipsis = this.negating = false;
    this.negator = '';
    this.sinceNegator = 0;
    this.prev = null;
    resetWordCounts(this.language);
    return this;
  }

  add(kind: FeatureKind, p: Prefix, body: string, value: number, show: string): void {
    this.push(kind, fnv1aFrom(p.h, body), value, show, p.s, body);
  }

  /** A whole-text feature shown as a list of its words (built only if a reason quotes it). */
  addList(kind: FeatureKind, body: string, value: number, words: readonly string[]): void {
    this.pushList(kind, fnv1aFrom(WHOLE.h, body), value, words, WHOLE.s, body);
  }

  /** A word as written: noted when in capitals. */
  plain(token: string): void {
    if (token.length >= 3 && isShouted(token)) this.caps.push(token);
    const l = lex(token);
    countWord(this.language, l.language, token);
    this.word(l);
  }

  /** A unigram (marked when negated), the bigram with the previous word, and the word's lexicon cues. */
  word(l: Lex): void {
    const negated = this.negating && !l.negator;
    this.words++;
    if (negated) {
      // Shown with its negator: "'never arrived'", "'nobody … phone'".
      const separator = this.sinceNegator++ === 0 ? 1 : 2;
      const kind = l.quiet || l.placeholder ? 'quiet' : 'negated';
      this.pushJoined(kind, l.negated, this.negator, separator, l.show, NEGATED.s, l.stem);
    } else {
      this.push(l.quiet ? 'quiet' : 'word', l.word, 1, l.show, WORD.s, l.stem);
      // The word's opening letters: one more feature for a long word, never a reason of its own.
      if (l.opening) this.push('quiet', l.openingHash, 1, '', OPENING.s, l.opening);
    }
    const prev = this.prev;
    if (prev !== null) {
      const key = this.keys ? `${BIGRAM.s}${prev.stem} ` : '';
      const hash = fnv1aFrom(prev.bigramLeft, l.stem);
      if (prev.quietInBigram || l.quietInBigram) this.push('quiet', hash, 1, '', key, l.stem);
      else this.pushJoined('bigram', hash, prev.show, 1, l.show, key, l.stem);
    }
    // AFINN's two-word entries ("fed up", "not working") carry their own polarity, negation included.
    const pair = prev?.startsPhrase ? AFINN.get(`${prev.show} ${l.show}`) : undefined;
    if (pair !== undefined) this.valence(l.show, pair, false);
    else if (l.afinn !== 0) this.valence(l.show, l.afinn, negated);
    if (l.profane) this.profanity.push(l.show);
    if (l.anger) this.anger.push(l.show);
    if (l.sad) this.sad.push(l.show);
    if (l.elongated) this.elongated.push(l.show);
    if (l.negator) {
      this.negating = true;
      this.negator = l.show;
      this.sinceNegator = 0;
    }
    this.prev = l;
  }

  valence(show: string, score: number, negated: boolean): void {
    if (negated) {
      // "not happy" is a complaint; "not bad" is mild praise, counted as half a positive.
      if (score > 0) this.negatedPositive.push(show);
      else this.positive -= score / 2;
    } else if (score < 0) {
      this.negative -= score;
      this.negativeWords.push(show);
      if (score <= -3) this.strong++;
    } else {
      this.positive += score;
      this.positiveWords.push(show);
    }
  }

  /** "#NeverAgain" → the tag, plus the words "never", "again" (camelCase split) as an n-gram run of their own. */
  hashtag(token: string): void {
    const body = token.slice(1);
    const lower = body.toLowerCase();
    this.add('hashtag', TAG, lower, 1, token);
    this.prev = null;
    const negating = this.negating;
    const parts = CAMEL_OR_UNDERSCORE.test(body) ? body.split(CAMEL_OR_UNDERSCORE) : [body];
    for (const part of parts) if (part) this.word(lex(part));
    // A negation inside a tag ("#NeverAgain") ends with it.
    this.negating = negating;
    this.prev = null;
  }

  punctuation(token: string): void {
    const c = token.charCodeAt(0);
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      let bangs = 0;
      for (let i = 0; i < token.length; i++) if (token.charCodeAt(i) === 33) bangs++;
      this.exclamations += bangs;
      const questions = token.length - bangs;
      if (questions >= 2) this.questions += questions;
      if (bangs && questions) this.interrobang = true;
    } else if (token.length > 1 || token === '…') this.ellipsis = true;
    this.negating = false;
    this.prev = null;
  }

  emoji(token: string): void {
    const e = token.charCodeAt(0) < 0x80 ? normaliseEmoticon(token) : normaliseEmoji(token);
    this.add('emoji', EMOJI, e, 1, e);
    if (ANGRY_EMOJI.has(e)) this.angryEmoji.push(e);
    else if (SAD_EMOJI.has(e)) this.sad.push(e);
  }

  phrases(text: string): void {
    let n = 0;
    let calm = 0;
    forEachPhrase(text, (i, isCalm, matched) => {
      if (isCalm) {
        calm++;
        this.add('calmPhrase', CALM, CALM_PHRASES[i].id, 1, matched.trim());
      } else {
        n++;
        this.add('phrase', PHRASE, COMPLAINT_PHRASES[i].id, 1, matched.trim());
      }
    });
    // One shared weight for "some complaint phrase" (and one for calm ones), so rare wordings still count.
    if (n) this.add('phrases', PHRASE, '*', Math.min(n, 3), String(n));
    this.complaintPhrases = n;
    if (calm) this.add('calmPhrase', CALM, '*', 1, '');
  }

  /** A topic found by the category rules and each escalation flag, as features. */
  cues({ category, flags }: Cues): void {
    if (category.category !== 'other') this.add('cue', CUE, category.category, 1, '');
    const f = flags.flags;
    if (f.legalThreat) this.add('cue', CUE, 'legal', 1, '');
    if (f.safetyRisk) this.add('cue', CUE, 'safety', 1, '');
    if (f.churnThreat) this.add('cue', CUE, 'churn', 1, '');
    if (f.pressOrInfluencer) this.add('cue', CUE, 'press', 1, '');
    if (flags.harm) this.add('cue', CUE, 'harm', 1, '');
    if (f.personalStakes.length) this.add('cue', CUE, 'stakes', 1, '');
  }

  wholeText(): void {
    const w = (kind: FeatureKind, key: string, value: number, show: string): void =>
      this.add(kind, WHOLE, key, value, show);
    this.heat =
      Number(this.caps.length > 0) +
      Number(this.profanity.length > 0) +
      Number(this.angryEmoji.length > 0) +
      Number(this.strong > 0) +
      Number(this.exclamations >= 2);
    if (this.caps.length) this.addList('caps', this.caps.length > 1 ? 'caps:2+' : 'caps:1', 1, this.caps);
    if (this.words >= 3 && this.caps.length * 2 > this.words) w('shouting', 'caps:most', 1, '');
    if (this.elongated.length) w('elongated', 'elong', 1, this.elongated[0]);
    if (this.exclamations)
      w('exclamations', `!:${Math.min(this.exclamations, 3)}`, 1, String(this.exclamations));
    if (this.questions) w('questions', '?:2+', 1, String(this.questions));
    if (this.interrobang) w('interrobang', '?!', 1, '?!');
    if (this.ellipsis) w('ellipsis', '...', 1, '...');
    if (this.negative)
      this.addList('negativeWords', 'lex:neg', Math.min(this.negative, 10) / 5, this.negativeWords);
    if (this.strong)
      this.addList('strongNegative', 'lex:strong', Math.min(this.strong, 3), this.negativeWords);
    if (this.positive)
      this.addList('positiveWords', 'lex:pos', Math.min(this.positive, 10) / 5, this.positiveWords);
    if (this.negatedPositive.length) this.addList('negatedPositive', 'lex:notpos', 1, this.negatedPositive);
    if (this.profanity.length) this.addList('profanity', 'prof', 1, this.profanity);
    if (this.anger.length)
      this.addList('angerWords', 'lex:anger', Math.min(this.anger.length, 3), this.anger);
    if (this.angryEmoji.length) this.addList('angryEmoji', 'e:angry', 1, this.angryEmoji);
    if (this.sad.length) this.addList('sadness', 'lex:sad', Math.min(this.sad.length, 3), this.sad);
    // Praise words beside an eye-roll or a complaint phrase ("Great, another update that deletes my
    // playlists 🙄") read as sarcasm: a linear model adds "great" and "🙄" up as half calm, so the
    // combination needs a feature of its own.
    if (this.positive && !this.negatedPositive.length && (this.angryEmoji.length || this.complaintPhrases))
      this.addList('sarcasm', 'sarcasm', 1, this.positiveWords);
    // Sadness with no sign of anger ("miss you so much 😢") is grief, not a complaint: its own feature,
    // as a linear model cannot tell "sad and angry" from "sad" with the two counts alone.
    if (this.sad.length && !this.anger.length && !this.profanity.length && !this.angryEmoji.length)
      this.addList('sadness', 'lex:sadonly', 1, this.sad);
  }
}

/** Capitals and no small letters ("WORST", "WTF"); digits and apostrophes do not count either way. */
function isShouted(token: string): boolean {
  let upper = false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper = true;
    else if (c > 127) return token.toUpperCase() === token && token.toLowerCase() !== token;
  }
  return upper;
}

/**
 * Turns a post into named, hashed features: natural's tokens, stems and negators, AFINN-165, social
 * cues (handles, links, hashtags, emoji, capitals, stretched words, punctuation) and complaint phrases.
 */
export function extractFeatures(input: string, withKeys = false): FeatureSet {
  const text = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input;
  return walkText(new Walk(withKeys), text, detectCues(text)).snapshot();
}

const scratch = new Walk(false);

/**
 * The same features in a shared scratch set, valid until the next call: for the classifier's hot
 * path, which reads them at once (no arrays to grow per post). `text` must be already cut
 * to MAX_CHARS, and `cues` found on that same text.
 */
export function extractFeaturesScratch(text: string, cues: Cues): FeatureSet {
  return walkText(scratch.reset(), text, cues);
}

/** The word counts of the last extractFeaturesScratch call (for the English shortcut), into `out`. */
export function copyScratchWordCounts(out: WordCounts): void {
  Object.assign(out, scratch.language);
}

function walkText(walk: Walk, text: string, cues: Cues): Walk {
  for (const token of tokenize(text)) {
    const c = token.charCodeAt(0);
    if (isAsciiAlnum(c)) {
      if ((c === 104 /* h */ || c === 119) /* w */ && token.length > 4 && URL_TOKEN.test(token))
        walk.word(URL_LEX);
      else if (token.charCodeAt(token.length - 1) === 37 /* % */) walk.word(PERCENT_LEX);
      else walk.plain(token);
    } else if (c === 64 /* @ */) walk.word(USER_LEX);
    else if (c === 163 /* £ */ || c === 36 /* $ */ || c === 8364 /* € */) walk.word(MONEY_LEX);
    else if (c === 35 /* # */) walk.hashtag(token);
    else if (c > 0x7f && c !== 0x2026 /* … */) {
      if (PICTOGRAPHIC.test(token)) walk.emoji(token);
      else walk.plain(token);
    } else if (isEmoticon(token)) walk.emoji(token);
    else walk.punctuation(token);
  }
  walk.phrases(text);
  walk.cues(cues);
  walk.wholeText();
  return walk;
}
