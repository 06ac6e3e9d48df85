import { sigmoid } from '../model/linear-model';
import { metricsFromConfusion } from './evaluate';

export interface Scored {
  margin: number;
  label: 0 | 1;
  source: string;
}

/**
 * Platt scaling: fits p = sigmoid(a × margin + b) to held-aside examples by Newton's method
 * (two parameters, converges in a handful of steps). Each source weighs the same in the fit.
 */
export function plattScale(points: readonly Scored[]): { slope: number; intercept: number } {
  const perSource = new Map<string, number>();
  for (const p of points) perSource.set(p.source, (perSource.get(p.source) ?? 0) + 1);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-6;
    let hab = 0;
    let hbb = 1e-6;
    for (const p of points) {
      const w = 1 / (perSource.get(p.source) ?? 1);
      const q = sigmoid(a * p.margin + b);
      const d = (q - p.label) * w;
      const h = q * (1 - q) * w;
      ga += d * p.margin;
      gb += d;
      haa += h * p.margin * p.margin;
      hab += h * p.margin;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { slope: a, intercept: b };
}

/**
 * The probability threshold that maximises the mean macro-F1 over the sources (each source counts
 * as much as the others; `sourceWeights` may tilt that), preferring the one nearest 0.5 on ties.
 */
export function bestThreshold(
  points: readonly Scored[],
  calibration: { slope: number; intercept: number },
  sourceWeights: Record<string, number> = {},
): { threshold: number; objective: number } {
  const sources = [...new Set(points.map((p) => p.source))].sort();
  const probs = points.map((p) => sigmoid(calibration.slope * p.margin + calibration.intercept));
  let best = { threshold: 0.5, objective: -1 };
  for (let step = 5; step <= 95; step++) {
    const t = step / 100;
    let total = 0;
    let weights = 0;
    for (const source of sources) {
      const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
      points.forEach((p, i) => {
        if (p.source !== source) return;
        const angry = probs[i] >= t;
        if (angry) c[p.label ? 'tp' : 'fp']++;
        else c[p.label ? 'fn' : 'tn']++;
      });
      const w = sourceWeights[source] ?? 1;
      total += w * metricsFromConfusion(c).macroF1;
      weights += w;
    }
    const objective = weights ? total / weights : 0;
    const better = objective > best.objective + 1e-9;
    const tie =
      Math.abs(objective - best.objective) <= 1e-9 && Math.abs(t - 0.5) < Math.abs(best.threshold - 0.5);
    if (better || tie) best = { threshold: t, objective };
  }
  return best;
}
