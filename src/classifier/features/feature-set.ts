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
  /** Praise words beside an eye-roll or a complaint phrase. */
  | 'sarcasm'
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

/** What joins a composite show: none, a space ("late again"), an ellipsis ("nobody … phone"). */
const SEPARATORS = ['', ' ', ' … '];

/** Up to three distinct words, as a reason quotes them: "worst', 'awful" inside quotes. */
export function listShow(words: readonly string[]): string {
  if (words.length === 1) return words[0];
  return [...new Set(words)].slice(0, 3).join("', '");
}

/**
 * A growable FeatureSet; `clear()` empties it without giving its memory back (the hot path reuses one).
 * Shows are built only when read (`showAt`, `shows`, `snapshot`): most are never quoted, and the
 * hot path reads only those of the few strongest features. A show is a plain string, two strings
 * and a separator (a bigram, a negated word), or a list of words (a whole-text feature); the words
 * must not change before the show is read.
 */
export class FeatureBuffer implements FeatureSet {
  n = 0;
  heat = 0;
  hashes = new Uint32Array(64);
  values = new Float64Array(64);
  kinds: FeatureKind[] = new Array<FeatureKind>(64).fill('quiet');
  keys?: string[];
  private heads: string[] = new Array<string>(64).fill('');
  private tails: string[] = new Array<string>(64).fill('');
  private separators = new Uint8Array(64);
  private lists: (readonly string[] | null)[] = new Array<readonly string[] | null>(64).fill(null);

  constructor(withKeys: boolean) {
    if (withKeys) this.keys = [];
  }

  /** The shows of the first `n` features, built now. */
  get shows(): string[] {
    const shows = new Array<string>(this.n);
    for (let i = 0; i < this.n; i++) shows[i] = this.showAt(i);
    return shows;
  }

  /** The text a reason quotes for feature `i`. */
  showAt(i: number): string {
    const list = this.lists[i];
    if (list !== null) return listShow(list);
    const sep = this.separators[i];
    return sep === 0 ? this.heads[i] : this.heads[i] + SEPARATORS[sep] + this.tails[i];
  }

  /** `key` and `keyEnd` make the readable key, concatenated only when keys were asked for. */
  push(kind: FeatureKind, hash: number, value: number, show: string, key: string, keyEnd = ''): void {
    const i = this.append(kind, hash, value, key, keyEnd);
    this.heads[i] = show;
    this.separators[i] = 0;
    this.lists[i] = null;
  }

  /** A feature shown as `head`, a separator (1: space, 2: " … ") and `tail`, joined only when read. */
  pushJoined(
    kind: FeatureKind,
    hash: number,
    head: string,
    separator: 1 | 2,
    tail: string,
    key: string,
    keyEnd: string,
  ): void {
    const i = this.append(kind, hash, 1, key, keyEnd);
    this.heads[i] = head;
    this.tails[i] = tail;
    this.separators[i] = separator;
    this.lists[i] = null;
  }

  /** A feature shown as up to three distinct words of `words` (see `listShow`), listed only when read. */
  pushList(
    kind: FeatureKind,
    hash: number,
    value: number,
    words: readonly string[],
    key: string,
    keyEnd: string,
  ): void {
    const i = this.append(kind, hash, value, key, keyEnd);
    this.lists[i] = words;
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
      shows: this.shows,
      ...(this.keys ? { keys: this.keys.slice(0, this.n) } : {}),
      heat: this.heat,
    };
  }

  private append(kind: FeatureKind, hash: number, value: number, key: string, keyEnd: string): number {
    const i = this.n;
    if (i === this.hashes.length) this.grow();
    this.hashes[i] = hash;
    this.values[i] = value;
    this.kinds[i] = kind;
    if (this.keys) this.keys[i] = key + keyEnd;
    this.n = i + 1;
    return i;
  }

  private grow(): void {
    const size = this.hashes.length * 2;
    const hashes = new Uint32Array(size);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const values = new Float64Array(size);
    values.set(this.values);
    this.values = values;
    const separators = new Uint8Array(size);
    separators.set(this.separators);
    this.separators = separators;
    for (let i = this.kinds.length; i < size; i++) {
      this.kinds.push('quiet');
      this.heads.push('');
      this.tails.push('');
      this.lists.push(null);
    }
  }
}

/** The show of feature `i` of any feature set (a buffer builds it on demand). */
export function showOf(f: FeatureSet, i: number): string {
  return f instanceof FeatureBuffer ? f.showAt(i) : f.shows[i];
}
