/**
 * Shared machinery of the cue detectors: text normalisation, negation, and compiling a list of
 * patterns into a `CueSet` (one sticky regex with one capturing group per pattern).
 *
 * Speed: in V8 a large alternation costs 5-10 ns per character scanned even when nothing matches,
 * and a post has ~170 characters; too slow for 50,000 posts/s with everything else. So a `CueSet`
 * derives, from the patterns themselves, every literal prefix (up to 3 characters) a match can start
 * with, marks them in a table indexed by three characters, and walks the text once in plain JS: the
 * regex only runs (sticky, at that one position) at word starts whose first three characters can
 * begin a match. The derivation is conservative (a prefix stops where the pattern stops being
 * literal) and a pattern that could start with anything is refused, so the table never hides a match.
 */

import { literalPrefixes, splitAlternatives } from './cue-prefixes';

/** Alphabet of the prefix table: any other character maps to OTHER, the end of the text to END. */
const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 '&-.,@$_#\u00a3\u20ac";
const END = 0;
const OTHER = 63;
/** Table code of every UTF-16 unit (a lookup is cheaper than branching on ranges in the hot loop). */
const CODE = new Uint8Array(0x10000).fill(OTHER);
for (let i = 0; i < ALPHABET.length; i++) CODE[ALPHABET.charCodeAt(i)] = i + 1;
const code = (c: number): number => CODE[c];

/**
 * The class of every three-character key: keys that every cue set treats alike (same bucket in
 * each) share a class, 0 where no set may match. One 512 KB table for all sets, each with a small
 * class → bucket table, rather than a 512 KB key → bucket table per set: they are read at random
 * for every candidate position, and cache misses were a good part of the scan's time.
 */
const CLASS = new Uint16Array(1 << 18);
/** Every cue set, to remap their class tables when a new set splits classes. */
const SETS: CueSet[] = [];
/** Bumped by every new cue set, so a cached prepared text made before it is not reused. */
let generation = 0;

const ACCENTED_RE = /[\u00c0-\u024f\u1e00-\u1eff]|[\u0300-\u036f]/;
const MARKS_RE = /[\u0300-\u036f]/g;
const QUOTES_RE = /[\u2018\u2019\u02bc`\u00b4]/g;
const QUOTE_RE = /[\u2018\u2019\u02bc`\u00b4]/;
const ODD_SPACE_RE = /\s{2}|[^\S ]/;

/** Lower case, no accents, straight apostrophes, single spaces. Evidence is taken from this text. */
export function normaliseCueText(text: string): string {
  let out = text.toLowerCase();
  if (ACCENTED_RE.test(out)) out = out.normalize('NFD').replace(MARKS_RE, '');
  if (QUOTE_RE.test(out)) out = out.replace(QUOTES_RE, "'");
  return ODD_SPACE_RE.test(out) ? out.replace(/\s+/g, ' ') : out;
}

/** True for characters the fast path of `prepareText` cannot leave as they are. */
const isOdd = (c: number, prev: number): boolean =>
  c < 32 ||
  (c === 32 && prev === 32) ||
  c === 0xa0 ||
  c === 0xb4 ||
  (c >= 0xc0 && c < 0x370) ||
  (c >= 0x1e00 && c < 0x1f00) ||
  c === 0x60 ||
  c === 0x2018 ||
  c === 0x2019 ||
  (c >= 0x2000 && c <= 0x200a);

/** A text ready for the cue sets: normalised, with the word starts where some cue set may match. */
export interface PreparedText {
  text: string;
  norm: string;
  /** Candidate positions in `norm`, ascending, and the class of the three-character key at each. */
  starts: number[];
  keys: number[];
  generation: number;
}

let last: PreparedText = { text: '', norm: '', starts: [], keys: [], generation: -1 };

function findStarts(norm: string, starts: number[], keys: number[], fast: boolean): boolean {
  const n = norm.length;
  let prev = 32;
  let inWord = false;
  for (let i = 0; i < n; i++) {
    const c = norm.charCodeAt(i);
    if (c - 97 < 26 && c >= 97) {
      // the common case: a lower-case letter inside a word
      if (inWord) continue;
      inWord = true;
    } else if (c === 32) {
      if (fast && prev === 32) return false;
      prev = 32;
      inWord = false;
      continue;
    } else {
      if (fast && (c > 126 || c < 32 || c === 96) && isOdd(c, prev)) return false;
      prev = c;
      const wasInWord = inWord;
      inWord = (c >= 48 && c <= 57) || c === 95;
      if (wasInWord) continue;
    }
    prev = c;
    const key =
      (code(c) << 12) |
      ((i + 1 < n ? code(norm.charCodeAt(i + 1)) : END) << 6) |
      (i + 2 < n ? code(norm.charCodeAt(i + 2)) : END);
    const cls = CLASS[key];
    if (cls !== 0) {
      starts.push(i);
      keys.push(cls);
    }
  }
  return true;
}

/**
 * Normalises `text` and finds its candidate positions, in one pass when the text is plain. The last
 * result is kept, so the category and flag detectors called on the same post share the work.
 */
export function prepareText(text: string): PreparedText {
  if (text === last.text && last.generation === generation) return last;
  let norm = text.toLowerCase();
  const starts: number[] = [];
  const keys: number[] = [];
  if (!findStarts(norm, starts, keys, true)) {
    norm = normaliseCueText(text);
    starts.length = keys.length = 0;
    findStarts(norm, starts, keys, false);
  }
  last = { text, norm, starts, keys, generation };
  return last;
}

/** Index of the first capturing group that took part in the match. */
function matchedGroup(m: RegExpExecArray): number {
  let g = 1;
  while (m[g] === undefined) g++;
  return g - 1;
}

/** The alternatives that may start with one three-character key, as one sticky regex. */
interface Bucket {
  re: RegExp;
  /** Capturing group (0-based) to pattern index. */
  pattern: number[];
  /** Bit k set when some alternative has a literal prefix of exactly k characters; 0: always run. */
  lengths: number;
}

/**
 * Second filter, before a bucket's regex runs: most candidate positions pass the three-character
 * table only to fail the regex ("to " starts many patterns but few texts say "to take you to
 * court"), and a failing exec of a large alternation costs hundreds of ns. So the literal prefixes
 * of every alternative, up to LONG_PREFIX characters, are hashed into a bit table of the cue set, and
 * a bucket's regex runs only where the text starts with one of them (a match of the bucket starts
 * with a long prefix of one of its alternatives). A hash collision, or a prefix of an alternative
 * of another bucket, only lets a position through; an alternative with too many prefixes makes its
 * buckets always run.
 */
const LONG_PREFIX = 8;
const MAX_LONG_PREFIXES = 512;
const LONG_BITS = 20;
const LONG_MASK = (1 << LONG_BITS) - 1;
const LONG_SEED = 0x811c9dc5;
/** The long-prefix bit table, shared by the cue sets (a prefix of another set only lets a position through). */
const LONG = new Uint8Array(1 << (LONG_BITS - 3));

function longHash(h: number): number {
  return (h ^ (h >>> LONG_BITS)) & LONG_MASK;
}

/**
 * A list of patterns compiled for one pass over a prepared text; each match reports its pattern's
 * index. Each pattern is split into its top-level alternatives, and at a candidate position only the
 * alternatives that can start with its three characters are tried, in their original order.
 */
export class CueSet {
  /** Key class (see `CLASS`) to bucket. */
  private bucketOfClass: Uint16Array;
  private readonly buckets: (Bucket | null)[] = [null];

  /** With `overlapping`, a match of another pattern may start inside the previous match (no cue hides another). */
  constructor(
    sources: string[],
    private readonly overlapping = false,
  ) {
    const alts: { pattern: number; source: string; lengths?: number }[] = [];
    sources.forEach((source, pattern) => {
      if (new RegExp(`${source}|`).exec('')!.length !== 1)
        throw new Error(`cue pattern has a capturing group: ${source}`);
      for (const alt of splitAlternatives(source)) alts.push({ pattern, source: alt });
    });
    // Alternatives by literal prefix; a key (three characters) gets those of its 1-, 2- and 3-character
    // prefixes. Keys sharing a 1- or 2-character prefix are contiguous, so ranges are filled at once.
    const byPrefix = new Map<string, number[]>();
    alts.forEach((alt, a) => {
      for (const { s: p } of literalPrefixes(alt.source)) {
        if (p === '') throw new Error(`cue pattern can start with anything: ${alt.source}`);
        const list = byPrefix.get(p) ?? [];
        if (list[list.length - 1] !== a) list.push(a);
        byPrefix.set(p, list);
      }
    });
    const bucketOf = new Uint16Array(1 << 18);
    const ids = new Map<string, number>();
    const bucketFor = (prefix: string): number => {
      const list = [
        ...new Set(
          [1, 2, 3].flatMap((n) => (n <= prefix.length ? (byPrefix.get(prefix.slice(0, n)) ?? []) : [])),
        ),
      ];
      list.sort((x, y) => x - y);
      const id = list.join(',');
      let b = ids.get(id);
      if (b === undefined) {
        b = this.buckets.length;
        ids.set(id, b);
        const re = new RegExp(`(?:${list.map((a) => `(${alts[a].source})`).join('|')})(?![\\w'])`, 'y');
        this.buckets.push({ re, pattern: list.map((a) => alts[a].pattern), lengths: this.mark(list, alts) });
      }
      return b;
    };
    const prefixes = [...byPrefix.keys()].sort((x, y) => x.length - y.length);
    for (const prefix of prefixes) {
      const codes = [...prefix].map((ch) => {
        const k = code(ch.charCodeAt(0));
        if (k === OTHER) throw new Error(`cue prefix '${prefix}' has a character outside the table`);
        return k;
      });
      const shift = 6 * (3 - codes.length);
      const from = codes.reduce((key, k) => (key << 6) | k, 0) << shift;
      const to = from + (1 << shift);
      bucketOf.fill(bucketFor(prefix), from, to);
    }
    if (this.buckets.length > 0xffff) throw new Error('too many cue buckets');
    this.bucketOfClass = CueSet.splitClasses(bucketOf);
    SETS.push(this);
    generation++;
  }

  /**
   * Splits the key classes so that the keys of each class also share a bucket of the new set
   * (`bucketOf`, by key); remaps the class tables of the existing sets and returns the new set's.
   */
  private static splitClasses(bucketOf: Uint16Array): Uint16Array {
    const ids = new Map<number, number>([[0, 0]]);
    const parent = [0];
    const bucket = [0];
    for (let key = 0; key < CLASS.length; key++) {
      const old = CLASS[key];
      const b = bucketOf[key];
      if (old === 0 && b === 0) continue;
      let c = ids.get(old * 0x10000 + b);
      if (c === undefined) {
        c = parent.length;
        if (c > 0xffff) throw new Error('too many cue key classes');
        ids.set(old * 0x10000 + b, c);
        parent.push(old);
        bucket.push(b);
      }
      CLASS[key] = c;
    }
    for (const set of SETS) {
      const remapped = new Uint16Array(parent.length);
      for (let c = 1; c < parent.length; c++) remapped[c] = set.bucketOfClass[parent[c]];
      set.bucketOfClass = remapped;
    }
    return Uint16Array.from(bucket);
  }

  /**
   * Marks the long prefixes of each alternative in `list` in the bit table (once per alternative);
   * returns their lengths as bits (0: some alternative has too many, so the bucket always runs).
   */
  private mark(list: number[], alts: { source: string; lengths?: number }[]): number {
    let lengths = 0;
    for (const a of list) {
      const alt = alts[a];
      if (alt.lengths === undefined) {
        const prefixes = literalPrefixes(alt.source, LONG_PREFIX, true);
        alt.lengths = 0;
        if (prefixes.length <= MAX_LONG_PREFIXES && !prefixes.some((p) => p.s === '')) {
          for (const { s: p } of prefixes) {
            let h = LONG_SEED;
            for (let k = 0; k < p.length; k++) h = Math.imul(h ^ p.charCodeAt(k), 0x01000193);
            const bit = longHash(h);
            LONG[bit >>> 3] |= 1 << (bit & 7);
            alt.lengths |= 1 << p.length;
          }
        }
      }
      if (alt.lengths === 0) return 0;
      lengths |= alt.lengths;
    }
    return lengths;
  }

  /** Whether `norm` at `i` starts with a long prefix of the bucket (or may: hashes can collide). */
  private mayMatch(bucket: Bucket, norm: string, i: number): boolean {
    const lengths = bucket.lengths;
    if (lengths === 0) return true;
    const end = Math.min(norm.length, i + LONG_PREFIX);
    let h = LONG_SEED;
    for (let k = i; k < end;) {
      h = Math.imul(h ^ norm.charCodeAt(k), 0x01000193);
      k++;
      if ((lengths & (1 << (k - i))) !== 0) {
        const bit = longHash(h);
        if ((LONG[bit >>> 3] & (1 << (bit & 7))) !== 0) return true;
      }
    }
    return false;
  }

  /** Calls `fn(pattern, index, phrase)` for each match in the prepared text, left to right. */
  scan(prepared: PreparedText, fn: (pattern: number, index: number, phrase: string) => void): void {
    const { norm, starts, keys } = prepared;
    let from = 0;
    let lastPattern = -1;
    for (let j = 0; j < starts.length; j++) {
      const i = starts[j];
      const bucket = this.buckets[this.bucketOfClass[keys[j]]];
      if (bucket === null || (i < from && !this.overlapping) || !this.mayMatch(bucket, norm, i)) continue;
      bucket.re.lastIndex = i;
      const m = bucket.re.exec(norm);
      if (m === null) continue;
      const pattern = bucket.pattern[matchedGroup(m)];
      if (i < from && pattern === lastPattern) continue;
      fn(pattern, i, m[0]);
      from = i + m[0].length;
      lastPattern = pattern;
    }
  }
}

const FILLER =
  '(?:one|body|was|were|is|are|been|be|being|got|get|going|gonna|to|any|a|single|real|actual|sign|signs|of|risk|evidence|planning|want|wanting|intend|involve)';
const NEGATED_RE = new RegExp(
  `(?:\\b(?:no|not|never|without|nor|zero|nobody|none|cannot|dont|didnt|wont|isnt|wasnt|arent|werent|cant|couldnt|havent|hasnt)|n't)(?: ${FILLER}){0,2} ?$`,
);

/**
 * True when the cue starting at `index` is directly preceded by a negator: "no fire", "not injured",
 * "didn't catch fire"; up to two filler words may sit between ("no one was hurt", "not going to sue").
 */
export function isNegated(normalised: string, index: number): boolean {
  return index > 1 && NEGATED_RE.test(normalised.slice(Math.max(0, index - 40), index));
}
