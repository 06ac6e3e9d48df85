import { metricsFromConfusion } from '../training/evaluate';
import { compareModels, describeComparison } from './compare-models';

/** Metrics with the given F1 of the angry class (precision = recall = f1 via a confusion matrix). */
const m = (tp: number, fp: number, fn: number, tn: number) => metricsFromConfusion({ tp, fp, fn, tn });

describe('compareModels', () => {
  const current = {
    'brands pooled, validation': m(80, 20, 20, 80),
    'tweeteval, validation': m(80, 20, 20, 80),
  };

  it('is not worse when every headline figure holds or rises', () => {
    const better = { ...current, 'brands pooled, validation': m(85, 15, 15, 85) };
    const c = compareModels(current, better);
    expect(c.notWorse).toBe(true);
    expect(describeComparison(c)).toBe(
      'brands pooled macro-F1 0.8000 → 0.8500, TweetEval anger F1 0.8000 → 0.8000',
    );
  });

  it('is worse when one figure drops by more than the tolerance, even if the other rises', () => {
    const mixed = {
      'brands pooled, validation': m(90, 10, 10, 90),
      'tweeteval, validation': m(78, 22, 22, 78),
    };
    expect(compareModels(current, mixed).notWorse).toBe(false);
  });

  it('is never "not worse" with nothing to compare', () => {
    expect(compareModels({}, {}).notWorse).toBe(false);
  });
});
