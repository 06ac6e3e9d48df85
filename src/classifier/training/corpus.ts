import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY_IDS, Category, LabelledText } from '../classifier.types';
import { fnv1a } from '../model/hashing';
import { repoRoot } from '../repo-root';
import { parseLabel, readJsonl, textField } from './jsonl';

/** `corpus/` at the repository root. */
export const DEFAULT_CORPUS_DIR = join(repoRoot(), 'corpus');

/**
 * Every set is cut three ways by a hash of its normalised text (corpus/README.md):
 * - `training`: what the model learns from;
 * - `validation`: what training choices (mix, weights, features, threshold) were tuned on;
 * - `untouched`: never trained or tuned on, and not looked at while developing; reported last.
 */
export type Split = 'training' | 'validation' | 'untouched';

/** Percent of a set (or of its training file, where it has its own validation file) left untouched. */
export const UNTOUCHED_PERCENT = 15;
/** Percent of the rest of a set with no validation file of its own kept for validation. */
export const VALIDATION_PERCENT = 15;

/** The brand-directed sets: "complaints to brands" is measured on these, pooled. */
export const BRAND_SOURCES = ['airline', 'apple', 'brand-emotion', 'brand'] as const;

/** Lower case, one space: the same tweet posted twice lands on the same side of every split. */
export function normaliseForSplit(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Deterministic bucket 0..99 of a text, salted so different splits are independent. */
export function splitBucket(text: string, salt: string): number {
  return fnv1a(`${salt}\u0000${normaliseForSplit(text)}`) % 100;
}

/** The untouched share of a set, by its own salt. */
function isUntouched(text: string, source: string, percent = UNTOUCHED_PERCENT): boolean {
  return splitBucket(text, `${source}-untouched`) < percent;
}

/** For a set with no split of its own: untouched first, then validation out of the rest. */
function threeWay(examples: LabelledText[], source: string, split: Split): LabelledText[] {
  return examples.filter((e) => {
    if (isUntouched(e.text, source)) return split === 'untouched';
    const validation = splitBucket(e.text, `${source}-validation`) < VALIDATION_PERCENT;
    return split === (validation ? 'validation' : 'training');
  });
}

/** For a set with a training file and a validation file: the untouched share comes out of training. */
function fromFiles(
  train: () => LabelledText[],
  validation: () => LabelledText[],
  source: string,
  split: Split,
  untouchedPercent = UNTOUCHED_PERCENT,
): LabelledText[] {
  if (split === 'validation') return validation();
  return train().filter((e) => isUntouched(e.text, source, untouchedPercent) === (split === 'untouched'));
}

function airline(dir: string, split: Split): LabelledText[] {
  const file = join(dir, 'airline-sentiment', 'tweets.jsonl');
  const all = readJsonl(file).map(({ line, value }) => ({
    text: textField(value, `${file}:${line}`),
    label: value.sentiment === 'negative' ? (1 as const) : (0 as const),
    source: 'airline',
  }));
  return threeWay(all, 'airline', split);
}

/** Tweets to @Apple: a negative one is a complaint (many are calm); neutral (often stock news) and positive are not. */
function apple(dir: string, split: Split): LabelledText[] {
  const file = join(dir, 'apple-sentiment', 'tweets.jsonl');
  if (!existsSync(file)) return [];
  const all = readJsonl(file).map(({ line, value }) => ({
    text: textField(value, `${file}:${line}`),
    label: value.sentiment === 'negative' ? (1 as const) : (0 as const),
    source: 'apple',
  }));
  return threeWay(all, 'apple', split);
}

/**
 * SXSW tweets about Apple and Google products: negative emotion at a brand or product is a
 * complaint; positive and none are not; "cant_tell" is left out (the annotators could not say).
 */
function brandEmotion(dir: string, split: Split): LabelledText[] {
  const file = join(dir, 'brand-emotion', 'tweets.jsonl');
  if (!existsSync(file)) return [];
  const all = readJsonl(file)
    .filter(({ value }) => value.emotion !== 'cant_tell')
    .map(({ line, value }) => ({
      text: textField(value, `${file}:${line}`),
      label: value.emotion === 'negative' ? (1 as const) : (0 as const),
      source: 'brand-emotion',
    }));
  return threeWay(all, 'brand-emotion', split);
}

function tweetEval(file: string): LabelledText[] {
  return readJsonl(file).map(({ line, value }) => ({
    text: textField(value, `${file}:${line}`),
    label: value.label === 0 ? 1 : 0,
    source: 'tweeteval',
  }));
}

/**
 * GoEmotions: angry when any of `labels` is among `angryLabels` (default anger, annoyance: the set's
 * own `anger_or_annoyance`).
 */
function goEmotions(file: string, angryLabels: readonly string[]): LabelledText[] {
  return readJsonl(file).map(({ line, value }) => {
    const labels = Array.isArray(value.labels) ? (value.labels as string[]) : [];
    return {
      text: textField(value, `${file}:${line}`),
      label: labels.some((l) => angryLabels.includes(l)) ? 1 : 0,
      source: 'goemotions',
    };
  });
}

/** Hand-written brand complaints (`{"text","label","category"}`); absent files give no examples. */
function brand(file: string): LabelledText[] {
  if (!existsSync(file)) return [];
  return readJsonl(file).map(({ line, value }) => {
    const where = `${file}:${line}`;
    const category = value.category;
    if (category !== undefined && category !== null && !CATEGORY_IDS.includes(category as Category))
      throw new Error(`${where}: unknown category ${JSON.stringify(category)}`);
    return {
      text: textField(value, where),
      label: parseLabel(value.label, where),
      ...(category ? { category: category as Category } : {}),
      source: 'brand',
    };
  });
}

export interface CorpusOptions {
  /** GoEmotions labels counted as angry in training; default anger and annoyance. */
  goEmotionsAngry?: readonly string[];
}

const GOEMOTIONS_DEFAULT = ['anger', 'annoyance'];

/** One set's examples of one split, by source name. */
export function loadSplit(
  split: Split,
  corpusDir = DEFAULT_CORPUS_DIR,
  opts: CorpusOptions = {},
): Record<string, LabelledText[]> {
  const te = (f: string) => () => tweetEval(join(corpusDir, 'tweeteval-emotion', f));
  // GoEmotions is measured on anger or annoyance (its own column); training may count more labels.
  const goTrainLabels =
    split === 'training' ? (opts.goEmotionsAngry ?? GOEMOTIONS_DEFAULT) : GOEMOTIONS_DEFAULT;
  const go = (f: string, labels: readonly string[]) => () =>
    goEmotions(join(corpusDir, 'goemotions', f), labels);
  const brandTest = brand(join(corpusDir, 'brand-complaints', 'test.jsonl'));
  const sets: Record<string, LabelledText[]> = {
    airline: airline(corpusDir, split),
    apple: apple(corpusDir, split),
    'brand-emotion': brandEmotion(corpusDir, split),
    // Hand-written: train.jsonl trains; test.jsonl is halved between validation and untouched.
    brand:
      split === 'training'
        ? brand(join(corpusDir, 'brand-complaints', 'train.jsonl'))
        : brandTest.filter((e) => isUntouched(e.text, 'brand', 50) === (split === 'untouched')),
    tweeteval: fromFiles(te('train.jsonl'), te('val.jsonl'), 'tweeteval', split),
    goemotions: fromFiles(
      go('train.jsonl', goTrainLabels),
      go('dev.jsonl', GOEMOTIONS_DEFAULT),
      'goemotions',
      split,
      10,
    ),
  };
  for (const name of Object.keys(sets)) if (!sets[name].length) delete sets[name];
  return sets;
}

/** Everything the model may learn from: training splits only (each example carries its `source`). */
export function loadTrainingSet(corpusDir = DEFAULT_CORPUS_DIR, opts: CorpusOptions = {}): LabelledText[] {
  return Object.values(loadSplit('training', corpusDir, opts)).flat();
}

/** The sets training choices were tuned on, by name, with the brand-directed ones also pooled. */
export function loadValidationSets(corpusDir = DEFAULT_CORPUS_DIR): Record<string, LabelledText[]> {
  return named(loadSplit('validation', corpusDir), 'validation');
}

/** The sets nothing was trained or tuned on, by name, with the brand-directed ones also pooled. */
export function loadUntouchedSets(corpusDir = DEFAULT_CORPUS_DIR): Record<string, LabelledText[]> {
  return named(loadSplit('untouched', corpusDir), 'untouched');
}

/** Both kinds of evaluation set (validation first): what `defuse train` reports. */
export function loadHeldOutSets(corpusDir = DEFAULT_CORPUS_DIR): Record<string, LabelledText[]> {
  return { ...loadValidationSets(corpusDir), ...loadUntouchedSets(corpusDir) };
}

function named(sets: Record<string, LabelledText[]>, split: Split): Record<string, LabelledText[]> {
  const out: Record<string, LabelledText[]> = {};
  const pooled = BRAND_SOURCES.flatMap((s) => sets[s] ?? []);
  if (pooled.length) out[`brands pooled, ${split}`] = pooled;
  for (const [source, examples] of Object.entries(sets)) out[`${source}, ${split}`] = examples;
  return out;
}
