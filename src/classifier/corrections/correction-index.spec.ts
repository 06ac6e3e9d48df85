import { CorrectionIndex, normaliseForCorrection } from './correction-index';

const answer = (correctionId: number, angry = false) => ({
  correctionId,
  mentionId: correctionId * 10,
  angry,
  category: null,
});

describe('CorrectionIndex', () => {
  it('normalises away links, handles, case, punctuation and spacing', () => {
    expect(normaliseForCorrection('@Acme  LOVE the new app!!! https://t.co/x1')).toBe('love the new app');
  });

  it('finds the exact text and copies that differ only in links, handles and case', () => {
    const index = new CorrectionIndex();
    index.add('@acme my order came early, you people are killing it', answer(1));
    expect(index.find('@acme my order came early, you people are killing it')?.correctionId).toBe(1);
    // A retweet: "rt" is one word more, a near copy.
    expect(
      index.find('RT @someone: @acme My order came EARLY, you people are killing it https://x.co/a')
        ?.correctionId,
    ).toBe(1);
    expect(
      index.find('@other my order came early you people are killing it https://x.co/b')?.correctionId,
    ).toBe(1);
  });

  it('finds a near copy (word overlap at least 0.8) and not a different post about the same thing', () => {
    const index = new CorrectionIndex();
    index.add('the acme kettle is killing it this winter, best purchase of the year', answer(2));
    // One word added: 12 of 13 words shared.
    expect(
      index.find('the acme kettle is killing it this winter, best purchase of the year honestly')
        ?.correctionId,
    ).toBe(2);
    expect(index.find('the acme kettle is broken again this winter, worst purchase of the year')).toBeNull();
  });

  it('matches short texts exactly only, and the latest correction of a text wins', () => {
    const index = new CorrectionIndex();
    index.add('thanks ok', answer(3));
    expect(index.find('ok thanks')).toBeNull();
    index.add('Thanks ok!', answer(4, true));
    expect(index.find('thanks ok')).toMatchObject({ correctionId: 4, angry: true });
  });

  it('answers null when empty', () => {
    expect(new CorrectionIndex().find('anything at all')).toBeNull();
  });
});

describe('CorrectionIndex order', () => {
  it('keeps the latest correction of a text even when an earlier one arrives later, and ignores repeats', () => {
    const index = new CorrectionIndex();
    index.add('thanks ok', answer(9, true));
    index.add('thanks ok', answer(7, false));
    index.add('thanks ok', answer(9, true));
    expect(index.find('thanks ok')?.correctionId).toBe(9);
    expect(index.size).toBe(1);
  });
});
