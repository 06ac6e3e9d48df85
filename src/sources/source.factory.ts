import { Inject, Injectable } from '@nestjs/common';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig, FeedConfig } from '../config/config.schema';
import { BlueskySource } from './bluesky/bluesky.source';
import { FeedSource } from './feed/feed.source';
import { FileSource } from './feed/file.source';
import { HackerNewsSource } from './hackernews/hackernews.source';
import { HttpClient } from './http/http-client';
import { MastodonSource } from './mastodon/mastodon.source';
import { RedditSource } from './reddit/reddit.source';
import { MentionSource } from './source.types';

/**
 * Builds one adapter per configured feed and keeps it for the life of the process (adapters may hold
 * a session, e.g. Bluesky's tokens). All share one HttpClient with the configured limits.
 */
@Injectable()
export class SourceFactory {
  private readonly http: HttpClient;
  private readonly maxFileBytes: number;
  private readonly sources = new Map<string, MentionSource>();

  constructor(@Inject(DEFUSE_CONFIG) config: DefuseConfig) {
    this.maxFileBytes = config.http.maxBodyBytes;
    this.http = new HttpClient({
      timeoutMs: config.http.timeout,
      maxBodyBytes: config.http.maxBodyBytes,
      maxRedirects: config.http.maxRedirects,
      userAgent: config.http.userAgent,
    });
  }

  for(feed: FeedConfig): MentionSource {
    let source = this.sources.get(feed.id);
    if (!source) {
      source = this.create(feed);
      this.sources.set(feed.id, source);
    }
    return source;
  }

  private create(feed: FeedConfig): MentionSource {
    switch (feed.type) {
      case 'feed':
        return new FeedSource(feed, this.http);
      case 'file':
        // Relative paths are relative to the working directory, like DEFUSE_DB and DEFUSE_CONFIG.
        return new FileSource(feed, process.cwd(), this.maxFileBytes);
      case 'mastodon':
        return new MastodonSource(feed, this.http);
      case 'bluesky':
        return new BlueskySource(feed, this.http);
      case 'reddit':
        return new RedditSource(feed, this.http);
      case 'hackernews':
        return new HackerNewsSource(feed, this.http);
    }
  }
}
