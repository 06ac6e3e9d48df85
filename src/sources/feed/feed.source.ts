import type { FeedConfigOf } from '../../config/config.schema';
import { HttpClient } from '../http/http-client';
import type { FeedCursor, MentionSource, SourcePage } from '../source.types';
import { parseFeedDocument } from './feed-document';

/** Feed formats first, generic XML/JSON after, anything last (some servers only know text/html). */
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/feed+json;q=0.9, ' +
  'application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.7, */*;q=0.1';

/** An RSS, RDF, Atom or JSON Feed at a URL, fetched with a conditional GET. */
export class FeedSource implements MentionSource {
  readonly feedId: string;

  constructor(
    private readonly config: FeedConfigOf<'feed'>,
    private readonly http: HttpClient,
  ) {
    this.feedId = config.id;
  }

  async *fetchPages(since: FeedCursor, signal?: AbortSignal): AsyncIterable<SourcePage> {
    const response = await this.http.request(this.config.url, {
      signal,
      headers: {
        accept: ACCEPT,
        'if-none-match': since.etag ?? undefined,
        'if-modified-since': since.lastModified ?? undefined,
      },
    });
    if (response.status === 304) {
      yield { posts: [], invalid: [], next: { ...since }, notModified: true };
      return;
    }
    const { posts, invalid } = parseFeedDocument(response.body, {
      contentType: response.headers.get('content-type'),
      feedId: this.feedId,
      // After redirects: relative links resolve against where the document really is.
      documentUrl: response.url,
      fetchedAt: new Date(),
    });
    yield {
      posts,
      invalid,
      next: {
        cursor: since.cursor,
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      },
    };
  }
}
