import { CATEGORIES, Category, ClassificationFlags, Intensity } from '../../classifier/classifier.types';
import { PrioritySettings } from '../triage.config';

/**
 * What to handle first (the playbook: reach the customer before the anger grows). Risk and harm lead;
 * waiting breaks ties among equals. Every case falls in a band, and a higher band always comes first:
 *
 *   3 harm      a safety risk or a legal threat
 *   2 exposure  an angry post from the press or an author with a large audience (`highReach`)
 *   1 complaint an angry post (score ≥ 0.5)
 *   0 other     not angry (a post opened by hand, praise, a correction)
 *
 * Inside a band, points from the weights in config order the cases: anger, intensity, reach, repeats,
 * the cues, and waiting, which grows until the first response but is worth less than the other factors
 * (5 points per SLA target by default, up to three targets), so an old unanswered post climbs past its
 * equals, never past a case at more risk. The value is `band × bandStep + points`, with the band as a
 * factor of its own, so the number sorts and the factors still add up to it.
 */

export interface PriorityInput {
  /** The strongest anger score in the thread, 0..1. */
  score: number;
  intensity: Intensity;
  /** Followers of the author, when the platform says. */
  reach: number | null;
  /** Working time waited without a first public response; null once responded. */
  waitedMs: number | null;
  slaTargetMs: number;
  /** Earlier cases of this author and brand with the same category. */
  repeatCount: number;
  category: Category;
  flags: ClassificationFlags;
}

export interface PriorityFactor {
  factor:
    | 'band'
    | 'anger'
    | 'intensity'
    | 'reach'
    | 'waiting'
    | 'repeat'
    | 'legal'
    | 'safety'
    | 'churn'
    | 'press'
    | 'stakes';
  points: number;
  why: string;
}

export interface Priority {
  value: number;
  /** Largest first; factors worth nothing are left out. */
  factors: PriorityFactor[];
  /** True when waiting can add no more points (responded, or past the cap): no need to recompute. */
  settled: boolean;
}

export type PriorityBand = 0 | 1 | 2 | 3;

const BAND_WHY: Record<PriorityBand, string> = {
  0: 'not angry',
  1: 'complaint',
  2: 'large audience or press: ahead of other complaints',
  3: 'safety risk or legal threat: ahead of everything else',
};

/** The score at which a post counts as angry (the classifier's calibrated threshold). */
const ANGRY = 0.5;

const INTENSITY_SHARE: Record<Intensity, number> = { low: 0, medium: 0.5, high: 1 };
/** Three earlier complaints of the same kind make the repeat factor full. */
const REPEATS_FOR_FULL = 3;

export class PriorityPolicy {
  /**
   * Points one band is worth: more than everything inside a band can add up to with these weights,
   * so no combination of factors lifts a case past a higher band (200 with the default weights).
   */
  readonly bandStep: number;

  constructor(private readonly settings: PrioritySettings) {
    const w = settings.weights;
    const most =
      w.anger + w.intensity + w.reach + w.repeat + w.legal + w.safety + w.churn + w.press + w.stakes;
    this.bandStep = 100 * Math.ceil((most + w.waiting * settings.waitingCap + 0.1) / 100);
  }

  /** The band a case is in: what decides its place before any points. */
  band(input: Pick<PriorityInput, 'score' | 'reach' | 'flags'>): PriorityBand {
    if (input.flags.safetyRisk || input.flags.legalThreat) return 3;
    const angry = clamp(input.score, 0, 1) >= ANGRY;
    if (angry && (input.flags.pressOrInfluencer || (input.reach ?? 0) >= this.settings.highReach)) return 2;
    return angry ? 1 : 0;
  }

  compute(input: PriorityInput): Priority {
    const w = this.settings.weights;
    const factors: PriorityFactor[] = [];
    const add = (factor: PriorityFactor['factor'], points: number, why: string) => {
      // Rounded first: a factor worth less than 0.05 is worth nothing and is not shown.
      const rounded = round(points);
      if (rounded > 0) factors.push({ factor, points: rounded, why });
    };
    const score = clamp(input.score, 0, 1);
    add('anger', w.anger * score, `anger score ${score.toFixed(2)}`);
    add('intensity', w.intensity * INTENSITY_SHARE[input.intensity], `${input.intensity} intensity`);
    if (input.reach !== null && input.reach > 0) {
      const share = Math.min(1, Math.log10(1 + input.reach) / Math.log10(1 + this.settings.reachForFull));
      add('reach', w.reach * share, `reach ${input.reach.toLocaleString('en-GB')} followers`);
    }
    let settled = true;
    if (input.waitedMs !== null && input.slaTargetMs > 0) {
      const targets = input.waitedMs / input.slaTargetMs;
      settled = targets >= this.settings.waitingCap;
      add(
        'waiting',
        w.waiting * Math.min(targets, this.settings.waitingCap),
        waitingWhy(input.waitedMs, input.slaTargetMs, settled ? this.settings.waitingCap : null),
      );
    }
    if (input.repeatCount > 0) {
      const times = input.repeatCount === 1 ? 'once' : `${input.repeatCount} times`;
      add(
        'repeat',
        (w.repeat * Math.min(input.repeatCount, REPEATS_FOR_FULL)) / REPEATS_FOR_FULL,
        `repeat complaint: ${CATEGORIES[input.category]} came up ${times} before`,
      );
    }
    if (input.flags.legalThreat) add('legal', w.legal, 'legal threat');
    if (input.flags.safetyRisk) add('safety', w.safety, 'safety risk');
    if (input.flags.churnThreat) add('churn', w.churn, 'threatens to leave');
    if (input.flags.pressOrInfluencer) add('press', w.press, 'press, influencer or going public');
    if (input.flags.personalStakes.length > 0)
      add('stakes', w.stakes, `personal stakes: ${input.flags.personalStakes.join(', ')}`);
    factors.sort((a, b) => b.points - a.points);
    const band = this.band(input);
    if (band > 0) factors.unshift({ factor: 'band', points: band * this.bandStep, why: BAND_WHY[band] });
    return { value: round(factors.reduce((sum, f) => sum + f.points, 0)), factors, settled };
  }
}

/**
 * Past the cap the wait is no longer measured (the priority is settled and not recomputed), so the
 * words say "more than" rather than a figure that would go stale beside the live SLA countdown.
 */
function waitingWhy(waitedMs: number, targetMs: number, cap: number | null): string {
  const target = minutes(targetMs);
  if (cap !== null)
    return `waited ${cap === 1 ? 'past' : `${cap} times`} the ${target} first-response target or more (waiting counts no further)`;
  return waitedMs <= targetMs
    ? `waited ${minutes(waitedMs)} of a ${target} first-response target`
    : `${minutes(waitedMs - targetMs)} past a ${target} first-response target`;
}

/** "45 min", "3 h 20 min", "2 d 4 h". */
export function minutes(ms: number): string {
  const total = Math.floor(ms / 60_000);
  if (total < 1) return 'under 1 min';
  if (total < 60) return `${total} min`;
  const hours = Math.floor(total / 60);
  if (hours < 48) return total % 60 === 0 ? `${hours} h` : `${hours} h ${total % 60} min`;
  return hours % 24 === 0 ? `${Math.floor(hours / 24)} d` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

function clamp(x: number, lo: number, hi: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : lo;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
