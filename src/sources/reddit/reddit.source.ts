/*
 * Cursor: created_utc (whole seconds, as a string) of the newest post stored; the same in JSON and RSS
 * mode, so switching format keeps the position. Search pages run newest first and are followed with
 * `after` until a page reaches posts older than the cursor, so the feed cursor moves only on the poll's
 * last page (see newestFirstPages). Posts from the cursor's own second are kept: another post of that
 * second may have been indexed late, and a duplicate is harmless. RSS has no paging: one page per poll.
 */
import { literalText } from '../plain-text';
import { FeedConfigOf } from '../../config/config.schema';
import { parseFeedDocument } from '../feed/feed-document';
import { HttpClient } from '../http/http-client';
import {
  compareIntStrings,
  epochDate,
  isRecord,
  maxCursor,
  newestFirstPages,
  partition,
  shapeError,
  str,
} from '../paging';
import { FeedCursor, InvalidItem, MentionSource, RawPost, SourcePage } from '../source.types';

/** Links point at the public site whatever baseUrl the API is read from. */
const SITE = 'https://www.reddit.com';

export class RedditSource implements MentionSource {
  readonly feedId: string;
  private readonly base: string;

  constructor(
    private readonly config: FeedConfigOf<'reddit'>,
    private readonly http: HttpClient,
  ) {
    this.feedId = config.id;
    this.base = config.baseUrl.replace(/\/+$/, '');
  }

  async *fetchPages(since: FeedCursor, signal?: AbortSignal): AsyncGenerator<SourcePage> {
    // Reddit refuses anonymous-looking clients; the HttpClient already sends the configured,
    // descriptive User-Agent on every request, so nothing to add here.
    if (this.config.format === 'rss') {
      yield await this.rssPage(since, signal);
      return;
    }
    const floor = since.cursor === null ? null : Number(since.cursor);
    yield* newestFirstPages<string>({
      since,
      maxPages: this.config.maxPages,
      compare: compareIntStrings,
      fetch: async (after) => {
        const url = this.url('json', after);
        const { data } = await this.http.getJson<unknown>(url, { signal });
        const listing = isRecord(data) && isRecord(data.data) ? data.data : undefined;
        if (!listing || !Array.isArray(listing.children)) {
          throw shapeError(url, 'a Listing object with data.children');
        }
        const children: unknown[] = listing.children;
        const older = (c: unknown) => floor !== null && (createdOf(c) ?? Infinity) < floor;
        const { posts, invalid } = partition(
          children.filter((c) => !older(c)),
          normaliseChild,
        );
        const next = str(listing.after) ?? undefined;
        const done = children.length === 0 || children.some(older);
        return { posts, invalid, newest: newestSecond(posts), more: done ? undefined : next };
      },
    });
  }

  private url(format: 'json' | 'rss', after?: string): string {
    const sub = this.config.subreddit;
    const params = new URLSearchParams({ q: this.config.query, sort: 'new' });
    if (format === 'json') {
      params.set('limit', '100');
      // raw_json=1: text fields come unescaped (no &amp;), so they are plain text, not HTML.
      params.set('raw_json', '1');
    }
    if (sub) params.set('restrict_sr', '1');
    if (after) params.set('after', after);
    return `${this.base}${sub ? `/r/${sub}` : ''}/search.${format}?${params.toString()}`;
  }

  private async rssPage(since: FeedCursor, signal?: AbortSignal): Promise<SourcePage> {
    const url = this.url('rss');
    const res = await this.http.request(url, {
      headers: { accept: 'application/atom+xml, application/rss+xml;q=0.9, */*;q=0.5' },
      signal,
    });
    const parsed = parseFeedDocument(res.body, {
      contentType: res.headers.get('content-type'),
      feedId: this.feedId,
      documentUrl: res.url,
      fetchedAt: new Date(),
    });
    const floor = since.cursor === null ? null : Number(since.cursor);
    const posts: RawPost[] = [];
    const invalid: InvalidItem[] = [...parsed.invalid];
    for (const post of parsed.posts) {
      if (floor !== null && Math.floor(post.postedAt.getTime() / 1000) < floor) continue;
      const fullname = fullnameOf(post);
      if (!fullname) {
        invalid.push({ reason: 'no Reddit fullname (t3_/t1_) in the entry id or link', raw: post.raw });
        continue;
      }
      const author = knownAuthor((post.authorName ?? post.authorHandle)?.replace(/^\/?u\//, '').trim());
      posts.push({
        ...post,
        source: 'reddit',
        externalId: fullname,
        authorHandle: author ? `u/${author}` : null,
        authorName: author,
        // Reddit appends "submitted by /u/x [link] [comments]" to every entry; it is not the post.
        text: post.text.replace(/\s*submitted by\s+\/?u\/\S+\s*\[link\]\s*\[comments\]\s*$/, ''),
      });
    }
    return {
      posts,
      invalid,
      next: { ...since, cursor: maxCursor(since.cursor, newestSecond(posts), compareIntStrings) },
    };
  }
}

function createdOf(child: unknown): number | null {
  const created = isRecord(child) && isRecord(child.data) ? child.data.created_utc : undefined;
  return typeof created === 'number' ? Math.floor(created) : null;
}

function newestSecond(posts: RawPost[]): string | null {
  const newest = Math.max(...posts.map((p) => Math.floor(p.postedAt.getTime() / 1000)));
  return Number.isFinite(newest) ? String(newest) : null;
}

/** Deleted accounts show as "[deleted]": no one to attribute to. */
function knownAuthor(name: string | null | undefined): string | null {
  return name && name !== '[deleted]' ? name : null;
}

/** t3 = a post (link or self text), t1 = a comment. */
function normaliseChild(child: unknown): RawPost | string {
  if (!isRecord(child) || !isRecord(child.data)) return 'listing child has no data';
  const { kind, data } = child;
  if (kind !== 't3' && kind !== 't1') return `unsupported listing kind ${JSON.stringify(kind)}`;
  const name = str(data.name);
  if (!name) return 'listing child has no fullname (data.name)';
  const postedAt = epochDate(data.created_utc);
  if (!postedAt) return `${name} has no valid created_utc`;
  const known = knownAuthor(str(data.author));
  const permalink = str(data.permalink);
  const text =
    kind === 't3'
      ? [literalText(str(data.title)), literalText(str(data.selftext))].filter(Boolean).join('\n')
      : literalText(str(data.body));
  return {
    source: 'reddit',
    externalId: name,
    url: permalink ? `${SITE}${permalink}` : null,
    authorHandle: known ? `u/${known}` : null,
    authorName: known,
    reach: null,
    text,
    language: null,
    postedAt,
    raw: child,
  };
}

/**
 * The fullname behind a feed entry, so RSS and JSON dedupe together: Reddit's Atom <id> is the fullname
 * itself; failing that, the permalink /comments/<post>/<slug>/<comment>/ names the post or comment.
 */
function fullnameOf(post: RawPost): string | null {
  const raw = isRecord(post.raw) ? post.raw : {};
  for (const candidate of [post.externalId, raw.id, raw.guid]) {
    // The generic parser may prefix a bare id with the feed id ("<feed>#t3_abc").
    const m = typeof candidate === 'string' ? /(?:^|#)(t[13]_[a-z0-9]+)$/i.exec(candidate.trim()) : null;
    if (m) return m[1].toLowerCase();
  }
  const link = /\/comments\/([a-z0-9]+)(?:\/[^/?#]*\/([a-z0-9]+))?/i.exec(post.url ?? '');
  if (!link) return null;
  return link[2] ? `t1_${link[2].toLowerCase()}` : `t3_${link[1].toLowerCase()}`;
}
