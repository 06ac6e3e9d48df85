/*
 * Cursor: the highest status id stored (a snowflake string; ids of boosts count, not of the boosted post).
 * Tag mode pages FORWARD: `min_id=<cursor>` returns the statuses just above the cursor, so each page's
 * cursor is its own highest id and a crash between pages loses nothing. Search mode cannot do that:
 * /api/v2/search sorts newest first and treats min_id only as a lower bound, so it pages backwards with
 * max_id and moves the cursor only on its last page (see newestFirstPages).
 * Without a cursor, only the newest page is read.
 */
import { FeedConfigOf } from '../../config/config.schema';
import { HttpClient, parseJsonBody, parseRetryAfter } from '../http/http-client';
import {
  compareIntStrings,
  isoDate,
  isRecord,
  maxCursor,
  newestFirstPages,
  partition,
  shapeError,
  str,
} from '../paging';
import { literalText, toPlainText } from '../plain-text';
import { SourceError } from '../source.errors';
import { FeedCursor, MentionSource, RawPost, SourcePage } from '../source.types';

const LIMIT = 40;
/** Mastodon's rate-limit window; used only if a server says "0 left" without a usable reset time. */
const DEFAULT_WINDOW_MS = 5 * 60_000;

interface MastodonPage {
  statuses: unknown[];
  /** Set when X-RateLimit-Remaining reached 0: stop paging until then. */
  notBefore?: Date;
}

export class MastodonSource implements MentionSource {
  readonly feedId: string;
  private readonly base: string;
  private readonly host: string;

  constructor(
    private readonly config: FeedConfigOf<'mastodon'>,
    private readonly http: HttpClient,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.feedId = config.id;
    this.base = config.instance.replace(/\/+$/, '');
    this.host = new URL(config.instance).hostname;
  }

  async *fetchPages(since: FeedCursor, signal?: AbortSignal): AsyncGenerator<SourcePage> {
    const headers = this.authHeaders();
    const load = (minId: string | null, maxId?: string) => this.load(this.url(minId, maxId), headers, signal);

    if (this.config.mode === 'search') {
      yield* newestFirstPages<string>({
        since,
        maxPages: this.config.maxPages,
        compare: compareIntStrings,
        fetch: async (maxId) => {
          const page = await load(since.cursor, maxId);
          const ids = page.statuses.map(idOf).filter((id): id is string => id !== null);
          const lowest = ids.reduce<string | null>(
            (a, b) => (a === null || compareIntStrings(b, a) < 0 ? b : a),
            null,
          );
          // Reaching the stored cursor also ends the poll, in case a server ignores min_id in search.
          const reached =
            since.cursor !== null && lowest !== null && compareIntStrings(lowest, since.cursor) <= 0;
          return {
            ...partition(page.statuses, (s) => this.normalise(s)),
            newest: highestId(ids),
            more: lowest === null || reached ? undefined : lowest,
            notBefore: page.notBefore,
          };
        },
      });
      return;
    }

    let cursor = since.cursor;
    const pages = cursor === null ? 1 : this.config.maxPages;
    for (let i = 0; i < pages; i++) {
      const page = await load(cursor);
      const ids = page.statuses.map(idOf).filter((id): id is string => id !== null);
      const previous = cursor;
      cursor = maxCursor(cursor, highestId(ids), compareIntStrings);
      const out: SourcePage = {
        ...partition(page.statuses, (s) => this.normalise(s)),
        next: { ...since, cursor },
      };
      if (page.notBefore) out.notBefore = page.notBefore;
      yield out;
      // A page without usable ids cannot move min_id: asking again would return the same page.
      if (page.statuses.length === 0 || page.notBefore || cursor === previous) return;
    }
  }

  private authHeaders(): Record<string, string> {
    const name = this.config.tokenEnv;
    if (!name) return {};
    const token = this.env[name];
    if (!token) {
      throw new SourceError(
        `environment variable ${name} is not set; feed ${this.feedId} needs it for its Mastodon access token`,
        'config',
      );
    }
    return { authorization: `Bearer ${token}` };
  }

  private url(minId: string | null, maxId?: string): string {
    const params = new URLSearchParams({ limit: String(LIMIT) });
    let path: string;
    if (this.config.mode === 'tag') {
      path = `/api/v1/timelines/tag/${encodeURIComponent((this.config.tag ?? '').replace(/^#/, ''))}`;
    } else {
      path = '/api/v2/search';
      params.set('type', 'statuses');
      params.set('q', this.config.query ?? '');
      params.set('resolve', 'false');
    }
    if (minId !== null) params.set('min_id', minId);
    if (maxId !== undefined) params.set('max_id', maxId);
    return `${this.base}${path}?${params.toString()}`;
  }

  private async load(
    url: string,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<MastodonPage> {
    // 429 is handled here because Mastodon says when to come back in X-RateLimit-Reset, not Retry-After.
    const res = await this.http.request(url, {
      headers: { ...headers, accept: 'application/json' },
      signal,
      acceptStatus: (status) => status === 429,
    });
    const reset = isoDate(res.headers.get('x-ratelimit-reset'));
    if (res.status === 429) {
      const retryAt = parseRetryAfter(res.headers.get('retry-after')) ?? reset ?? undefined;
      const when = retryAt ? `; retry after ${retryAt.toISOString()}` : '';
      throw new SourceError(`rate limited by ${url} (HTTP 429)${when}`, 'rate-limited', retryAt);
    }
    const data = parseJsonBody<unknown>(res);
    const statuses = this.config.mode === 'search' ? (isRecord(data) ? data.statuses : undefined) : data;
    if (!Array.isArray(statuses)) {
      throw shapeError(
        url,
        this.config.mode === 'search' ? 'an object with a "statuses" array' : 'a JSON array of statuses',
      );
    }
    const page: MastodonPage = { statuses };
    if (res.headers.get('x-ratelimit-remaining')?.trim() === '0') {
      page.notBefore = reset ?? new Date(Date.now() + DEFAULT_WINDOW_MS);
    }
    return page;
  }

  private normalise(item: unknown): RawPost | string {
    if (!isRecord(item)) return 'status is not an object';
    // A boost is about the boosted post: dedupe and attribute on that one.
    const status = isRecord(item.reblog) ? item.reblog : item;
    const externalId = str(status.uri) ?? str(status.url) ?? str(status.id);
    if (!externalId) return 'status has no uri, url or id';
    const postedAt = isoDate(status.created_at);
    if (!postedAt) return `status ${externalId} has no valid created_at`;
    const account = isRecord(status.account) ? status.account : undefined;
    const acct = str(account?.acct);
    if (!account || !acct) return `status ${externalId} has no account.acct`;
    // Local accounts come without a domain; the instance we asked is their home.
    const handle = acct.includes('@') ? acct : `${acct}@${this.host}`;
    const text = [literalText(str(status.spoiler_text)), toPlainText(str(status.content))];
    return {
      source: 'mastodon',
      externalId,
      url: str(status.url) ?? str(status.uri),
      authorHandle: `@${handle}`,
      authorName: str(account.display_name) ?? str(account.username),
      reach: typeof account.followers_count === 'number' ? account.followers_count : null,
      text: text.filter(Boolean).join('\n'),
      language: str(status.language)?.toLowerCase() ?? null,
      postedAt,
      raw: item,
    };
  }
}

/** The timeline entry's own id (a boost's id, not the boosted post's): that is what min_id pages by. */
function idOf(item: unknown): string | null {
  return isRecord(item) ? str(item.id) : null;
}

function highestId(ids: string[]): string | null {
  return ids.reduce<string | null>((a, b) => maxCursor(a, b, compareIntStrings), null);
}
