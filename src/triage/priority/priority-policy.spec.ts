import { ClassificationFlags, noFlags } from '../../classifier/classifier.types';
import { prioritySchema } from '../triage.config';
import { minutes, Priority, PriorityFactor, PriorityInput, PriorityPolicy } from './priority-policy';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A case worth nothing: no anger, low intensity, unknown reach, responded, first complaint, no cues. */
function input(overrides: Partial<PriorityInput> = {}): PriorityInput {
  return {
    score: 0,
    intensity: 'low',
    reach: null,
    waitedMs: null,
    slaTargetMs: HOUR,
    repeatCount: 0,
    category: 'delivery',
    flags: noFlags(),
    ...overrides,
  };
}

function flags(overrides: Partial<ClassificationFlags>): ClassificationFlags {
  return { ...noFlags(), ...overrides };
}

function policy(settings: unknown = {}): PriorityPolicy {
  return new PriorityPolicy(prioritySchema.parse(settings));
}

function factor(priority: Priority, name: PriorityFactor['factor']): PriorityFactor | undefined {
  return priority.factors.find((f) => f.factor === name);
}

function pointsOf(priority: Priority, name: PriorityFactor['factor']): number | undefined {
  return factor(priority, name)?.points;
}

/** The factors inside the band (the band factor itself left out). */
function inBand(priority: Priority): PriorityFactor[] {
  return priority.factors.filter((f) => f.factor !== 'band');
}

/** Points one band is worth with the default weights. */
const BAND = 200;

describe('PriorityPolicy', () => {
  const sut = policy();

  it('gives nothing to a case with no anger, no reach, no waiting and no cues', () => {
    expect(sut.compute(input())).toEqual({ value: 0, factors: [], settled: true });
  });

  describe('anger', () => {
    it.each([
      [1, 30],
      [0.5, 15],
      [0.77, 23.1],
    ])('score %p is worth %p points (30 × score)', (score, points) => {
      const priority = sut.compute(input({ score }));
      expect(inBand(priority)).toEqual([{ factor: 'anger', points, why: `anger score ${score.toFixed(2)}` }]);
      // An angry post (score ≥ 0.5) is in the complaint band.
      expect(factor(priority, 'band')).toEqual({ factor: 'band', points: BAND, why: 'complaint' });
      expect(priority.value).toBe(BAND + points);
    });

    it('clamps the score to 0..1', () => {
      expect(pointsOf(sut.compute(input({ score: 1.7 })), 'anger')).toBe(30);
      expect(factor(sut.compute(input({ score: 1.7 })), 'anger')?.why).toBe('anger score 1.00');
      expect(factor(sut.compute(input({ score: -0.4 })), 'anger')).toBeUndefined();
      expect(factor(sut.compute(input({ score: Number.NaN })), 'anger')).toBeUndefined();
    });
  });

  describe('intensity', () => {
    it.each([
      ['medium', 5],
      ['high', 10],
    ] as const)('%s intensity is worth %p points', (intensity, points) => {
      expect(sut.compute(input({ intensity })).factors).toEqual([
        { factor: 'intensity', points, why: `${intensity} intensity` },
      ]);
    });

    it('low intensity is worth nothing and is left out', () => {
      expect(factor(sut.compute(input({ intensity: 'low', score: 0.5 })), 'intensity')).toBeUndefined();
    });
  });

  describe('reach (log scale, full at 100,000 followers)', () => {
    it.each([null, 0])('gives no factor for reach %p', (reach) => {
      expect(factor(sut.compute(input({ reach })), 'reach')).toBeUndefined();
    });

    it('gives the full 15 points at 100,000 followers and no more beyond', () => {
      const priority = sut.compute(input({ reach: 100_000 }));
      expect(priority.factors).toEqual([{ factor: 'reach', points: 15, why: 'reach 100,000 followers' }]);
      expect(pointsOf(sut.compute(input({ reach: 5_000_000 })), 'reach')).toBe(15);
    });

    it('gives 15 × log10(1001) / log10(100001) points at 1,000 followers', () => {
      const expected = Math.round(((15 * Math.log10(1001)) / Math.log10(100_001)) * 10) / 10;
      expect(expected).toBe(9);
      const priority = sut.compute(input({ reach: 1_000 }));
      expect(priority.factors).toEqual([{ factor: 'reach', points: expected, why: 'reach 1,000 followers' }]);
    });

    it('rises with reach but ever more slowly', () => {
      const at = (reach: number) => pointsOf(sut.compute(input({ reach })), 'reach') ?? 0;
      expect(at(10)).toBe(3.1);
      expect(at(100)).toBe(6);
      expect(at(10_000)).toBe(12);
    });
  });

  describe('waiting for a first response', () => {
    it('gives 2.5 points at half the target', () => {
      const priority = sut.compute(input({ waitedMs: 30 * MINUTE, slaTargetMs: HOUR }));
      expect(priority.factors).toEqual([
        { factor: 'waiting', points: 2.5, why: 'waited 30 min of a 1 h first-response target' },
      ]);
      expect(priority.settled).toBe(false);
    });

    it('gives 5 points at exactly the target, still described as within it', () => {
      const priority = sut.compute(input({ waitedMs: HOUR, slaTargetMs: HOUR }));
      expect(factor(priority, 'waiting')).toEqual({
        factor: 'waiting',
        points: 5,
        why: 'waited 1 h of a 1 h first-response target',
      });
    });

    it('keeps climbing past the target', () => {
      const priority = sut.compute(input({ waitedMs: 75 * MINUTE, slaTargetMs: HOUR }));
      expect(factor(priority, 'waiting')).toEqual({
        factor: 'waiting',
        points: 6.3,
        why: '15 min past a 1 h first-response target',
      });
      expect(priority.settled).toBe(false);
      expect(pointsOf(sut.compute(input({ waitedMs: 2 * HOUR, slaTargetMs: HOUR })), 'waiting')).toBe(10);
    });

    it('stops at waitingCap targets (15 points by default) and is then settled', () => {
      const justBefore = sut.compute(input({ waitedMs: 3 * HOUR - MINUTE, slaTargetMs: HOUR }));
      expect(pointsOf(justBefore, 'waiting')).toBe(14.9);
      expect(justBefore.settled).toBe(false);

      const atCap = sut.compute(input({ waitedMs: 3 * HOUR, slaTargetMs: HOUR }));
      expect(pointsOf(atCap, 'waiting')).toBe(15);
      expect(atCap.settled).toBe(true);

      // A settled priority is not recomputed: its words must not give a figure that goes stale.
      const wayPast = sut.compute(input({ waitedMs: 2 * DAY + 5 * HOUR, slaTargetMs: HOUR }));
      expect(factor(wayPast, 'waiting')).toEqual({
        factor: 'waiting',
        points: 15,
        why: 'waited 3 times the 1 h first-response target or more (waiting counts no further)',
      });
      expect(wayPast.settled).toBe(true);
    });

    it('is settled with no waiting factor once responded (waitedMs null)', () => {
      const priority = sut.compute(input({ score: 1, waitedMs: null, slaTargetMs: HOUR }));
      expect(factor(priority, 'waiting')).toBeUndefined();
      expect(priority.settled).toBe(true);
    });

    it('follows a custom waitingCap', () => {
      const sutCap = policy({ waitingCap: 5 });
      const priority = sutCap.compute(input({ waitedMs: 4 * HOUR, slaTargetMs: HOUR }));
      expect(pointsOf(priority, 'waiting')).toBe(20);
      expect(priority.settled).toBe(false);
      expect(pointsOf(sutCap.compute(input({ waitedMs: 9 * HOUR, slaTargetMs: HOUR })), 'waiting')).toBe(25);
    });
  });

  describe('repeat complaints', () => {
    it.each([
      [1, 4, 'repeat complaint: delivery & shipping came up once before'],
      [2, 8, 'repeat complaint: delivery & shipping came up 2 times before'],
      [3, 12, 'repeat complaint: delivery & shipping came up 3 times before'],
      [5, 12, 'repeat complaint: delivery & shipping came up 5 times before'],
    ])('%p earlier complaint(s) are worth %p points', (repeatCount, points, why) => {
      expect(sut.compute(input({ repeatCount })).factors).toEqual([{ factor: 'repeat', points, why }]);
    });

    it('names the category label', () => {
      expect(factor(sut.compute(input({ repeatCount: 2, category: 'billing' })), 'repeat')?.why).toBe(
        'repeat complaint: billing & refunds came up 2 times before',
      );
    });

    it('gives no factor for a first complaint', () => {
      expect(factor(sut.compute(input({ repeatCount: 0 })), 'repeat')).toBeUndefined();
    });
  });

  describe('cues', () => {
    it.each([
      [{ legalThreat: true }, { factor: 'legal', points: 15, why: 'legal threat' }],
      [{ safetyRisk: true }, { factor: 'safety', points: 20, why: 'safety risk' }],
      [{ churnThreat: true }, { factor: 'churn', points: 8, why: 'threatens to leave' }],
      [
        { pressOrInfluencer: true },
        { factor: 'press', points: 10, why: 'press, influencer or going public' },
      ],
      [{ personalStakes: ['wedding'] }, { factor: 'stakes', points: 8, why: 'personal stakes: wedding' }],
      [
        { personalStakes: ['wedding', 'lost photos'] },
        { factor: 'stakes', points: 8, why: 'personal stakes: wedding, lost photos' },
      ],
    ])('%p gives %p', (flagOverrides, expected) => {
      expect(inBand(sut.compute(input({ flags: flags(flagOverrides) })))).toEqual([expected]);
    });

    it('a safety risk or a legal threat puts the case in the harm band, whatever its anger score', () => {
      for (const cue of [{ legalThreat: true }, { safetyRisk: true }]) {
        expect(factor(sut.compute(input({ flags: flags(cue) })), 'band')).toEqual({
          factor: 'band',
          points: 3 * BAND,
          why: 'safety risk or legal threat: ahead of everything else',
        });
      }
    });
  });

  describe('the total', () => {
    it('sums every factor, largest first, leaving out the ones worth nothing', () => {
      const priority = sut.compute(
        input({
          score: 0.8,
          intensity: 'medium',
          reach: 1_000,
          waitedMs: 90 * MINUTE,
          slaTargetMs: HOUR,
          repeatCount: 1,
          flags: flags({ safetyRisk: true, churnThreat: true }),
        }),
      );
      expect(priority.factors.map((f) => [f.factor, f.points])).toEqual([
        ['band', 3 * BAND],
        ['anger', 24],
        ['safety', 20],
        ['reach', 9],
        ['churn', 8],
        ['waiting', 7.5],
        ['intensity', 5],
        ['repeat', 4],
      ]);
      expect(priority.value).toBe(3 * BAND + 77.5);
      expect(priority.settled).toBe(false);
    });

    it('rounds the value to one decimal', () => {
      // anger 30 × 0.333 = 9.99 → 10.0; reach 15 × log10(11)/log10(100001) = 3.12 → 3.1
      const priority = sut.compute(input({ score: 0.333, reach: 10 }));
      expect(priority.factors.map((f) => f.points)).toEqual([10, 3.1]);
      expect(priority.value).toBe(13.1);
    });

    it('keeps every cue at once', () => {
      const priority = sut.compute(
        input({
          flags: flags({
            legalThreat: true,
            safetyRisk: true,
            churnThreat: true,
            pressOrInfluencer: true,
            personalStakes: ['sick child'],
          }),
        }),
      );
      expect(priority.factors.map((f) => f.factor)).toEqual([
        'band',
        'safety',
        'legal',
        'press',
        'churn',
        'stakes',
      ]);
      expect(priority.value).toBe(3 * BAND + 61);
    });
  });

  describe('weights from config', () => {
    it('uses custom weights instead of the defaults', () => {
      const sutCustom = policy({ weights: { anger: 100, legal: 0, waiting: 5 } });
      const priority = sutCustom.compute(
        input({ score: 0.5, waitedMs: 2 * HOUR, slaTargetMs: HOUR, flags: flags({ legalThreat: true }) }),
      );
      // A weight of 0 removes the points, not the band: a legal threat still comes first.
      expect(priority.factors.map((f) => [f.factor, f.points])).toEqual([
        ['band', 3 * BAND],
        ['anger', 50],
        ['waiting', 10],
      ]);
      expect(priority.value).toBe(3 * BAND + 60);
      // The same case under the defaults: anger 15, waiting 10, legal 15.
      expect(
        sut.compute(input({ score: 0.5, waitedMs: 2 * HOUR, flags: flags({ legalThreat: true }) })).value,
      ).toBe(3 * BAND + 40);
    });

    it('makes a band worth more than everything inside one can add up to', () => {
      expect(policy().bandStep).toBe(BAND);
      // Heavier weights, a wider band: 9 × 100 + 100 × 3 waiting = 1,200 points inside a band at most.
      const heavy = policy({
        weights: {
          anger: 100,
          intensity: 100,
          reach: 100,
          repeat: 100,
          legal: 100,
          safety: 100,
          churn: 100,
          press: 100,
          stakes: 100,
          waiting: 100,
        },
      });
      expect(heavy.bandStep).toBe(1300);
    });

    it('uses a custom reachForFull', () => {
      const sutReach = policy({ reachForFull: 1_000 });
      expect(pointsOf(sutReach.compute(input({ reach: 1_000 })), 'reach')).toBe(15);
    });
  });

  it('lets waiting break ties among near-equals, never outweigh a much angrier case', () => {
    const fresh = input({ score: 0.85, intensity: 'medium', waitedMs: 0, slaTargetMs: HOUR });
    const old = (score: number, waitedMs: number) =>
      input({ score, intensity: 'medium', waitedMs, slaTargetMs: HOUR });
    // A little less angry, waiting two hours: it climbs past the fresh one.
    expect(sut.compute(old(0.8, 2 * HOUR)).value).toBeGreaterThan(sut.compute(fresh).value);
    // Far less angry and calm, waiting a week: the cap keeps it below a furious fresh post.
    const furious = input({ score: 0.95, intensity: 'high', waitedMs: 0, slaTargetMs: HOUR });
    const calmOld = input({ score: 0.55, intensity: 'low', waitedMs: 7 * DAY, slaTargetMs: HOUR });
    expect(sut.compute(calmOld).value).toBeLessThan(sut.compute(furious).value);
  });

  it('leaves out a factor that rounds to nothing (five seconds of waiting, a 0.001 score)', () => {
    const sut = new PriorityPolicy(prioritySchema.parse({}));
    expect(sut.compute(input({ waitedMs: 5_000, slaTargetMs: HOUR })).factors).toEqual([]);
    expect(sut.compute(input({ score: 0.001 })).factors).toEqual([]);
  });
});

describe('minutes', () => {
  it.each([
    [0, 'under 1 min'],
    [59_000, 'under 1 min'],
    [45 * MINUTE, '45 min'],
    [59 * MINUTE + 59_999, '59 min'],
    [HOUR, '1 h'],
    [3 * HOUR + 20 * MINUTE, '3 h 20 min'],
    [47 * HOUR + 59 * MINUTE, '47 h 59 min'],
    [2 * DAY, '2 d'],
    [2 * DAY + 4 * HOUR, '2 d 4 h'],
    [2 * DAY + 4 * HOUR + 30 * MINUTE, '2 d 4 h'],
    [10 * DAY, '10 d'],
  ])('formats %p ms as %p', (ms, text) => {
    expect(minutes(ms)).toBe(text);
  });
});
