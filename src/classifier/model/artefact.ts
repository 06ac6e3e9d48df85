import { fnv1a } from './hashing';

export const ARTEFACT_FORMAT = 'defuse-complaint-model';

/** Scores of the angry class on one labelled set. */
export interface Metrics {
  examples: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  /** Mean of the F1 of both classes: calling everything angry does not look good here. */
  macroF1: number;
  confusion: { tp: number; fp: number; fn: number; tn: number };
}

export interface SourceSummary {
  source: string;
  examples: number;
  angry: number;
  weight: number;
}

/** The committed model (`models/complaint-model.json`): everything needed to classify, and how it was made. */
export interface ModelArtefact {
  format: typeof ARTEFACT_FORMAT;
  formatVersion: 1;
  /** Build date and a hash of the weights, e.g. "2026-11-22.3f9a0c1b"; stored with every classification. */
  version: string;
  features: { extractor: string; hashing: 'fnv1a-32'; bits: number; maxChars: number };
  bias: number;
  /** score = sigmoid(slope × margin + intercept); the chosen threshold is folded into the intercept, so 0.5 decides. */
  calibration: { slope: number; intercept: number };
  /** Non-zero weights: bucket indices as deltas from the previous one (smaller JSON), and their values. */
  weights: { count: number; indexDeltas: number[]; values: number[] };
  training: Record<string, unknown> & { seed: number; sources: SourceSummary[] };
  metrics: Record<string, Metrics>;
}

/** 4 significant digits: the model loses nothing measurable and the JSON halves. */
export function round4(x: number): number {
  return Number(x.toPrecision(4));
}

/** Sparse, rounded weights; those under `minAbs` are dropped (they would not change a decision). */
export function packWeights(weights: ArrayLike<number>, minAbs: number): ModelArtefact['weights'] {
  const indexDeltas: number[] = [];
  const values: number[] = [];
  let prev = 0;
  for (let i = 0; i < weights.length; i++) {
    if (Math.abs(weights[i]) < minAbs) continue;
    indexDeltas.push(i - prev);
    values.push(round4(weights[i]));
    prev = i;
  }
  return { count: values.length, indexDeltas, values };
}

export function unpackWeights(packed: ModelArtefact['weights'], bits: number): Float32Array {
  const weights = new Float32Array(1 << bits);
  let index = 0;
  for (let i = 0; i < packed.values.length; i++) {
    index += packed.indexDeltas[i];
    weights[index] = packed.values[i];
  }
  return weights;
}

/** "YYYY-MM-DD.<8 hex>": the hash covers everything that changes a classification. */
export function modelVersion(
  date: string,
  a: Pick<ModelArtefact, 'features' | 'bias' | 'calibration' | 'weights'>,
): string {
  const h = fnv1a(JSON.stringify([a.features, a.bias, a.calibration, a.weights]));
  return `${date}.${h.toString(16).padStart(8, '0')}`;
}

/** Refuses what is not a model artefact this code can use, with the reason. */
export function checkArtefact(a: unknown, extractor: string, where = 'model artefact'): ModelArtefact {
  const m = a as Partial<ModelArtefact> | null;
  if (!m || typeof m !== 'object' || m.format !== ARTEFACT_FORMAT)
    throw new Error(`${where}: not a Defuse complaint model (format is not "${ARTEFACT_FORMAT}")`);
  if (m.formatVersion !== 1)
    throw new Error(`${where}: unsupported formatVersion ${String(m.formatVersion)}`);
  if (!m.features || m.features.extractor !== extractor)
    throw new Error(
      `${where}: built for feature extractor "${m.features?.extractor}", this code has "${extractor}"; retrain with \`npm run train\``,
    );
  const w = m.weights;
  if (
    !w ||
    !Array.isArray(w.indexDeltas) ||
    !Array.isArray(w.values) ||
    w.indexDeltas.length !== w.values.length
  )
    throw new Error(`${where}: weights are missing or malformed`);
  if (typeof m.bias !== 'number' || !m.calibration) throw new Error(`${where}: bias or calibration missing`);
  return m as ModelArtefact;
}
