import { Metrics } from '../training/evaluate';

/** The figures a retrained model must not make worse: complaints to brands, and anger in tweets. */
export const HEADLINE_FIGURES: readonly { set: string; metric: 'macroF1' | 'f1'; label: string }[] = [
  { set: 'brands pooled, validation', metric: 'macroF1', label: 'brands pooled macro-F1' },
  { set: 'tweeteval, validation', metric: 'f1', label: 'TweetEval anger F1' },
];

/**
 * How much lower a figure may be and still count as "not worse": less than one post's worth on the
 * smallest headline set (one of TweetEval's 374 validation posts moves its F1 by about 0.003), so that
 * a retrain whose only change is a few corrections is not refused for noise.
 */
export const NOT_WORSE_TOLERANCE = 0.002;

export interface FigureComparison {
  label: string;
  current: number;
  candidate: number;
}

export interface ModelComparison {
  notWorse: boolean;
  figures: FigureComparison[];
}

/** The headline figures of both models; the candidate is not worse when none drops by more than the tolerance. */
export function compareModels(
  current: Record<string, Metrics>,
  candidate: Record<string, Metrics>,
): ModelComparison {
  const figures: FigureComparison[] = [];
  for (const h of HEADLINE_FIGURES) {
    const c = current[h.set];
    const n = candidate[h.set];
    if (!c || !n) continue;
    figures.push({ label: h.label, current: round4(c[h.metric]), candidate: round4(n[h.metric]) });
  }
  const notWorse = figures.length > 0 && figures.every((f) => f.candidate >= f.current - NOT_WORSE_TOLERANCE);
  return { notWorse, figures };
}

/** "brands pooled macro-F1 0.8340 → 0.8362, TweetEval anger F1 0.7840 → 0.7810" */
export function describeComparison(c: ModelComparison): string {
  return c.figures.map((f) => `${f.label} ${f.current.toFixed(4)} → ${f.candidate.toFixed(4)}`).join(', ');
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
