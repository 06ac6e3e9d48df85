/** A feed could not be read. `message` is written for a person reading the feed's health. */
export class SourceError extends Error {
  constructor(
    message: string,
    /** Short machine-readable kind, shown in /api/feeds. */
    readonly kind: SourceErrorKind,
    /** Do not poll this feed again before this time (429 Retry-After, rate-limit reset). */
    readonly retryAt?: Date,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export type SourceErrorKind =
  'timeout' | 'too-large' | 'redirects' | 'http' | 'rate-limited' | 'network' | 'parse' | 'auth' | 'config';
