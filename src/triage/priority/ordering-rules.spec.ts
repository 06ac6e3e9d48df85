import { ClassificationFlags, noFlags } from '../../classifier/classifier.types';
import { prioritySchema } from '../triage.config';
import { PriorityInput, PriorityPolicy } from './priority-policy';

/**
 * The order a care lead would agree with, as pairs: for each, which case comes first. Written as
 * cases a team meets, with the default weights (config/default.yaml), so a change of weights that
 * breaks one of these rules fails here, whatever the numbers.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const policy = new PriorityPolicy(prioritySchema.parse({}));

interface Case extends PriorityInput {
  name: string;
}

function kase(
  name: string,
  c: Partial<Omit<PriorityInput, 'flags'>> & { flags?: Partial<ClassificationFlags> },
): Case {
  return {
    name,
    score: 0.8,
    intensity: 'medium',
    reach: null,
    waitedMs: 0,
    slaTargetMs: HOUR,
    repeatCount: 0,
    category: 'product_quality',
    ...c,
    flags: { ...noFlags(), ...c.flags },
  };
}

const kettleFire = kase('fresh: "kettle exploded… burned my hand… my lawyer will hear about it"', {
  score: 0.97,
  intensity: 'high',
  category: 'safety_legal',
  flags: { safetyRisk: true, legalThreat: true },
});
const oldPraise = kase('three-week-old praise the model flagged ("Shout-out to Acme…")', {
  score: 0.56,
  intensity: 'low',
  waitedMs: 21 * DAY,
});
const oldPraiseNotAngry = kase('three-week-old praise, opened by hand (not angry)', {
  score: 0.2,
  intensity: 'low',
  waitedMs: 21 * DAY,
});
const freshComplaint = kase('fresh calm complaint ("my order never came")', {
  score: 0.6,
  intensity: 'low',
  category: 'delivery',
});
const oldBacklog = kase('day-old unanswered complaint, nothing risky', {
  score: 0.9,
  intensity: 'high',
  waitedMs: DAY,
  repeatCount: 3,
});
const freshLegal = kase('fresh legal threat, calm wording', {
  score: 0.55,
  intensity: 'low',
  flags: { legalThreat: true },
});
const freshSafety = kase('fresh safety report', { score: 0.7, flags: { safetyRisk: true } });
const bigAngry = kase('fresh angry post from an author with 250,000 followers', {
  score: 0.75,
  reach: 250_000,
});
const pressCalm = kase('journalist asking for comment, annoyed', {
  score: 0.6,
  flags: { pressOrInfluencer: true },
});
const smallAudience = kase('the same angry post from an author with 300 followers', {
  score: 0.75,
  reach: 300,
});
const equalOlder = kase('angry complaint waiting 2 h', { waitedMs: 2 * HOUR });
const equalNewer = kase('the same complaint waiting 10 min', { waitedMs: 10 * MINUTE });
const repeatCase = kase('third time the same problem', { repeatCount: 2 });
const firstTime = kase('first time', { repeatCount: 0 });
const highIntensity = kase('ALL CAPS, furious', { intensity: 'high' });
const lowIntensity = kase('the same, said calmly', { intensity: 'low' });
const stakes = kase('wedding dress lost', { flags: { personalStakes: ['wedding'] } });
const churn = kase('"cancelling my subscription today"', { flags: { churnThreat: true } });
const nothing = kase('the same complaint without either', {});

const RULES: [string, Case, Case][] = [
  ['a fresh safety and legal case goes above three-week-old praise', kettleFire, oldPraise],
  ['a fresh safety and legal case goes above old low-risk backlog', kettleFire, oldBacklog],
  ['a calm legal threat goes above the angriest old backlog', freshLegal, oldBacklog],
  ['a safety report goes above a large-audience angry post', freshSafety, bigAngry],
  ['a high-reach angry post goes above old low-risk backlog', bigAngry, oldBacklog],
  ['press goes above old low-risk backlog', pressCalm, oldBacklog],
  ['a large audience goes above the same post from a small one', bigAngry, smallAudience],
  [
    'a complaint goes above praise opened by hand, however long the praise waited',
    freshComplaint,
    oldPraiseNotAngry,
  ],
  ['among equals, the one waiting longer goes first', equalOlder, equalNewer],
  ['a repeat of the same problem goes above a first time', repeatCase, firstTime],
  ['furious goes above calm, all else equal', highIntensity, lowIntensity],
  ['personal stakes go above the same complaint without', stakes, nothing],
  ['a churn threat goes above the same complaint without', churn, nothing],
  ['safety and legal together go above either alone', kettleFire, freshSafety],
];

describe('priority: the order a care lead agrees with', () => {
  it.each(RULES.map(([rule, first, second]) => [rule, first, second] as const))(
    '%s',
    (_rule, first, second) => {
      const a = policy.compute(first);
      const b = policy.compute(second);
      expect(a.value).toBeGreaterThan(b.value);
    },
  );

  it('no amount of waiting lifts a case into a higher band', () => {
    const forever = kase('plain complaint, waiting a month', {
      score: 1,
      intensity: 'high',
      waitedMs: 30 * DAY,
      repeatCount: 5,
      flags: { churnThreat: true, personalStakes: ['funeral'] },
    });
    const calmLegal = kase('calm legal threat, just in', {
      score: 0.1,
      intensity: 'low',
      flags: { legalThreat: true },
    });
    expect(policy.compute(calmLegal).value).toBeGreaterThan(policy.compute(forever).value);
    expect(policy.band(forever)).toBe(1);
    expect(policy.band(calmLegal)).toBe(3);
  });

  it('puts praise that is not angry in the lowest band, below every complaint', () => {
    expect(policy.band(oldPraiseNotAngry)).toBe(0);
    expect(policy.compute(oldPraiseNotAngry).value).toBeLessThan(policy.compute(freshComplaint).value);
  });
});
