import * as sut from './phrasebook';
import { APOLOGY, asksForDataInPublic, findForbidden, OWNERSHIP, REMEDY_WORDS } from './tone';

/** Every phrasing of every slot, with and without a quote, so a bad one cannot hide behind the seed. */
const slots = (quote: string | null): sut.Slots => ({
  brand: 'Acme',
  topic: 'your delivery',
  quote,
  step: 'trace your order with the courier',
  team: 'our delivery team',
  stake: 'your wedding',
  offers: ['a refund', 'a replacement'],
  time: '24 hours',
  ask: 'DM us at @AcmeHelp with your order number',
});
const SLOTS: Record<string, sut.Sentence[]> = {
  RESTATE: sut.RESTATE,
  APOLOGY_SHORT: sut.APOLOGY_SHORT,
  APOLOGY_FULL: sut.APOLOGY_FULL,
  APOLOGY_CAUTIOUS: sut.APOLOGY_CAUTIOUS,
  EMPATHY: sut.EMPATHY,
  NEXT_STEP: sut.NEXT_STEP,
  CHANNEL_AND_TIME: sut.CHANNEL_AND_TIME,
  STAKES: sut.STAKES,
  PRIORITY: sut.PRIORITY,
  REMEDY: sut.REMEDY,
  ESCALATE: sut.ESCALATE,
  ESCALATE_CHANNEL: sut.ESCALATE_CHANNEL,
  CLOSING: sut.CLOSING,
  ...Object.fromEntries(Object.entries(sut.COMPACT).map(([k, v]) => [`COMPACT.${k}`, v])),
};
const render = (name: string): string[] =>
  SLOTS[name].flatMap((sentence) => [sentence(slots('still waiting since the 3rd')), sentence(slots(null))]);

describe('phrasebook', () => {
  it.each(Object.keys(SLOTS))(
    '%s: several phrasings, none forbidden, none asking for data in public',
    (name) => {
      expect(SLOTS[name].length).toBeGreaterThanOrEqual(name.startsWith('COMPACT') ? 2 : 3);
      for (const text of render(name)) {
        expect(findForbidden(text)).toEqual([]);
        expect(asksForDataInPublic(text)).toBe(false);
        expect(text).toMatch(/^[“A-Z].*[.]$/);
        // Only remedy sentences may offer one.
        expect(REMEDY_WORDS.test(text) && !/REMEDY|remedy/.test(name)).toBe(false);
      }
    },
  );

  it.each([
    'APOLOGY_SHORT',
    'APOLOGY_FULL',
    'APOLOGY_CAUTIOUS',
    'COMPACT.apology',
    'COMPACT.apologyCautious',
  ])('%s apologises and owns the problem', (name) => {
    for (const text of render(name)) {
      expect(text).toMatch(APOLOGY);
      expect(text).toMatch(OWNERSHIP);
    }
  });

  it('the cautious apologies for legal threats admit no fault', () => {
    for (const text of [...render('APOLOGY_CAUTIOUS'), ...render('COMPACT.apologyCautious')])
      expect(text).not.toMatch(/mistake|fault|on us|got this wrong|our responsibility/i);
  });

  it.each(['RESTATE', 'COMPACT.restate'])(
    '%s names the concern, and quotes the customer when it can',
    (name) => {
      for (const sentence of SLOTS[name]) {
        expect(sentence(slots('still waiting since the 3rd'))).toContain('your delivery');
        expect(sentence(slots('still waiting since the 3rd'))).toMatch(/“[Ss]till waiting since the 3rd”/);
        expect(sentence(slots(null))).toContain('your delivery');
        expect(sentence(slots(null))).not.toContain('“');
      }
    },
  );

  it.each(['CHANNEL_AND_TIME', 'ESCALATE_CHANNEL', 'COMPACT.channel', 'COMPACT.escalateChannel'])(
    '%s carries the private channel and the configured time',
    (name) => {
      for (const text of render(name)) {
        expect(text).toContain('@AcmeHelp');
        expect(text).toContain('within 24 hours');
      }
    },
  );

  it('lets the customer choose between remedies, or offers the one there is', () => {
    for (const sentence of sut.REMEDY) {
      expect(sentence(slots(null))).toContain('a refund or a replacement');
      expect(sentence({ ...slots(null), offers: ['account credit'] })).toContain('account credit');
    }
    expect(sut.orList(['a', 'b', 'c'])).toBe('a, b or c');
  });
});
