import { SourceError } from './source.errors';
import { FeedCursor, InvalidItem, RawPost, SourcePage } from './source.types';

/** One page of a newest-first API, as an adapter fetched and normalised it. */
export interface NewestFirstBatch<C> {
  posts: RawPost[];
  invalid: InvalidItem[];
  /** Cursor value of the newest item in this page (null when the page has none). */
  newest: string | null;
  /** How to ask for the next, older page; undefined when the API (or the old cursor) says we are done. */
  more?: C;
  /** The platform asked us to slow down: stop this poll here. */
  notBefore?: Date;
}

/**
 * Drives an API whose pages run newest to oldest (Bluesky, Reddit, Hacker News, Mastodon search).
 * The cursor may only move to the newest item once every page down to the old cursor is stored: if it
 * moved on page 1 and the process died before page 2, page 2's posts would be older than the stored
 * cursor and never fetched again. So intermediate pages carry the OLD cursor (a crash costs duplicates,
 * which the pipeline drops) and only the last page carries the newest value seen.
 *
 * Without a cursor (first poll) only the newest page is read: we start watching now rather than
 * importing a backlog. When maxPages cuts a poll short the cursor still advances, otherwise a busy feed
 * would re-read the same newest pages forever; posts between the old cursor and the oldest page read
 * are then skipped. A rate-limit stop keeps the old cursor instead, since the next poll can catch up.
 */
export async function* newestFirstPages<C>(opts: {
  since: FeedCursor;
  maxPages: number;
  compare: (a: string, b: string) => number;
  fetch: (more: C | undefined, index: number) => Promise<NewestFirstBatch<C>>;
}): AsyncGenerator<SourcePage> {
  const { since, compare } = opts;
  const limit = since.cursor === null ? 1 : opts.maxPages;
  let newest = since.cursor;
  let more: C | undefined;
  for (let index = 0; index < limit; index++) {
    const batch = await opts.fetch(more, index);
    if (batch.newest !== null && (newest === null || compare(batch.newest, newest) > 0))
      newest = batch.newest;
    const complete = batch.more === undefined || index === limit - 1;
    const page: SourcePage = {
      posts: batch.posts,
      invalid: batch.invalid,
      next: { ...since, cursor: complete ? newest : since.cursor },
    };
    if (batch.notBefore) page.notBefore = batch.notBefore;
    yield page;
    if (complete || batch.notBefore) return;
    more = batch.more;
  }
}

/** Orders non-negative integer strings (snowflake ids, epoch seconds) without losing precision. */
export function compareIntStrings(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The larger of two cursor values, either possibly null. */
export function maxCursor(
  a: string | null,
  b: string | null,
  compare: (a: string, b: string) => number,
): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compare(a, b) >= 0 ? a : b;
}

/** A page whose JSON is not what the platform documents. */
export function shapeError(url: string, expected: string): SourceError {
  return new SourceError(`unexpected answer from ${url}: expected ${expected}`, 'parse');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** A Date from an ISO string, or null when missing or unparseable. */
export function isoDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** A Date from epoch seconds, or null. */
export function epochDate(value: unknown): Date | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? new Date(value * 1000) : null;
}

/** Splits normalised results into posts and invalid items. */
export function partition<T>(
  items: T[],
  normalise: (item: T) => RawPost | string,
): { posts: RawPost[]; invalid: InvalidItem[] } {
  const posts: RawPost[] = [];
  const invalid: InvalidItem[] = [];
  for (const item of items) {
    let result: RawPost | string;
    try {
      result = normalise(item);
    } catch (err) {
      // One odd item must not cost the whole page.
      result = `could not normalise: ${(err as Error).message}`;
    }
    if (typeof result === 'string') invalid.push({ reason: result, raw: item });
    else posts.push(result);
  }
  return { posts, invalid };
}
