/** What a feature is, so a reason can be worded for a person. */
export type FeatureKind =
  | 'word'
  | 'negated'
  | 'bigram'
  | 'phrase'
  | 'phrases'
  | 'calmPhrase'
  /** What the rule-based cues found (a complaint topic, an escalation flag): their evidence is shown instead. */
  | 'cue'
  | 'hashtag'
  | 'emoji'
  | 'angryEmoji'
  | 'caps'
  | 'shouting'
  | 'elongated'
  | 'exclamations'
  | 'questions'
  | 'interrobang'
  | 'ellipsis'
  | 'negativeWords'
  | 'strongNegative'
  | 'positiveWords'
  | 'negatedPositive'
  | 'profanity'
  | 'angerWords'
  | 'sadness'
  /** A word or bigram that never reads as a reason ("'the'", "'hold with'"): still a feature. */
  | 'quiet';

/**
 * The features of one text as parallel arrays, no object per feature. Only the first `n` entries
 * count (a reused buffer keeps its capacity). `hashes` are FNV-1a of each feature's key ("w:worst",
 * "p:refund"), `shows` the text a reason quotes, `keys` the keys themselves when asked for (tests).
 */
export interface FeatureSet {
  n: number;
  hashes: ArrayLike<number>;
  values: ArrayLike<number>;
  kinds: readonly FeatureKind[];
  shows: readonly string[];
  keys?: readonly string[];
  /** How many kinds of heat the text shows: capitals, profanity, angry emoji, strongly negative words, "!!". */
  heat: number;
}

/** A growable FeatureSet; `clear()` empties it without giving its memory back (the hot path reuses one). */
export class FeatureBuffer implements FeatureSet {
  n = 0;
  heat = 0;
  hashes = new Uint32Array(64);
  values = new Float64Array(64);
  kinds: FeatureKind[] = new Array<FeatureKind>(64).fill('quiet');
  shows: string[] = new Array<string>(64).fill('');
  keys?: string[];

  constructor(withKeys: boolean) {
    if (withKeys) this.keys = [];
  }

  /** `key` and `keyEnd` make the readable key, concatenated only when keys were asked for. */
  push(kind: FeatureKind, hash: number, value: number, show: string, key: string, keyEnd = ''): void {
    const i = this.n;
    if (i === this.hashes.length) this.grow();
    this.hashes[i] = hash;
    this.values[i] = value;
    this.kinds[i] = kind;
    this.shows[i] = show;
    if (this.keys) this.keys[i] = key + keyEnd;
    this.n = i + 1;
  }

  clear(): void {
    this.n = 0;
    this.heat = 0;
  }

  /** A copy with arrays exactly `n` long. */
  snapshot(): FeatureSet {
    return {
      n: this.n,
      hashes: Array.from(this.hashes.subarray(0, this.n)),
      values: Array.from(this.values.subarray(0, this.n)),
      kinds: this.kinds.slice(0, this.n),
      shows: this.shows.slice(0, this.n),
      ...(this.keys ? { keys: this.keys.slice(0, this.n) } : {}),
      heat: this.heat,
    };
  }

  private grow(): void {
    const size = this.hashes.length * 2;
    const hashes = new Uint32Array(size);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const values = new Float64Array(size);
    values.set(this.values);
    this.values = values;
    for (let i = this.kinds.length; i < size; i++) {
      this.kinds.push('quiet');
      this.shows.push('');
    }
  }
}
