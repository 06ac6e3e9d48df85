import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComplaintClassifier } from '../complaint-classifier';
import { loadSplit, loadTrainingSet, loadUntouchedSets, loadValidationSets, splitBucket } from './corpus';
import { evaluate } from './evaluate';
import { trainModel } from './train';
import { trainAndWrite } from './train-and-write';

const MINI = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'classifier', 'mini-corpus');
const small = { bits: 14, date: '2026-01-01', devPercent: 20 };

describe('loadTrainingSet / loadSplit / evaluation sets', () => {
  it('labels each source and keeps validation and untouched examples out of training', () => {
    const train = loadTrainingSet(MINI);
    const validation = loadValidationSets(MINI);
    const untouched = loadUntouchedSets(MINI);
    expect(Object.keys(validation)).toEqual(
      expect.arrayContaining([
        'brands pooled, validation',
        'tweeteval, validation',
        'goemotions, validation',
      ]),
    );
    expect(Object.keys(untouched)).toContain('brands pooled, untouched');
    const trainTexts = new Set(train.map((e) => e.text));
    const untouchedTexts = new Set(Object.values(untouched).flatMap((set) => set.map((e) => e.text)));
    for (const set of [...Object.values(validation), ...Object.values(untouched)])
      for (const e of set) expect(trainTexts.has(e.text)).toBe(false);
    for (const set of Object.values(validation))
      for (const e of set) expect(untouchedTexts.has(e.text)).toBe(false);
    // Labels are checked on every split (which split a text lands in depends on its hash).
    const all = [
      ...train,
      ...Object.values(loadSplit('validation', MINI)).flat(),
      ...Object.values(loadSplit('untouched', MINI)).flat(),
    ];
    expect(all.find((e) => e.text === 'absolutely fuming right now')).toMatchObject({
      label: 1,
      source: 'tweeteval',
    });
    expect(all.find((e) => e.text === 'feeling hopeful about tomorrow')).toMatchObject({ label: 0 });
    expect(all.find((e) => e.text.startsWith("That's disgusting"))).toMatchObject({
      label: 0,
      source: 'goemotions',
    });
    const broad = loadTrainingSet(MINI, { goEmotionsAngry: ['anger', 'annoyance', 'disgust'] });
    expect(broad.find((e) => e.text.startsWith("That's disgusting"))).toMatchObject({ label: 1 });
    expect(train.find((e) => e.text.includes('charged me a fee'))).toMatchObject({
      label: 1,
      category: 'billing',
      source: 'brand',
    });
  });

  it('labels the Apple and SXSW brand tweets (negative is a complaint) and leaves out "cant_tell"', () => {
    const all = (['training', 'validation', 'untouched'] as const).flatMap((split) =>
      Object.values(loadSplit(split, MINI)).flat(),
    );
    expect(all.find((e) => e.text.startsWith('@apple my phone won'))).toMatchObject({
      label: 1,
      source: 'apple',
    });
    expect(all.find((e) => e.text.startsWith('$AAPL up'))).toMatchObject({ label: 0, source: 'apple' });
    expect(all.find((e) => e.text.startsWith('this android app crashes'))).toMatchObject({
      label: 1,
      source: 'brand-emotion',
    });
    expect(all.find((e) => e.text.startsWith('heading to the Apple'))).toMatchObject({ label: 0 });
    expect(all.some((e) => e.text.startsWith('not sure what to think'))).toBe(false);
  });

  it('splits by a hash of the normalised text, so repeats stay together, in stable proportions', () => {
    expect(splitBucket('Hello  World', 's')).toBe(splitBucket('hello world', 's'));
    const untouched = loadSplit('untouched', MINI).airline;
    const validation = loadSplit('validation', MINI).airline;
    expect(untouched.length).toBeGreaterThan(3);
    expect(untouched.length).toBeLessThan(25);
    expect(validation.length).toBeGreaterThan(3);
    expect(validation.length).toBeLessThan(25);
    const pooled = loadUntouchedSets(MINI)['brands pooled, untouched'];
    expect(pooled.length).toBeGreaterThanOrEqual(untouched.length);
  });
});

describe('trainModel', () => {
  const examples = loadTrainingSet(MINI);

  it('is deterministic: same data and seed give the same artefact, another seed another one', () => {
    const a = JSON.stringify(trainModel(examples, { seed: 7, ...small }));
    const b = JSON.stringify(trainModel(examples, { seed: 7, ...small }));
    const c = JSON.stringify(trainModel(examples, { seed: 8, ...small }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('learns the training data and records how it was trained', () => {
    const artefact = trainModel(examples, { seed: 1, ...small });
    expect(artefact.version).toMatch(/^2026-01-01\.[0-9a-f]{8}$/);
    expect(artefact.features).toMatchObject({ hashing: 'fnv1a-32', bits: 14 });
    expect(artefact.training.sources.map((s) => s.source).sort()).toEqual([
      'airline',
      'apple',
      'brand',
      'brand-emotion',
      'goemotions',
      'tweeteval',
    ]);
    const metrics = evaluate(ComplaintClassifier.fromArtefact(artefact), examples);
    expect(metrics.accuracy).toBeGreaterThan(0.8);
  });

  it('balances a source part of the way by its balance power (0: as it comes)', () => {
    const airline = examples.filter((e) => e.source === 'airline');
    const opts = { seed: 1, ...small, nbAlpha: 0 };
    const unbalanced = JSON.stringify(trainModel(airline, { ...opts, balanceClasses: false }).weights);
    const power0 = JSON.stringify(trainModel(airline, { ...opts, balancePower: { airline: 0 } }).weights);
    const full = JSON.stringify(trainModel(airline, opts).weights);
    expect(power0).toBe(unbalanced);
    expect(full).not.toBe(unbalanced);
    expect(trainModel(airline, { ...opts, balancePower: { airline: 0 } }).training.balancePower).toEqual({
      airline: 0,
    });
  });

  it('refuses a training set with one class only', () => {
    const angryOnly = examples.filter((e) => e.label === 1);
    expect(() => trainModel(angryOnly, { seed: 1, ...small })).toThrow(/both angry and calm/);
  });
});

describe('trainAndWrite', () => {
  it('writes a loadable artefact with the held-out metrics, and folds in extra examples', () => {
    const dir = mkdtempSync(join(tmpdir(), 'defuse-train-'));
    try {
      const out = join(dir, 'model.json');
      const extra = [{ text: 'the zorblax arrived shattered, zorblax ruined', label: 1 as const }];
      const result = trainAndWrite({
        seed: 3,
        out,
        corpusDir: MINI,
        extraExamples: extra,
        date: '2026-01-02',
      });
      const written = JSON.parse(readFileSync(out, 'utf8'));
      expect(written.version).toBe(result.artefact.version);
      expect(Object.keys(written.metrics)).toEqual(
        expect.arrayContaining(['brands pooled, validation', 'brands pooled, untouched']),
      );
      expect(written.training.sources.map((s: { source: string }) => s.source)).toContain('corrections');
      expect(result.report).toMatch(/macro-F1/);
      expect(ComplaintClassifier.load(out).version).toBe(result.artefact.version);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
