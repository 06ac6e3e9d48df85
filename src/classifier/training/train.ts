import { LabelledText } from '../classifier.types';
import { extractFeatures, FEATURES_VERSION, MAX_CHARS } from '../features/extract';
import {
  ARTEFACT_FORMAT,
  ModelArtefact,
  modelVersion,
  packWeights,
  round4,
  SourceSummary,
} from '../model/artefact';
import { LinearModel } from '../model/linear-model';
import { HashedExample, trainLogistic } from '../model/train-logistic';
import { bestThreshold, plattScale, Scored } from './calibrate';
import { splitBucket } from './corpus';

export interface TrainOptions {
  seed: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** log2 of the number of hashed buckets. */
  bits?: number;
  /** How much one example of a source counts (default 1). */
  sourceWeights?: Record<string, number>;
  /** Reweight classes within each source so both count equally (sets have 9% to 62% angry). */
  balanceClasses?: boolean;
  /**
   * How far to balance each source's classes when balanceClasses is on: 1 (default) makes both count
   * equally, 0 leaves them as they come, 0.5 halfway (the square root of the full reweighting).
   */
  balancePower?: Record<string, number>;
  /** Percent of the training examples set aside (by text hash) to calibrate and pick the threshold. */
  devPercent?: number;
  /** Weights smaller than this are left out of the artefact. */
  pruneBelow?: number;
  /** Build date for the version, "YYYY-MM-DD" (default today, UTC). */
  date?: string;
  /** Naive Bayes smoothing for the NBSVM feature scaling; 0 turns the scaling off. */
  nbAlpha?: number;
}

/** The source name of managers' corrections among training examples. */
export const CORRECTIONS_SOURCE = 'corrections';

export const DEFAULTS = {
  epochs: 6,
  learningRate: 0.05,
  l2: 1e-5,
  bits: 18,
  balanceClasses: true,
  devPercent: 10,
  pruneBelow: 0.002,
  nbAlpha: 1,
  sourceWeights: {} as Record<string, number>,
  balancePower: {} as Record<string, number>,
};

function hashExample(text: string, mask: number): { buckets: Int32Array; values: Float32Array } {
  const f = extractFeatures(text);
  const buckets = new Int32Array(f.n);
  for (let i = 0; i < f.n; i++) buckets[i] = f.hashes[i] & mask;
  return { buckets, values: Float32Array.from(f.values) };
}

/**
 * NBSVM (Wang & Manning 2012): scale each bucket by |log-count ratio| of the classes, so the
 * regression starts from what naive Bayes knows; the scale is folded into the weights afterwards,
 * so it costs nothing at classification time.
 */
function nbScale(examples: readonly HashedExample[], bits: number, alpha: number): Float64Array {
  const size = 1 << bits;
  const pos = new Float64Array(size).fill(alpha);
  const neg = new Float64Array(size).fill(alpha);
  for (const ex of examples) {
    const counts = ex.label ? pos : neg;
    for (let f = 0; f < ex.buckets.length; f++) counts[ex.buckets[f]] += ex.values[f] * ex.weight;
  }
  let sumPos = 0;
  let sumNeg = 0;
  for (let i = 0; i < size; i++) {
    sumPos += pos[i];
    sumNeg += neg[i];
  }
  const r = new Float64Array(size);
  for (let i = 0; i < size; i++) r[i] = Math.abs(Math.log(pos[i] / sumPos) - Math.log(neg[i] / sumNeg));
  for (const ex of examples) for (let f = 0; f < ex.buckets.length; f++) ex.values[f] *= r[ex.buckets[f]];
  return r;
}

function summarise(examples: readonly LabelledText[], weights: Record<string, number>): SourceSummary[] {
  const by = new Map<string, SourceSummary>();
  for (const e of examples) {
    const source = e.source ?? 'unknown';
    const s = by.get(source) ?? { source, examples: 0, angry: 0, weight: weights[source] ?? 1 };
    s.examples++;
    s.angry += e.label;
    by.set(source, s);
  }
  return [...by.values()];
}

/**
 * Trains the complaint model on `examples` (training data only: never a held-out set). Deterministic:
 * the same examples, options and seed give the same artefact, byte for byte.
 */
export function trainModel(examples: readonly LabelledText[], options: TrainOptions): ModelArtefact {
  const o = { ...DEFAULTS, ...options };
  const mask = (1 << o.bits) - 1;
  const dev = o.devPercent > 0 ? examples.filter((e) => splitBucket(e.text, 'dev') < o.devPercent) : [];
  const train = dev.length
    ? examples.filter((e) => splitBucket(e.text, 'dev') >= o.devPercent)
    : [...examples];
  if (!train.some((e) => e.label === 1) || !train.some((e) => e.label === 0))
    throw new Error('training needs both angry and calm examples');

  const summary = summarise(train, o.sourceWeights);
  const classCount = new Map<string, number>();
  for (const e of train)
    classCount.set(`${e.source}|${e.label}`, (classCount.get(`${e.source}|${e.label}`) ?? 0) + 1);
  const hashed: HashedExample[] = train.map((e) => {
    const s = summary.find((x) => x.source === (e.source ?? 'unknown'))!;
    // Balanced: each class of a source carries half of that source's total weight (or part of the
    // way there, by the source's balance power).
    const full = s.examples / (2 * (classCount.get(`${e.source}|${e.label}`) ?? 1));
    const balance = o.balanceClasses ? full ** (o.balancePower[s.source] ?? 1) : 1;
    return { ...hashExample(e.text, mask), label: e.label, weight: s.weight * balance };
  });
  const scale = o.nbAlpha > 0 ? nbScale(hashed, o.bits, o.nbAlpha) : null;
  const trained = trainLogistic(hashed, {
    bits: o.bits,
    epochs: o.epochs,
    learningRate: o.learningRate,
    l2: o.l2,
    seed: o.seed,
  });
  if (scale) for (let i = 0; i < scale.length; i++) trained.weights[i] *= scale[i];

  const features = {
    extractor: FEATURES_VERSION,
    hashing: 'fnv1a-32' as const,
    bits: o.bits,
    maxChars: MAX_CHARS,
  };
  const weights = packWeights(trained.weights, o.pruneBelow);
  const bias = round4(trained.bias);
  const uncalibrated: ModelArtefact = {
    format: ARTEFACT_FORMAT,
    formatVersion: 1,
    version: 'uncalibrated',
    features,
    bias,
    calibration: { slope: 1, intercept: 0 },
    weights,
    training: { seed: o.seed, sources: summary },
    metrics: {},
  };
  // Calibrate the pruned, rounded model: the one that will ship.
  const raw = LinearModel.fromArtefact(uncalibrated, FEATURES_VERSION);
  // Managers' corrections are few and hand-picked mistakes: as a "source" of their own they would
  // weigh as much as each dataset in the Platt fit and the threshold, and drag both towards themselves.
  const calibrationSet = (dev.length ? dev : train).filter((e) => e.source !== CORRECTIONS_SOURCE);
  const points: Scored[] = (calibrationSet.length ? calibrationSet : train).map((e) => {
    const f = extractFeatures(e.text);
    return { margin: raw.margin(f.hashes, f.values, f.n), label: e.label, source: e.source ?? 'unknown' };
  });
  const platt = plattScale(points);
  const { threshold, objective } = bestThreshold(points, platt);
  const calibration = {
    slope: round4(platt.slope),
    intercept: round4(platt.intercept - Math.log(threshold / (1 - threshold))),
  };
  const date = o.date ?? new Date().toISOString().slice(0, 10);
  // Metadata first, the long weight arrays last: the file reads from the top.
  return {
    format: ARTEFACT_FORMAT,
    formatVersion: 1,
    version: modelVersion(date, { features, bias, calibration, weights }),
    features,
    training: {
      seed: o.seed,
      epochs: o.epochs,
      learningRate: o.learningRate,
      l2: o.l2,
      balanceClasses: o.balanceClasses,
      balancePower: o.balancePower,
      nbAlpha: o.nbAlpha,
      devPercent: o.devPercent,
      pruneBelow: o.pruneBelow,
      threshold,
      devMeanMacroF1: round4(objective),
      devExamples: summarise(dev, o.sourceWeights),
      sources: summary,
    },
    metrics: {},
    bias,
    calibration,
    weights,
  };
}
