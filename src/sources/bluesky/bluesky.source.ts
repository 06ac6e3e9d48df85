/*
 * Cursor: ISO time of the newest post stored, sent as searchPosts `since` (inclusive, so the newest post
 * comes back once more and is deduped). Pages run newest first and are followed with the response
 * `cursor`, so the feed cursor moves only on the poll's last page (see newestFirstPages).
 * A post's position is min(createdAt, indexedAt), which is close to what Bluesky filters `since` on, and
 * keeps one post with a clock set in the future from pushing the cursor past everything else.
 */
import { literalText } from '../plain-text';
import { FeedConfigOf } from '../../config/config.schema';
import { HttpClient, HttpResponse, parseJsonBody } from '../http/http-client';
import { isoDate, isRecord, newestFirstPages, partition, shapeError, str } from '../paging';
import { SourceError } from '../source.errors';
import { FeedCursor, MentionSource, RawPost, SourcePage } from '../source.types';

interface Session {
  accessJwt: string;
  refreshJwt: string;
}

/** Statuses Bluesky uses for bad or expired tokens; they are handled here rather than thrown. */
const authStatus = (status: number) => status === 400 || status === 401;

export class BlueskySource implements MentionSource {
  readonly feedId: string;
  private readonly base: string;
  /** Kept across polls: createSession is rate limited hard, refreshing is cheap. */
  private session: Session | null = null;

  constructor(
    private readonly config: FeedConfigOf<'bluesky'>,
    private readonly http: HttpClient,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.feedId = config.id;
    this.base = config.service.replace(/\/+$/, '');
  }

  fetchPages(since: FeedCursor, signal?: AbortSignal): AsyncGenerator<SourcePage> {
    return newestFirstPages<string>({
      since,
      maxPages: this.config.maxPages,
      compare: compareIso,
      fetch: async (cursor) => {
        const url = this.searchUrl(since.cursor, cursor);
        const data = await this.authedGet(url, signal);
        if (!isRecord(data) || !Array.isArray(data.posts)) {
          throw shapeError(url, 'an object with a "posts" array');
        }
        const { posts, invalid } = partition(data.posts, (p) => this.normalise(p));
        let newest: string | null = null;
        for (const post of posts) {
          const at = sortAt(post.raw);
          if (at && (newest === null || compareIso(at, newest) > 0)) newest = at;
        }
        const more = str(data.cursor);
        return { posts, invalid, newest, more: data.posts.length > 0 && more ? more : undefined };
      },
    });
  }

  private searchUrl(since: string | null, cursor: string | undefined): string {
    const params = new URLSearchParams({ q: this.config.query, sort: 'latest', limit: '100' });
    if (since !== null) params.set('since', since);
    if (this.config.lang) params.set('lang', this.config.lang);
    if (cursor !== undefined) params.set('cursor', cursor);
    return `${this.base}/xrpc/app.bsky.feed.searchPosts?${params.toString()}`;
  }

  /** GET with the access token; on an expired or rejected token, renews the session and retries once. */
  private async authedGet(url: string, signal?: AbortSignal): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const session = this.session ?? (await this.createSession(signal));
      const res = await this.http.request(url, {
        headers: { authorization: `Bearer ${session.accessJwt}`, accept: 'application/json' },
        signal,
        acceptStatus: authStatus,
      });
      if (!authStatus(res.status)) return parseJsonBody<unknown>(res);
      const { error, message } = xrpcError(res);
      const tokenProblem = res.status === 401 || error === 'ExpiredToken' || error === 'InvalidToken';
      if (!tokenProblem || attempt > 0) {
        const detail = [error, message].filter(Boolean).join(': ');
        throw new SourceError(
          `HTTP ${res.status} from ${url}${detail ? ` (${detail})` : ''}`,
          tokenProblem ? 'auth' : 'http',
        );
      }
      await this.renewSession(session, signal);
    }
  }

  private async renewSession(old: Session, signal?: AbortSignal): Promise<void> {
    this.session = null;
    const url = `${this.base}/xrpc/com.atproto.server.refreshSession`;
    const res = await this.http.request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${old.refreshJwt}`, accept: 'application/json' },
      signal,
      acceptStatus: authStatus,
    });
    // A refresh token expires too (or was revoked): log in again from scratch.
    if (authStatus(res.status)) await this.createSession(signal);
    else this.keep(parseJsonBody<unknown>(res), url);
  }

  private async createSession(signal?: AbortSignal): Promise<Session> {
    const name = this.config.passwordEnv;
    const password = this.env[name];
    if (!password) {
      throw new SourceError(
        `environment variable ${name} is not set; feed ${this.feedId} needs it for the Bluesky app password of ${this.config.handle}`,
        'config',
      );
    }
    const url = `${this.base}/xrpc/com.atproto.server.createSession`;
    const res = await this.http.request(url, {
      method: 'POST',
      json: { identifier: this.config.handle, password },
      headers: { accept: 'application/json' },
      signal,
      acceptStatus: authStatus,
    });
    if (authStatus(res.status)) {
      const { error, message } = xrpcError(res);
      // The server's words are shown, but never the password, even if a server echoed it.
      const detail = [error, message].filter(Boolean).join(': ').split(password).join('***');
      throw new SourceError(
        `Bluesky refused the login of ${this.config.handle} at ${url} (HTTP ${res.status}${detail ? `: ${detail}` : ''}); check the app password in ${name}`,
        'auth',
      );
    }
    return this.keep(parseJsonBody<unknown>(res), url);
  }

  private keep(data: unknown, url: string): Session {
    const accessJwt = isRecord(data) ? str(data.accessJwt) : null;
    const refreshJwt = isRecord(data) ? str(data.refreshJwt) : null;
    if (!accessJwt || !refreshJwt) throw shapeError(url, 'a session with accessJwt and refreshJwt');
    this.session = { accessJwt, refreshJwt };
    return this.session;
  }

  private normalise(item: unknown): RawPost | string {
    if (!isRecord(item)) return 'post is not an object';
    const uri = str(item.uri);
    if (!uri?.startsWith('at://')) return 'post has no at:// uri';
    const author = isRecord(item.author) ? item.author : undefined;
    const handle = str(author?.handle);
    if (!author || !handle) return `post ${uri} has no author.handle`;
    const record = isRecord(item.record) ? item.record : undefined;
    if (!record) return `post ${uri} has no record`;
    const postedAt = isoDate(record.createdAt) ?? isoDate(item.indexedAt);
    if (!postedAt) return `post ${uri} has no valid createdAt or indexedAt`;
    const rkey = uri.slice(uri.lastIndexOf('/') + 1);
    // "handle.invalid" marks a handle that no longer verifies; the DID still links to the profile.
    const profile = handle === 'handle.invalid' ? (str(author.did) ?? handle) : handle;
    const langs = Array.isArray(record.langs) ? record.langs : [];
    return {
      source: 'bluesky',
      externalId: uri,
      url: `https://bsky.app/profile/${profile}/post/${rkey}`,
      authorHandle: handle,
      authorName: str(author.displayName),
      reach: typeof author.followersCount === 'number' ? author.followersCount : null,
      text: literalText(str(record.text)),
      language: str(langs[0])?.toLowerCase() ?? null,
      postedAt,
      raw: item,
    };
  }
}

/** min(createdAt, indexedAt) as ISO, or whichever of them is valid. */
function sortAt(raw: unknown): string | null {
  if (!isRecord(raw)) return null;
  const created = isoDate(isRecord(raw.record) ? raw.record.createdAt : undefined);
  const indexed = isoDate(raw.indexedAt);
  const times = [created, indexed].filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length > 0 ? new Date(Math.min(...times)).toISOString() : null;
}

/** Orders ISO times; an unparseable stored cursor counts as oldest so a good value replaces it. */
function compareIso(a: string, b: string): number {
  const time = (s: string) => {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? -Infinity : ms;
  };
  const d = time(a) - time(b);
  return Number.isNaN(d) ? 0 : d;
}

function xrpcError(res: HttpResponse): { error: string | null; message: string | null } {
  try {
    const body: unknown = JSON.parse(res.body.toString('utf8'));
    if (isRecord(body)) return { error: str(body.error), message: str(body.message) };
  } catch {
    // Not JSON: the status alone will have to do.
  }
  return { error: null, message: null };
}
