import type { Concern } from './concern';
import * as sut from './phrasebook';
import { asksForDataInPublic, findForbidden, OWNERSHIP, REMEDY_WORDS } from './tone';

const BAG: Concern = {
  id: 'lost_bag',
  clause: "your bag hasn't turned up",
  noun: 'your missing bag',
  step: 'check where your bag is',
  detail: 'your bag tag number',
  feeling: "that's the last thing you need after a flight",
  and: 'your missing bag',
  close: 'dm',
  tip: 'The desk in the arrivals hall can help too.',
  repeat: false,
};
/** Every phrasing of every slot, with and without a concern, so a bad one cannot hide behind the seed. */
const slots = (concern: Concern | null): sut.Slots => ({
  brand: 'Acme',
  concern,
  also: null,
  request: null,
  detailed: false,
  praised: 'the lounge',
  destination: 'New Orleans',
  ask: 'DM us',
  askWith: concern ? `DM us ${concern.detail}` : 'DM us',
  time: '24 hours',
  team: 'our baggage team',
  offers: ['a refund', 'a replacement'],
  stake: 'your wedding',
  incident: 'our check-in system is down at some airports',
  answer: 'Bags up to 23 kg fly free.',
  supportUrl: 'https://acme.example/help',
});
const FAMILIES = Object.entries(sut).filter(
  (e): e is [string, sut.Sentence[]] => Array.isArray(e[1]) && typeof e[1][0] === 'function',
);
const render = (family: sut.Sentence[]): string[] =>
  family.flatMap((sentence) => [sentence(slots(BAG)), sentence(slots(null))]);

describe('phrasebook', () => {
  it('has the families the composer uses', () => {
    expect(FAMILIES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(FAMILIES)('%s: calm, no quotation, no public data request, a whole sentence', (name, family) => {
    for (const text of render(family)) {
      expect(findForbidden(text)).toEqual([]);
      expect(asksForDataInPublic(text)).toBe(false);
      expect(text).not.toMatch(/[“”"]/);
      expect(text).toMatch(/^[A-Z].*[.!]$/);
      // Only the remedy family offers one; only the incident family owns a fault.
      expect(name !== 'REMEDY' && REMEDY_WORDS.test(text)).toBe(false);
      expect(name !== 'INCIDENT' && OWNERSHIP.test(text)).toBe(false);
    }
  });

  it.each(['SORRY', 'SORRY_SHORT', 'HELP_OPEN', 'SARCASM'])(
    '%s names the concern when there is one',
    (name) => {
      const family = FAMILIES.find(([n]) => n === name)![1];
      for (const sentence of family) expect(sentence(slots(BAG))).toMatch(/bag/);
    },
  );

  it('questions, praise and good news never apologise', () => {
    for (const name of [
      'QUESTION_ROUTE',
      'QUESTION_BRIEF',
      'QUESTION_TIMED',
      'PRAISE',
      'PRAISE_SHARE',
      'RESOLVED',
    ])
      for (const text of render(FAMILIES.find(([n]) => n === name)![1]))
        expect(text).not.toMatch(/sorry|apolog/i);
  });
});
