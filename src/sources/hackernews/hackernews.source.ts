/*
 * Cursor: the largest created_at_i (epoch seconds, as a string) stored; the next poll asks Algolia for
 * `numericFilters=created_at_i>cursor - INDEX_LAG_SECONDS`. search_by_date answers newest first and pages by number, so
 * the feed cursor moves only on the poll's last page (see newestFirstPages). Items posted while we page
 * shift later pages down: that repeats items (deduped), it never skips them.
 */
import { FeedConfigOf } from '../../config/config.schema';
import { HttpClient } from '../http/http-client';
import {
  compareIntStrings,
  epochDate,
  isoDate,
  isRecord,
  newestFirstPages,
  partition,
  shapeError,
  str,
} from '../paging';
import { toPlainText } from '../plain-text';
import { FeedCursor, MentionSource, RawPost, SourcePage } from '../source.types';

/** How far behind the cursor each poll looks again, for items Algolia indexed late. */
export const INDEX_LAG_SECONDS = 300;

export class HackerNewsSource implements MentionSource {
  readonly feedId: string;
  private readonly base: string;

  constructor(
    private readonly config: FeedConfigOf<'hackernews'>,
    private readonly http: HttpClient,
  ) {
    this.feedId = config.id;
    this.base = config.baseUrl.replace(/\/+$/, '');
  }

  fetchPages(since: FeedCursor, signal?: AbortSignal): AsyncGenerator<SourcePage> {
    return newestFirstPages<number>({
      since,
      maxPages: this.config.maxPages,
      compare: compareIntStrings,
      fetch: async (page = 0) => {
        const url = this.url(since.cursor, page);
        const { data } = await this.http.getJson<unknown>(url, { signal });
        if (!isRecord(data) || !Array.isArray(data.hits))
          throw shapeError(url, 'an object with a "hits" array');
        const { posts, invalid } = partition(data.hits, normalise);
        const newest = Math.max(...posts.map((p) => Math.floor(p.postedAt.getTime() / 1000)));
        const nbPages = typeof data.nbPages === 'number' ? data.nbPages : 0;
        return {
          posts,
          invalid,
          newest: Number.isFinite(newest) ? String(newest) : null,
          more: data.hits.length > 0 && page < nbPages - 1 ? page + 1 : undefined,
        };
      },
    });
  }

  private url(cursor: string | null, page: number): string {
    const params = new URLSearchParams({
      query: this.config.query,
      tags: this.config.tags,
      hitsPerPage: '100',
      page: String(page),
    });
    // Algolia may index an item after a newer one we already saw: look back a little; the pipeline drops repeats.
    if (cursor !== null)
      params.set('numericFilters', `created_at_i>${Math.max(0, Number(cursor) - INDEX_LAG_SECONDS)}`);
    return `${this.base}/api/v1/search_by_date?${params.toString()}`;
  }
}

/** A story (title, maybe story_text) or a comment (story_title of its thread, comment_text). */
function normalise(hit: unknown): RawPost | string {
  if (!isRecord(hit)) return 'hit is not an object';
  const id = str(hit.objectID);
  if (!id) return 'hit has no objectID';
  const postedAt = epochDate(hit.created_at_i) ?? isoDate(hit.created_at);
  if (!postedAt) return `item ${id} has no valid created_at_i`;
  const author = str(hit.author);
  const title = toPlainText(str(hit.title) ?? str(hit.story_title));
  const body = toPlainText(str(hit.comment_text) ?? str(hit.story_text));
  return {
    source: 'hackernews',
    externalId: id,
    url: `https://news.ycombinator.com/item?id=${encodeURIComponent(id)}`,
    authorHandle: author,
    authorName: author,
    reach: null,
    text: [title, body].filter(Boolean).join('\n'),
    language: null,
    postedAt,
    raw: hit,
  };
}
