import type { ClassificationFlags } from '../classifier.types';
import { detectFlags } from './flags';

/** Flags and evidence (harm has tests of its own below). */
const sut = (text: string) => {
  const { flags, evidence } = detectFlags(text);
  return { flags, evidence };
};

const none: ClassificationFlags = {
  legalThreat: false,
  safetyRisk: false,
  churnThreat: false,
  pressOrInfluencer: false,
  personalStakes: [],
};
const flags = (set: Partial<ClassificationFlags>): ClassificationFlags => ({ ...none, ...set });

describe('detectFlags', () => {
  it('finds nothing in an ordinary post', () => {
    expect(sut('Loved the new menu, the staff at the Leeds branch were great')).toEqual({
      flags: none,
      evidence: [],
    });
    expect(sut('')).toEqual({ flags: none, evidence: [] });
  });

  describe('legal threat', () => {
    it.each([
      ['My lawyer will be in touch.', "'lawyer' (legal threat)"],
      ['I will SUE you for every penny', "'sue' (legal threat)"],
      ['see you in small claims court', "'small claims court' (legal threat)"],
      ["I'm reporting you to trading standards", "'reporting you to trading standards' (legal threat)"],
      ['Taking this to the ombudsman next', "'taking this to the ombudsman' (legal threat)"],
    ])('%s', (text, evidence) => {
      expect(sut(text)).toEqual({ flags: flags({ legalThreat: true }), evidence: [evidence] });
    });

    it('still surfaces a negated legal cue, marked as negated (veiled threats are worded that way)', () => {
      expect(sut("I'm not going to sue, I just want my money back")).toEqual({
        flags: flags({ legalThreat: true }),
        evidence: ["'sue' (legal threat, negated)"],
      });
    });

    it('does not hear "sue" inside other words, nor a chargeback', () => {
      expect(sut('There is an issue with my order, I will pursue it with a chargeback')).toEqual({
        flags: none,
        evidence: [],
      });
    });
  });

  describe('safety risk', () => {
    it.each([
      ['The charger caught fire on my desk', "'caught fire' (safety risk)"],
      ['battery exploded in my hand', "'exploded' (safety risk)"],
      [
        'my daughter had an allergic reaction to your "nut free" bar',
        "'allergic reaction' (someone hurt: safety risk)",
      ],
      ['whole family got food poisoning from the chicken', "'food poisoning' (someone hurt: safety risk)"],
      ['there was smoke coming out of the toaster', "'smoke' (safety risk)"],
    ])('%s', (text, evidence) => {
      expect(sut(text)).toEqual({ flags: flags({ safetyRisk: true }), evidence: [evidence] });
    });

    it.each([
      'this deal is fire 🔥',
      "the app crashed again, I've lost my whole basket",
      'it got really hot but no fire, thankfully',
      'nobody got hurt but the shelf collapsed',
      'the Fire Stick remote stopped working',
    ])('does not flag: %s', (text) => {
      expect(sut(text).flags.safetyRisk).toBe(false);
    });
  });

  describe('churn threat', () => {
    it.each([
      ["I'm cancelling my subscription today", "'cancelling my subscription' (churn threat)"],
      ['Switching to @RivalMobile as soon as my contract ends', "'switching to @rivalmobile' (churn threat)"],
      ['never ordering from you again', "'never ordering from you again' (churn threat)"],
      ['honestly done with you', "'done with you' (churn threat)"],
      ['I have cancelled my membership', "'cancelled my membership' (churn threat)"],
    ])('%s', (text, evidence) => {
      expect(sut(text)).toEqual({ flags: flags({ churnThreat: true }), evidence: [evidence] });
    });

    it.each([
      'they cancelled my flight with two hours notice',
      'you cancelled my subscription without asking me',
      "I'm not cancelling my account, I just want this fixed",
      'can I cancel my order before it ships?',
      'switching to dark mode broke the layout',
    ])('does not flag: %s', (text) => {
      expect(sut(text).flags.churnThreat).toBe(false);
    });
  });

  describe('press or influencer', () => {
    it.each([
      ["I'm a journalist and I'd like a comment on this", "'journalist' (press or influencer)"],
      ['writing a story about your refunds for the paper', "'writing a story about' (press or influencer)"],
      ['my 40k followers will hear about this', "'40k followers' (press or influencer)"],
      ['contacting the BBC about this', "'contacting the bbc' (press or influencer)"],
      ['let us make this go viral', "'make this go viral' (press or influencer)"],
    ])('%s', (text, evidence) => {
      expect(sut(text)).toEqual({ flags: flags({ pressOrInfluencer: true }), evidence: [evidence] });
    });

    it.each([
      "I'm not a journalist, just a customer",
      'going to write a review on your site',
      'my channel list disappeared after the update',
    ])('does not flag: %s', (text) => {
      expect(sut(text).flags.pressOrInfluencer).toBe(false);
    });
  });

  describe('personal stakes', () => {
    it('lists each stake once, in a stable order, whatever the order in the text', () => {
      const text = "lost all my photos of my baby's first birthday. My baby! The birthday party photos!";
      expect(sut(text)).toEqual({
        flags: flags({ personalStakes: ['baby', 'lost photos', 'birthday'] }),
        evidence: [
          "'baby' (personal stakes)",
          "'lost photos' (personal stakes)",
          "'birthday' (personal stakes)",
        ],
      });
    });

    it.each([
      ['the dress for my WEDDING arrived ripped', ['wedding']],
      ["flowers for my dad's funeral never came", ['funeral']],
      ['my sick child needs this prescription today', ['sick child', 'medication']],
      ["I'm 8 months pregnant and stuck on the platform", ['pregnant']],
      ['my elderly mum has had no heating for three days', ['elderly parent']],
      ['the Christmas presents for the kids are lost somewhere', ['holiday gift']],
      ['the train made me miss my job interview', ['job interview']],
      ['internet dropped during my exam', ['exam']],
      ["I'm a wheelchair user and the lift is broken again", ['disability']],
      ['van never turned up on moving day', ['moving house']],
      ['honeymoon flight cancelled', ['honeymoon']],
    ])('%s', (text, stakes) => {
      expect(sut(text).flags.personalStakes).toEqual(stakes);
    });

    it('does not take an eye exam or a dead phone for stakes', () => {
      expect(sut('booked an eye exam, then my phone died').flags.personalStakes).toEqual([]);
    });
  });

  it('lets cues overlap without hiding each other', () => {
    expect(sut('the heater burned my baby and I am calling my lawyer')).toEqual({
      flags: flags({ legalThreat: true, safetyRisk: true, personalStakes: ['baby'] }),
      evidence: [
        "'burned my' (someone hurt: safety risk)",
        "'lawyer' (legal threat)",
        "'baby' (personal stakes)",
      ],
    });
  });

  it('is not fooled by case, accents or curly quotes', () => {
    expect(sut('I’M CANCELLING MY SUBSCRIPTION. Mon avocat (my LAWYÉR) will call').flags).toEqual(
      flags({ legalThreat: true, churnThreat: true }),
    );
  });

  describe('harm to a person (raises safety and sets intensity high)', () => {
    it.each([
      ['My Acme kettle exploded and burned my hand', "'burned my' (someone hurt: safety risk)"],
      ['the toaster scalded my son', "'scalded my' (someone hurt: safety risk)"],
      ['my husband got an electric shock from the lamp', "'electric shock' (someone hurt: safety risk)"],
      ['he ended up in hospital after eating it', "'hospital' (someone hurt: safety risk)"],
    ])('%s', (text, evidence) => {
      const found = detectFlags(text);
      expect(found.harm).toBe(true);
      expect(found.flags.safetyRisk).toBe(true);
      expect(found.evidence).toContain(evidence);
    });

    it.each([
      'the charger caught fire on my desk',
      'this deal is fire 🔥',
      'I was not injured, thankfully',
      'my heart burns for this new album',
    ])('no harm in: %s', (text) => {
      expect(detectFlags(text).harm).toBe(false);
    });
  });

  describe('churn: cancelling, closing, chargebacks, switching', () => {
    it.each([
      ['Cancelling my Acme subscription today', "'cancelling my acme subscription' (churn threat)"],
      ['closing my Acme bank account tomorrow', "'closing my acme bank account' (churn threat)"],
      ['Filing a chargeback tomorrow', "'filing a chargeback' (churn threat)"],
      ['I will dispute the charge with my bank', "'dispute the charge with my bank' (churn threat)"],
      ['switching away from @acme after this', "'switching away from @acme' (churn threat)"],
    ])('%s', (text, evidence) => {
      const found = detectFlags(text);
      expect(found.flags.churnThreat).toBe(true);
      expect(found.evidence).toContain(evidence);
    });

    it.each([
      'they cancelled my subscription without asking',
      'how do I cancel my order?',
      'no chargeback needed, they refunded me',
    ])('not churn: %s', (text) => {
      expect(detectFlags(text).flags.churnThreat).toBe(false);
    });
  });
});
