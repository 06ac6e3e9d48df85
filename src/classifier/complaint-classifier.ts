import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, Classification, Intensity, noFlags } from './classifier.types';
import { explain } from './explain';
import { detectCues, extractFeaturesScratch, FEATURES_VERSION, MAX_CHARS } from './features/extract';
import { ModelArtefact } from './model/artefact';
import { LinearModel } from './model/linear-model';
import { repoRoot } from './repo-root';

/** Per-feature shares of the margin, reused from post to post (classify is synchronous). */
let contributions = new Float64Array(256);

/** `models/complaint-model.json` at the repository root (from `src/classifier` and `dist/classifier` alike). */
export const DEFAULT_MODEL_PATH = join(repoRoot(), 'models', 'complaint-model.json');

/**
 * The classifier the app, the CLI and the evaluation use: the trained model decides angry/score and
 * explains itself; rules (`cues/`) give the category and the escalation flags.
 */
export class ComplaintClassifier {
  private constructor(
    private readonly model: LinearModel,
    readonly version: string,
  ) {}

  static fromArtefact(artefact: ModelArtefact): ComplaintClassifier {
    return new ComplaintClassifier(LinearModel.fromArtefact(artefact, FEATURES_VERSION), artefact.version);
  }

  /** Reads a model artefact; the error names the file and what is wrong with it. */
  static load(file = DEFAULT_MODEL_PATH): ComplaintClassifier {
    let artefact: ModelArtefact;
    try {
      artefact = JSON.parse(readFileSync(file, 'utf8')) as ModelArtefact;
    } catch (err) {
      throw new Error(`cannot load classifier model ${file}: ${(err as Error).message}`);
    }
    try {
      return ComplaintClassifier.fromArtefact(artefact);
    } catch (err) {
      throw new Error(`cannot load classifier model ${file}: ${(err as Error).message}`);
    }
  }

  /** Never throws: empty or non-text input is a calm post. */
  classify(input: string): Classification {
    const text =
      typeof input === 'string' ? (input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input) : '';
    if (!text.trim()) return calm();
    const cues = detectCues(text);
    const features = extractFeaturesScratch(text, cues);
    if (contributions.length < features.n) contributions = new Float64Array(features.hashes.length);
    const score = this.model.score(
      this.model.margin(features.hashes, features.values, features.n, contributions),
    );
    const angry = score >= 0.5;
    const { category, evidence: categoryEvidence } = cues.category;
    const { flags, evidence: flagEvidence } = cues.flags;
    const reasons = explain(features, contributions, angry);
    if (angry && categoryEvidence) reasons.merge(`'${categoryEvidence}' (${CATEGORIES[category]})`);
    for (const e of flagEvidence) reasons.merge(e);
    return {
      angry,
      score: Math.round(score * 1e4) / 1e4,
      intensity: intensity(score, angry, features.heat),
      category,
      reasons: reasons.list,
      flags,
    };
  }

  /** The calibrated score alone (no category, flags or reasons): for evaluation loops. */
  score(input: string): number {
    const text = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input;
    const f = extractFeaturesScratch(text, detectCues(text));
    return this.model.score(this.model.margin(f.hashes, f.values, f.n));
  }
}

function calm(): Classification {
  return { angry: false, score: 0, intensity: 'low', category: 'other', reasons: [], flags: noFlags() };
}

/**
 * low / medium / high: a calm post is low; an angry one gains a step for a confident score and for
 * each kind of heat (capitals, profanity, angry emoji, strongly negative words, two or more "!").
 */
function intensity(score: number, angry: boolean, heat: number): Intensity {
  if (!angry) return 'low';
  const steps = (score >= 0.9 ? 1 : 0) + heat;
  return steps >= 3 ? 'high' : steps >= 1 ? 'medium' : 'low';
}
