import { readFileSync } from 'fs';
import { join } from 'path';
import { literalPrefixes } from './cue-prefixes';
import { CueSet, isNegated, normaliseCueText, prepareText } from './cue-regex';
import { CATEGORY_SOURCES } from './category';
import { FLAG_SOURCES } from './flags';

/** What a plain global regex finds: the reference the prefiltered scan must agree with. */
function naive(sources: string[], text: string, overlapping: boolean): [number, number, string][] {
  const norm = normaliseCueText(text);
  const re = new RegExp(`(?<![a-z0-9_])(?:${sources.map((s) => `(${s})`).join('|')})(?![\\w'])`, 'y');
  const out: [number, number, string][] = [];
  let from = 0;
  let lastPattern = -1;
  for (let i = 0; i < norm.length; i++) {
    re.lastIndex = i;
    const m = re.exec(norm);
    if (!m) continue;
    const pattern = m.findIndex((g, k) => k > 0 && g !== undefined) - 1;
    if (i < from && (!overlapping || pattern === lastPattern)) continue;
    out.push([pattern, i, m[0]]);
    from = i + m[0].length;
    lastPattern = pattern;
  }
  return out;
}

const texts = [
  "@QuickShip my parcel says delivered but it's not here!!! I've been on hold 2hrs, can't log in either",
  'The charger caught fire, no one was hurt but my lawyer will hear about it. Never ordering again.',
  'Price hike + hidden fees = ripoff. Switching to @rival. 40k followers will know. £5 more a month?',
  'I’m cancelling my subscription – the app keeps crashing and the staff were rude. My baby’s photos are gone',
  'Locked out of my account, 2FA code never arrives, password reset broken; refund my double charge',
  'arrived broken, stopped working after a day, poor quality, fell apart, smells of burning, 503 error',
  'no fire, not injured, nobody got hurt, not going to sue, not switching to anything',
];

describe('CueSet', () => {
  const sets = [
    { sut: new CueSet(CATEGORY_SOURCES), sources: CATEGORY_SOURCES, overlapping: false },
    { sut: new CueSet(FLAG_SOURCES, true), sources: FLAG_SOURCES, overlapping: true },
  ];
  const scan = (sut: CueSet, text: string) => {
    const found: [number, number, string][] = [];
    sut.scan(prepareText(text), (pattern, index, phrase) => found.push([pattern, index, phrase]));
    return found;
  };

  it.each(texts)('finds exactly what a plain regex finds: %s', (text) => {
    for (const { sut, sources, overlapping } of sets) {
      expect(scan(sut, text)).toEqual(naive(sources, text, overlapping));
    }
    expect(scan(sets[0].sut, text).length).toBeGreaterThan(1);
  });

  it('finds exactly what a plain regex finds on every post of the brand complaints corpus', () => {
    const corpus = ['train', 'test'].flatMap((name) =>
      readFileSync(join(__dirname, '../../../corpus/brand-complaints', `${name}.jsonl`), 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { text: string }).text),
    );
    expect(corpus.length).toBeGreaterThan(700);
    let matches = 0;
    for (const text of corpus) {
      for (const { sut, sources, overlapping } of sets) {
        const found = scan(sut, text);
        expect(found).toEqual(naive(sources, text, overlapping));
        matches += found.length;
      }
    }
    expect(matches).toBeGreaterThan(800);
  });

  it('refuses a pattern that could start anywhere, or that has its own capturing group', () => {
    expect(() => new CueSet(['\\w+ing'])).toThrow('can start with anything');
    expect(() => new CueSet(['(a|b)c'])).toThrow('capturing group');
  });
});

describe('literalPrefixes', () => {
  it('expands groups, optional parts and small classes, and stops at anything open-ended', () => {
    const prefixes = (src: string) =>
      literalPrefixes(src)
        .map((p) => p.s)
        .sort();
    expect(prefixes('(?:caught|on) fire')).toEqual(['cau', 'on ']);
    expect(prefixes('re?fund')).toEqual(['ref', 'rfu']);
    expect(prefixes('[sz]ue|(?<!no )\\d+ pay')).toEqual([...'0123456789'.split(''), 'sue', 'zue']);
    expect(prefixes('a\\w+')).toEqual(['a']);
  });
});

describe('normaliseCueText and isNegated', () => {
  it('folds case, accents, curly quotes and whitespace', () => {
    expect(normaliseCueText('CAFÉ’s\n\tWIFI  is DOWN')).toBe("cafe's wifi is down");
  });

  it('gives the same text on the fast path of prepareText as the full normalisation', () => {
    for (const text of [
      'Plain £5 post 😡 #fail',
      'CAFÉ’s wifi',
      'two  spaces',
      'tab\there',
      'nbsp\u00a0here',
      ...texts,
    ]) {
      expect(prepareText(text).norm).toBe(normaliseCueText(text));
    }
  });

  it('sees a negator right before a cue, with at most two filler words between', () => {
    const at = (text: string, cue: string) => isNegated(text, text.indexOf(cue));
    expect(at('there was no fire', 'fire')).toBe(true);
    expect(at('no one was injured', 'injured')).toBe(true);
    expect(at("i didn't get hurt", 'hurt')).toBe(true);
    expect(at('the fire was not small', 'fire')).toBe(false);
    expect(at('no idea why it caught fire', 'caught')).toBe(false);
  });
});
