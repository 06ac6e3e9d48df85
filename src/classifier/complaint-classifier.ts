import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, Classification, Intensity, noFlags } from './classifier.types';
import { explain } from './explain';
import {
  copyScratchWordCounts,
  detectCues,
  extractFeaturesScratch,
  FEATURES_VERSION,
  MAX_CHARS,
} from './features/extract';
import { resetWordCounts, WordCounts } from './language/english-vocabulary';
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

  /**
   * Never throws: empty or non-text input is a calm post. `words`, when given, receives the post's
   * words as language detection's English shortcut counts them (classify-post.ts), read on the way.
   */
  classify(input: string, words?: WordCounts): Classification {
    const text =
      typeof input === 'string' ? (input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input) : '';
    if (words) resetWordCounts(words);
    if (!text.trim()) return calm();
    const cues = detectCues(text);
    const features = extractFeaturesScratch(text, cues);
    if (words) copyScratchWordCounts(words);
    if (contributions.length < features.n) contributions = new Float64Array(features.hashes.length);
    const modelScore = this.model.score(
      this.model.margin(features.hashes, features.values, features.n, contributions),
    );
    // Someone hurt, or a customer leaving (cancelling, a chargeback), needs an answer however calmly
    // it is written: the rule's floor puts such a post at the threshold at least.
    const mustAnswer = cues.flags.harm || cues.flags.flags.churnThreat;
    const score = mustAnswer ? Math.max(modelScore, 0.5) : modelScore;
    const angry = score >= 0.5;
    // A calm post with praise, thanks or self-blame in it ("Shout-out to Acme for replacing my cracked
    // kettle") is about no complaint topic, even when it names one on the way.
    const { category, evidence: categoryEvidence } =
      !angry && hasCalmPhrase(features.kinds, features.n)
        ? { category: 'other' as const, evidence: null }
        : cues.category;
    const { flags, evidence: flagEvidence } = cues.flags;
    const reasons = explain(features, contributions, angry);
    if (angry && categoryEvidence) reasons.merge(`'${categoryEvidence}' (${CATEGORIES[category]})`);
    for (const e of flagEvidence) reasons.merge(e);
    return {
      angry,
      score: Math.round(score * 1e4) / 1e4,
      intensity: cues.flags.harm ? 'high' : intensity(score, angry, features.heat),
      category,
      reasons: reasons.list,
      flags,
      // The model reads English; other languages are routed before it (language/classify-post.ts).
      language: 'en',
      analysed: true,
    };
  }

  /** The calibrated score alone (no category, flags or reasons): for evaluation loops. */
  score(input: string): number {
    const text = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input;
    const cues = detectCues(text);
    const f = extractFeaturesScratch(text, cues);
    const score = this.model.score(this.model.margin(f.hashes, f.values, f.n));
    return cues.flags.harm || cues.flags.flags.churnThreat ? Math.max(score, 0.5) : score;
  }
}

function hasCalmPhrase(kinds: readonly string[], n: number): boolean {
  for (let i = 0; i < n; i++) if (kinds[i] === 'calmPhrase') return true;
  return false;
}

function calm(): Classification {
  return {
    angry: false,
    score: 0,
    intensity: 'low',
    category: 'other',
    reasons: [],
    flags: noFlags(),
    language: 'en',
    analysed: true,
  };
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
