/** The platforms a post can come from: `RawPost.source`, and the `source` filter of the mentions and cases APIs. */
export const POST_SOURCES = ['feed', 'mastodon', 'bluesky', 'reddit', 'hackernews'] as const;
export type PostSource = (typeof POST_SOURCES)[number];

/** One post from any platform, normalised so the rest of Defuse never looks at a platform's own shape. */
export interface RawPost {
  /** Platform the post lives on: `feed`, `mastodon`, `bluesky`, `reddit`, `hackernews`. With externalId it identifies the post. */
  source: string;
  /** Stable id on that platform (a status URI, an at:// URI, a fullname, a guid, or a derived hash). */
  externalId: string;
  url: string | null;
  authorHandle: string | null;
  authorName: string | null;
  /** Followers of the author when the platform tells us. */
  reach: number | null;
  /** Plain text: HTML stripped, entities decoded, whitespace collapsed. Title and body joined for feed items. */
  text: string;
  /** BCP-47-ish language code when known (`en`, `fr`), lower case. */
  language: string | null;
  /** When the post was published, UTC. */
  postedAt: Date;
  /** The item exactly as the platform sent it, kept for audit. */
  raw: unknown;
}

/** What a feed remembers between polls; stored in the feed's state row. */
export interface FeedCursor {
  /** Source-specific position: Mastodon status id, Bluesky newest post time (ISO), Reddit newest created_utc, HN newest created_at_i. */
  cursor: string | null;
  etag: string | null;
  lastModified: string | null;
}

/** An item the adapter could not turn into a post: dropped with a reason, never silently. */
export interface InvalidItem {
  reason: string;
  raw: unknown;
}

/** One batch from a source. The pipeline stores its posts and the cursor in one transaction. */
export interface SourcePage {
  posts: RawPost[];
  invalid: InvalidItem[];
  /** The feed's cursor once this page is stored. */
  next: FeedCursor;
  /** True when the server answered 304 Not Modified (no posts). */
  notModified?: boolean;
  /** Set when the platform asked us to slow down (e.g. Mastodon X-RateLimit-Remaining: 0): poll again no sooner. */
  notBefore?: Date;
}

/** One adapter per platform. Pure I/O: fetch, parse, normalise; no database, no matching. */
export interface MentionSource {
  readonly feedId: string;
  /**
   * Yields pages oldest-progress-first so that storing page N and its cursor before fetching page N+1
   * never skips posts after a crash. Throws a SourceError when the feed cannot be read.
   */
  fetchPages(since: FeedCursor, signal?: AbortSignal): AsyncIterable<SourcePage>;
}
