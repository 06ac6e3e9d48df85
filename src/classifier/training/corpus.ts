import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY_IDS, Category, LabelledText } from '../classifier.types';
import { fnv1a } from '../model/hashing';
import { repoRoot } from '../repo-root';
import { parseLabel, readJsonl, textField } from './jsonl';

/** `corpus/` at the repository root. */
export const DEFAULT_CORPUS_DIR = join(repoRoot(), 'corpus');

/** Percent of the airline tweets held out (the set has no split of its own). */
export const AIRLINE_HELD_OUT_PERCENT = 20;

/** Lower case, one space: the same tweet posted twice lands on the same side of every split. */
export function normaliseForSplit(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Deterministic bucket 0..99 of a text, salted so different splits are independent. */
export function splitBucket(text: string, salt: string): number {
  return fnv1a(`${salt}\u0000${normaliseForSplit(text)}`) % 100;
}

function airline(dir: string, heldOut: boolean): LabelledText[] {
  const file = join(dir, 'airline-sentiment', 'tweets.jsonl');
  return readJsonl(file)
    .map(({ line, value }) => ({
      text: textField(value, `${file}:${line}`),
      label: value.sentiment === 'negative' ? (1 as const) : (0 as const),
      source: 'airline',
    }))
    .filter((e) => splitBucket(e.text, 'airline-held-out') < AIRLINE_HELD_OUT_PERCENT === heldOut);
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
  /** GoEmotions labels counted as angry; default anger and annoyance. */
  goEmotionsAngry?: readonly string[];
}

const GOEMOTIONS_DEFAULT = ['anger', 'annoyance'];

/** Everything the model may learn from: training splits only (each example carries its `source`). */
export function loadTrainingSet(corpusDir = DEFAULT_CORPUS_DIR, opts: CorpusOptions = {}): LabelledText[] {
  return [
    ...airline(corpusDir, false),
    ...tweetEval(join(corpusDir, 'tweeteval-emotion', 'train.jsonl')),
    ...goEmotions(join(corpusDir, 'goemotions', 'train.jsonl'), opts.goEmotionsAngry ?? GOEMOTIONS_DEFAULT),
    ...brand(join(corpusDir, 'brand-complaints', 'train.jsonl')),
  ];
}

/** The sets the model never trains on, by name. The brand set is left out while its file is missing. */
export function loadHeldOutSets(
  corpusDir = DEFAULT_CORPUS_DIR,
  opts: CorpusOptions = {},
): Record<string, LabelledText[]> {
  const sets: Record<string, LabelledText[]> = {
    'airline held-out 20%': airline(corpusDir, true),
    'tweeteval val': tweetEval(join(corpusDir, 'tweeteval-emotion', 'val.jsonl')),
    'goemotions dev': goEmotions(
      join(corpusDir, 'goemotions', 'dev.jsonl'),
      opts.goEmotionsAngry ?? GOEMOTIONS_DEFAULT,
    ),
  };
  const brandTest = brand(join(corpusDir, 'brand-complaints', 'test.jsonl'));
  if (brandTest.length) sets['brand complaints test'] = brandTest;
  return sets;
}
