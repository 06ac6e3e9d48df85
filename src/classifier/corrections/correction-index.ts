import type { Category } from '../classifier.types';

/** A manager's answer for one post's text: what new posts with the same (or nearly the same) text get. */
export interface CorrectedAnswer {
  correctionId: number;
  mentionId: number;
  angry: boolean;
  category: Category | null;
}

/** Two texts whose word sets overlap this much (Jaccard) are the same post, copied or lightly edited. */
export const NEAR_DUPLICATE_JACCARD = 0.8;
/** Texts with fewer words are matched exactly only: "ok thanks" must not correct every "thanks ok". */
export const MIN_WORDS_FOR_NEAR = 5;

const URL = /\b(?:https?:\/\/|www\.)\S+/g;
const HANDLE = /(?:^|\s)@[\w.@-]+/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * The text as it is compared: links, @handles, case, punctuation and spacing ignored, so a retweet,
 * a reply to another handle or a repost with a new link is the same post.
 */
export function normaliseForCorrection(text: string): string {
  return text.replace(URL, ' ').replace(HANDLE, ' ').toLowerCase().replace(NOT_WORD, ' ').trim();
}

/**
 * Corrected posts by normalised text, and by word for near-duplicates. Small (one entry per corrected
 * post) and consulted for every new post, so an empty index costs one size check.
 */
export class CorrectionIndex {
  private readonly exact = new Map<string, CorrectedAnswer>();
  private readonly wordSets: Set<string>[] = [];
  private readonly answers: CorrectedAnswer[] = [];
  private readonly byWord = new Map<string, number[]>();
  /** Corrections already added (the periodic refresh also brings back this instance's own). */
  private readonly ids = new Set<number>();

  get size(): number {
    return this.exact.size;
  }

  /** Records the answer for `text`; a later correction of the same text replaces the earlier one. */
  add(text: string, answer: CorrectedAnswer): void {
    const key = normaliseForCorrection(text);
    if (!key || this.ids.has(answer.correctionId)) return;
    this.ids.add(answer.correctionId);
    // The latest correction of a text wins, whatever order corrections arrive in.
    const earlier = this.exact.get(key);
    if (!earlier || earlier.correctionId < answer.correctionId) this.exact.set(key, answer);
    const words = new Set(key.split(' '));
    if (words.size < MIN_WORDS_FOR_NEAR) return;
    const i = this.answers.length;
    this.answers.push(answer);
    this.wordSets.push(words);
    for (const w of words) {
      const list = this.byWord.get(w);
      if (list) list.push(i);
      else this.byWord.set(w, [i]);
    }
  }

  /** The corrected answer for this text or a near copy of it; null when no correction applies. */
  find(text: string): CorrectedAnswer | null {
    if (this.exact.size === 0) return null;
    const key = normaliseForCorrection(text);
    const hit = this.exact.get(key);
    if (hit) return hit;
    const words = new Set(key.split(' '));
    if (words.size < MIN_WORDS_FOR_NEAR) return null;
    const shared = new Map<number, number>();
    for (const w of words) for (const i of this.byWord.get(w) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    let best: { i: number; jaccard: number } | null = null;
    for (const [i, n] of shared) {
      const jaccard = n / (words.size + this.wordSets[i].size - n);
      // The newest correction wins a tie (a later manager's answer).
      if (jaccard >= NEAR_DUPLICATE_JACCARD && (!best || jaccard >= best.jaccard)) best = { i, jaccard };
    }
    return best ? this.answers[best.i] : null;
  }
}
