import { evaluate, formatReport, metricsFromConfusion } from './evaluate';

describe('metricsFromConfusion', () => {
  it('computes precision, recall, F1 of the angry class, accuracy and macro-F1', () => {
    const m = metricsFromConfusion({ tp: 8, fp: 2, fn: 4, tn: 6 });
    expect(m.precision).toBeCloseTo(0.8);
    expect(m.recall).toBeCloseTo(8 / 12);
    expect(m.f1).toBeCloseTo((2 * 0.8 * (8 / 12)) / (0.8 + 8 / 12));
    expect(m.accuracy).toBeCloseTo(0.7);
    const calmF1 = (2 * (6 / 10) * (6 / 8)) / (6 / 10 + 6 / 8);
    expect(m.macroF1).toBeCloseTo((m.f1 + calmF1) / 2);
  });

  it('does not reward calling everything angry', () => {
    const m = metricsFromConfusion({ tp: 62, fp: 38, fn: 0, tn: 0 });
    expect(m.f1).toBeCloseTo(0.765, 3);
    expect(m.macroF1).toBeLessThan(0.4);
  });

  it('gives zeros rather than NaN on empty classes', () => {
    expect(metricsFromConfusion({ tp: 0, fp: 0, fn: 0, tn: 0 })).toMatchObject({
      precision: 0,
      recall: 0,
      f1: 0,
      accuracy: 0,
    });
  });
});

describe('evaluate and formatReport', () => {
  it('counts decisions against labels and prints a table and a confusion matrix', () => {
    const sut = { classify: (t: string) => ({ angry: t.includes('bad') }) };
    const m = evaluate(sut, [
      { text: 'bad', label: 1 },
      { text: 'bad too', label: 0 },
      { text: 'fine', label: 1 },
      { text: 'fine', label: 0 },
    ]);
    expect(m.confusion).toEqual({ tp: 1, fp: 1, fn: 1, tn: 1 });
    const report = formatReport({ 'my set': m });
    expect(report).toMatch(/^set\s+examples\s+precision\s+recall\s+F1\s+accuracy\s+macro-F1$/m);
    expect(report).toMatch(/^my set\s+4\s+0\.500\s+0\.500\s+0\.500\s+0\.500\s+0\.500$/m);
    expect(report).toMatch(/true angry\s+1\s+1/);
  });
});
