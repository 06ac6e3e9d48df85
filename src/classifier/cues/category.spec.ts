import type { Category } from '../classifier.types';
import { detectCategory as sut } from './category';

const cases: [Category, string, string][] = [
  [
    'delivery',
    "@QuickShip my parcel says delivered but it's not here. Neighbours haven't got it either",
    'parcel',
  ],
  ['delivery', 'Ordered a sofa 6 weeks ago and the courier still has no delivery date for me', 'courier'],
  ['delivery', 'Sent the wrong book THREE times now. How hard can it be', 'sent the wrong'],
  ['billing', 'you charged me twice for the same pizza, sort it out', 'charged me twice'],
  ['billing', 'Still waiting for my refund after 21 days @PayPlex', 'refund'],
  ['billing', 'My membership auto-renewed without a single reminder email', 'membership auto-renewed'],
  ['outage', 'Is the TalkMore network down again? No signal in Leeds since 9am', 'network down'],
  ['outage', 'The app keeps crashing every time I open my basket', 'app keeps crashing'],
  ['outage', "site's been giving me a 503 error all morning, can't even check out", '503 error'],
  [
    'product_quality',
    'Bought a kettle from you two weeks ago and it already stopped working',
    'stopped working',
  ],
  ['product_quality', 'The jeans fell apart after one wash. Poor quality for what they cost', 'fell apart'],
  [
    'product_quality',
    'Opened the crisps today and they were completely stale, best before is next year',
    'stale',
  ],
  ['customer_service', 'Been on hold for an hour and then they hung up on me', 'on hold'],
  ['customer_service', 'Nobody answers the chat and the staff in store were so rude', 'nobody answers'],
  [
    'account_access',
    "I can't log in since the update and the password reset email never comes",
    "can't log in",
  ],
  ['account_access', 'Locked out of my account, and your 2FA code never arrives', 'locked out'],
  [
    'account_access',
    'my account was suspended for no reason and no one will say why',
    'account was suspended',
  ],
  ['pricing', 'Another price hike? £5 more a month for exactly the same thing', 'price hike'],
  ['pricing', 'Hidden fees at the end took it from 40 to 62. Total ripoff', 'hidden fees'],
  [
    'safety_legal',
    'My son had an allergic reaction to the cereal even though the box says nut free',
    'allergic reaction',
  ],
  ['safety_legal', 'Your charger caught fire on my desk last night', 'caught fire'],
  ['safety_legal', 'This is the last email before my lawyer takes over', 'lawyer'],
  ['safety_legal', 'the manager made racist comments to my husband at the till', 'racist'],
];

describe('detectCategory', () => {
  it.each(cases)('%s: %s', (category, text, evidence) => {
    expect(sut(text)).toEqual({ category, evidence });
  });

  it("says 'other', with no evidence, when nothing names a topic", () => {
    expect(sut('The new menu is great, loved the burger')).toEqual({ category: 'other', evidence: null });
    expect(sut('Does anyone know what time the Leeds store opens?')).toEqual({
      category: 'other',
      evidence: null,
    });
    expect(sut('')).toEqual({ category: 'other', evidence: null });
  });

  it('picks the category with the most and most specific cues', () => {
    const text = 'The courier was rude, the parcel is still missing and tracking has not moved in a week';
    expect(sut(text)).toEqual({ category: 'delivery', evidence: 'courier' });
  });

  it('breaks a tie towards safety & legal, which must escalate', () => {
    expect(sut('the heater caught fire and you still charged me twice for it')).toEqual({
      category: 'safety_legal',
      evidence: 'caught fire',
    });
  });

  it('breaks other ties towards the specific topic over customer service', () => {
    expect(sut('on hold for 2 hours about my refund')).toEqual({ category: 'billing', evidence: 'refund' });
  });

  it('reads an app crash as an outage, not a safety problem', () => {
    expect(sut('the app crashed again, the support team was lovely though').category).toBe('outage');
  });

  it('ignores negated safety and legal cues', () => {
    expect(sut("I'm not going to sue, I just want my money back")).toEqual({
      category: 'billing',
      evidence: 'money back',
    });
    expect(sut('it got hot but no fire, the battery just stopped working')).toEqual({
      category: 'product_quality',
      evidence: 'stopped working',
    });
  });

  it('does not take slang for a fire', () => {
    expect(sut('this deal is fire 🔥')).toEqual({ category: 'other', evidence: null });
  });

  it('is not fooled by case, accents, curly quotes or spacing', () => {
    expect(sut('CAN’T   LOG IN!!!')).toEqual({ category: 'account_access', evidence: "can't log in" });
    expect(sut('Remboursement? No, I want a RÉFUND')).toEqual({ category: 'billing', evidence: 'refund' });
  });

  it('does not find cues inside other words', () => {
    expect(sut('what a pursuit, the tissue issue is solved').category).toBe('other');
    expect(sut('refundable tickets are a great idea').category).toBe('other');
  });
});
