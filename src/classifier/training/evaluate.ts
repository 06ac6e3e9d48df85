import { LabelledText } from '../classifier.types';
import { Metrics } from '../model/artefact';

export type { Metrics } from '../model/artefact';

/** Anything that decides angry or not (the classifier, or a baseline to compare with). */
export interface Decider {
  classify(text: string): { angry: boolean };
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Precision, recall and F1 of the angry class, accuracy and macro-F1 from a confusion matrix. */
export function metricsFromConfusion(c: Metrics['confusion']): Metrics {
  const n = c.tp + c.fp + c.fn + c.tn;
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  const f1Angry = f1(precision, recall);
  const f1Calm = f1(ratio(c.tn, c.tn + c.fn), ratio(c.tn, c.tn + c.fp));
  return {
    examples: n,
    precision,
    recall,
    f1: f1Angry,
    accuracy: ratio(c.tp + c.tn, n),
    macroF1: (f1Angry + f1Calm) / 2,
    confusion: { ...c },
  };
}

export function evaluate(classifier: Decider, examples: readonly LabelledText[]): Metrics {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const e of examples) {
    const angry = classifier.classify(e.text).angry;
    if (angry) {
      if (e.label === 1) c.tp++;
      else c.fp++;
    } else if (e.label === 1) c.fn++;
    else c.tn++;
  }
  return metricsFromConfusion(c);
}

const pct = (x: number): string => x.toFixed(3);

/** A plain-text table, one row per set, then each set's confusion matrix. */
export function formatReport(results: Record<string, Metrics>): string {
  const names = Object.keys(results);
  const width = Math.max(3, ...names.map((n) => n.length));
  const head = `${'set'.padEnd(width)}  examples  precision  recall     F1  accuracy  macro-F1`;
  const rows = names.map((name) => {
    const m = results[name];
    return `${name.padEnd(width)}  ${String(m.examples).padStart(8)}  ${pct(m.precision).padStart(9)}  ${pct(m.recall).padStart(6)}  ${pct(m.f1).padStart(5)}  ${pct(m.accuracy).padStart(8)}  ${pct(m.macroF1).padStart(8)}`;
  });
  const matrices = names.map((name) => {
    const { tp, fp, fn, tn } = results[name].confusion;
    const w = Math.max(5, String(Math.max(tp, fp, fn, tn)).length);
    return [
      `${name}: confusion matrix (rows: true label, columns: predicted)`,
      `               ${'angry'.padStart(w)}  ${'calm'.padStart(w)}`,
      `  true angry   ${String(tp).padStart(w)}  ${String(fn).padStart(w)}`,
      `  true calm    ${String(fp).padStart(w)}  ${String(tn).padStart(w)}`,
    ].join('\n');
  });
  return [head, ...rows, '', ...matrices].join('\n') + '\n';
}
