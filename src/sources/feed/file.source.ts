import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FeedConfigOf } from '../../config/config.schema';
import { SourceError } from '../source.errors';
import type { FeedCursor, MentionSource, SourcePage } from '../source.types';
import { parseFeedDocument } from './feed-document';

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/feed+json',
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.rdf': 'application/rdf+xml',
};

/** A feed document on disk (the offline demo sample, or an export dropped in a folder). */
export class FileSource implements MentionSource {
  readonly feedId: string;
  /** Absolute, so messages name the exact file that was looked for. */
  private readonly filePath: string;

  constructor(
    config: FeedConfigOf<'file'>,
    baseDir: string,
    /** The same cap as HTTP bodies (http.maxBodyBytes): a file is no more trusted than a server. */
    private readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {
    this.feedId = config.id;
    this.filePath = path.resolve(baseDir, config.path);
  }

  async *fetchPages(since: FeedCursor, signal?: AbortSignal): AsyncIterable<SourcePage> {
    const info = await this.access(() => stat(this.filePath));
    if (info.size > this.maxBytes) {
      throw new SourceError(
        `feed file ${this.filePath} is larger than the ${this.maxBytes}-byte limit; refused`,
        'too-large',
      );
    }
    const modified = info.mtime.toISOString();
    // The file's mtime plays the part of Last-Modified: unchanged file, nothing to parse.
    if (since.lastModified === modified) {
      yield { posts: [], invalid: [], next: { ...since }, notModified: true };
      return;
    }
    const bytes = await this.access(() => readFile(this.filePath, { signal }));
    const { posts, invalid } = parseFeedDocument(bytes, {
      contentType: CONTENT_TYPES[path.extname(this.filePath).toLowerCase()] ?? null,
      feedId: this.feedId,
      documentUrl: pathToFileURL(this.filePath).href,
      fetchedAt: new Date(),
    });
    yield { posts, invalid, next: { cursor: since.cursor, etag: null, lastModified: modified } };
  }

  private async access<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        throw new SourceError(
          `feed file not found: ${this.filePath} (check "path" in the feed's config)`,
          'config',
        );
      }
      if (code === 'ABORT_ERR') throw new SourceError(`reading ${this.filePath} was cancelled`, 'network');
      throw new SourceError(
        `cannot read feed file ${this.filePath}: ${code ?? (err as Error).message}`,
        'config',
      );
    }
  }
}
