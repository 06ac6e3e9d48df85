import { describeFeature, quoted } from './features/describe';
import { FeatureSet } from './features/extract';
import { showOf } from './features/feature-set';

/** At most this many reasons come from the model; flag and category evidence follow them. */
const MODEL_REASONS = 4;
/** Contributions smaller than this (in log-odds) do not explain anything worth reading. */
const MIN_CONTRIBUTION = 0.15;
/** Candidates for the reasons: a few more than shown, as some say nothing or repeat another. */
const TOP = 10;
const topIndex = new Int32Array(TOP);
const topValue = new Float64Array(TOP);

/** Reasons with their quoted words, so a second one saying the same thing can be recognised. */
export class Reasons {
  readonly list: string[] = [];
  private readonly quotes: (string | null)[] = [];

  /** Adds a reason unless one already quotes the same or overlapping words ("'worst'" within "'worst service'"). */
  add(reason: string): boolean {
    const q = quotedOrEmoji(reason);
    if (this.find(reason, q) >= 0) return false;
    this.list.push(reason);
    this.quotes.push(q);
    return true;
  }

  /** A rule's evidence replaces a model reason quoting the same words ("'hasn't'" → "'hasn't replied' (customer service)"). */
  merge(evidence: string): void {
    const q = quotedOrEmoji(evidence);
    const i = this.find(evidence, q);
    if (i < 0) {
      this.list.push(evidence);
      this.quotes.push(q);
    } else {
      this.list[i] = evidence;
      this.quotes[i] = q;
    }
  }

  private find(reason: string, q: string | null): number {
    for (let i = 0; i < this.list.length; i++) {
      const other = this.quotes[i];
      if (this.list[i] === reason) return i;
      if (q !== null && other !== null && (other.includes(q) || q.includes(other))) return i;
    }
    return -1;
  }
}

/** The quoted words, or a bare emoji reason itself ("😡" and "angry or fed-up emoji ('😡')" say the same). */
function quotedOrEmoji(reason: string): string | null {
  return quoted(reason) ?? (reason.charCodeAt(0) > 0x7f ? reason : null);
}

/**
 * The strongest contributions towards the decision taken: for an angry post what pushed it over,
 * for a calm one what held it back (so a manager can see why a post was not flagged).
 */
export function explain(f: FeatureSet, contributions: Float64Array, angry: boolean): Reasons {
  shareOutPhraseCount(f, contributions);
  const sign = angry ? 1 : -1;
  let m = strongest(f, contributions, sign, MIN_CONTRIBUTION);
  // A flagged post always gets a reason, even when its score is spread thin over many features.
  if (m === 0 && angry) m = strongest(f, contributions, sign, 1e-6);
  const reasons = new Reasons();
  for (let k = 0; k < m && reasons.list.length < MODEL_REASONS; k++) {
    const reason = describeFeature(f.kinds[topIndex[k]], showOf(f, topIndex[k]));
    if (reason) reasons.add(reason);
  }
  return reasons;
}

/**
 * Fills topIndex/topValue with the largest contributions (times `sign`) of at least `min`, by
 * insertion into a short sorted list (no sort of every feature); returns how many.
 */
function strongest(f: FeatureSet, contributions: Float64Array, sign: number, min: number): number {
  let m = 0;
  for (let i = 0; i < f.n; i++) {
    const c = sign * contributions[i];
    const kind = f.kinds[i];
    if (c < min || kind === 'quiet' || kind === 'cue' || (m === TOP && c <= topValue[TOP - 1])) continue;
    let j = m < TOP ? m++ : TOP - 1;
    for (; j > 0 && topValue[j - 1] < c; j--) {
      topValue[j] = topValue[j - 1];
      topIndex[j] = topIndex[j - 1];
    }
    topValue[j] = c;
    topIndex[j] = i;
  }
  return m;
}

/**
 * "3 complaint phrases" says less than the phrases themselves: the shared phrase-count weight is
 * credited to the phrases found, in equal parts (explanation only; the score is already computed).
 */
function shareOutPhraseCount(f: FeatureSet, contributions: Float64Array): void {
  let count = -1;
  let phrases = 0;
  for (let i = 0; i < f.n; i++) {
    if (f.kinds[i] === 'phrase') phrases++;
    else if (f.kinds[i] === 'phrases') count = i;
  }
  if (count < 0 || phrases === 0) return;
  const share = contributions[count] / phrases;
  for (let i = 0; i < f.n; i++) if (f.kinds[i] === 'phrase') contributions[i] += share;
  contributions[count] = 0;
}
