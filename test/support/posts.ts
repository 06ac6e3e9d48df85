import { INestApplication } from '@nestjs/common';
import { FeedState } from '../../src/ingest/entities/feed-state.entity';
import { IngestPipeline } from '../../src/ingest/ingest.pipeline';
import { DataSource } from 'typeorm';
import { RawPost } from '../../src/sources/source.types';

/** The Mastodon #acme tag feed the e2e suites store their posts under. */
export const ACME_TAG_FEED = {
  id: 'masto',
  type: 'mastodon' as const,
  instance: 'https://social.example',
  mode: 'tag' as const,
  tag: 'acme',
  enabled: true,
  maxPages: 1,
};

/** A Mastodon post by `author`, posted now. */
export function mastodonPost(id: string, author: string, text: string): RawPost {
  return {
    source: 'mastodon',
    externalId: id,
    url: `https://social.example/@${author}/${id}`,
    authorHandle: `@${author}@social.example`,
    authorName: author,
    reach: 10,
    text,
    language: 'en',
    postedAt: new Date(),
    raw: { id },
  };
}

/**
 * Stores the posts as one polled page of ACME_TAG_FEED through the real pipeline: classified, matched,
 * and opened as cases when angry, as a poll would.
 */
export async function storePosts(app: INestApplication, posts: RawPost[]): Promise<void> {
  await app.get(IngestPipeline).storePage(ACME_TAG_FEED, {
    posts,
    invalid: [],
    next: { cursor: posts.at(-1)?.externalId ?? null, etag: null, lastModified: null },
  });
}

/**
 * Records that a feed has been polled since `since`, as if Defuse had watched it all along: a post's
 * SLA clock then starts at the post's own time rather than at the first poll.
 */
export async function watchedSince(app: INestApplication, feed: { id: string; type: string }, since: Date) {
  await app
    .get(DataSource)
    .getRepository(FeedState)
    .upsert({ feedId: feed.id, type: feed.type, firstPolledAt: since }, ['feedId']);
}

/**
 * A status by @pat tagged #acme, as Mastodon's /api/v1/timelines/tag returns it (Status entity in
 * Mastodon's API documentation: the fields Defuse reads, and a few it keeps raw); `id` also sets its minute's second.
 */
export function mastodonTagStatus(id: number, text: string) {
  return {
    id: String(id),
    created_at: new Date(Date.UTC(2026, 10, 22, 8, 0, id % 60)).toISOString(),
    uri: `https://social.example/users/pat/statuses/${id}`,
    url: `https://social.example/@pat/${id}`,
    visibility: 'public',
    language: 'en',
    spoiler_text: '',
    content: `<p>${text} <a href="https://social.example/tags/acme" class="mention hashtag" rel="tag">#<span>acme</span></a></p>`,
    reblog: null,
    account: { id: '7', username: 'pat', acct: 'pat', display_name: 'Pat', followers_count: 321 },
    tags: [{ name: 'acme', url: 'https://social.example/tags/acme' }],
  };
}
