import { SourceError } from '../source.errors';

export interface HttpLimits {
  /** Whole request, headers and body, in milliseconds. */
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  userAgent: string;
}

export interface HttpRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string | undefined>;
  /** Sent as JSON with a JSON content type. */
  json?: unknown;
  signal?: AbortSignal;
  /** Statuses the caller handles itself instead of getting a SourceError (e.g. Bluesky's 400 ExpiredToken). */
  acceptStatus?: (status: number) => boolean;
}

export interface HttpResponse {
  status: number;
  /** Final URL after redirects. */
  url: string;
  headers: Headers;
  body: Buffer;
}

/**
 * The one way Defuse talks HTTP to a platform: every request has a timeout, a body size cap and a
 * redirect limit, and rate-limit answers become a SourceError carrying the time to come back.
 * Built on Node's fetch with redirects followed by hand, so the limit is ours and each hop is checked.
 */
export class HttpClient {
  constructor(readonly limits: HttpLimits) {}

  async request(url: string, req: HttpRequest = {}): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(this.limits.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const headers: Record<string, string> = { 'user-agent': this.limits.userAgent, accept: '*/*' };
    for (const [k, v] of Object.entries(req.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
    let body: string | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    let current = url;
    let method = req.method ?? 'GET';
    try {
      for (let hop = 0; ; hop++) {
        const res = await fetch(current, {
          method: req.method ?? 'GET',
          headers,
          body,
          redirect: 'manual',
          signal,
        });
        if (res.status >= 300 && res.status < 400 && res.status !== 304 && res.headers.has('location')) {
          await res.body?.cancel();
          if (hop >= this.limits.maxRedirects) {
            throw new SourceError(
              `too many redirects (more than ${this.limits.maxRedirects}) starting at ${url}`,
              'redirects',
            );
          }
          const next = new URL(res.headers.get('location') as string, current);
          // Credentials stay with the origin they were meant for; a 303 (or 301/302 after POST) turns into a GET.
          if (next.origin !== new URL(current).origin) delete headers.authorization;
          if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
            delete headers['content-type'];
          }
          current = next.toString();
          continue;
        }
        if (!(req.acceptStatus?.(res.status) ?? false)) this.assertOk(res, current);
        const bytes = await this.readBody(res, current);
        return { status: res.status, url: current, headers: res.headers, body: bytes };
      }
    } catch (err) {
      if (err instanceof SourceError) throw err;
      if (timeout.aborted) {
        throw new SourceError(
          `no complete answer from ${current} within ${this.limits.timeoutMs} ms`,
          'timeout',
        );
      }
      if (req.signal?.aborted) throw new SourceError(`request to ${current} was cancelled`, 'network');
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const detail = cause?.code ?? cause?.message ?? (err as Error).message;
      throw new SourceError(`could not reach ${current}: ${detail}`, 'network');
    }
  }

  async getJson<T = unknown>(
    url: string,
    req: HttpRequest = {},
  ): Promise<{ data: T; response: HttpResponse }> {
    const response = await this.request(url, {
      ...req,
      headers: { accept: 'application/json', ...req.headers },
    });
    return { data: parseJsonBody<T>(response), response };
  }

  private assertOk(res: Response, url: string): void {
    if (res.status === 304 || (res.status >= 200 && res.status < 300)) return;
    void res.body?.cancel();
    if (res.status === 429 || res.status === 503) {
      const retryAt = parseRetryAfter(res.headers.get('retry-after'));
      if (res.status === 429 || retryAt) {
        const when = retryAt ? `; retry after ${retryAt.toISOString()}` : '';
        throw new SourceError(`rate limited by ${url} (HTTP ${res.status})${when}`, 'rate-limited', retryAt);
      }
    }
    const kind = res.status === 401 || res.status === 403 ? 'auth' : 'http';
    throw new SourceError(`HTTP ${res.status} ${res.statusText} from ${url}`.trim(), kind);
  }

  private async readBody(res: Response, url: string): Promise<Buffer> {
    const max = this.limits.maxBodyBytes;
    const tooLarge = () =>
      new SourceError(`response from ${url} is larger than the ${max}-byte limit; refused`, 'too-large');
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > max) {
      await res.body?.cancel();
      throw tooLarge();
    }
    if (!res.body) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    let total = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(Buffer.from(value));
    }
    return Buffer.concat(chunks, total);
  }
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): Date | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return new Date(now + Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : new Date(date);
}

export function parseJsonBody<T>(response: HttpResponse): T {
  try {
    // A UTF-8 byte order mark is legal before JSON text and JSON.parse refuses it.
    return JSON.parse(response.body.toString('utf8').replace(/^\uFEFF/, '')) as T;
  } catch {
    const start = response.body.subarray(0, 60).toString('utf8').replace(/\s+/g, ' ');
    throw new SourceError(`expected JSON from ${response.url} but got: ${start}`, 'parse');
  }
}
