import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

/**
 * A real HTTP server on 127.0.0.1 for tests: routes by path (query string ignored for matching),
 * records every request, and can be closed even while a handler is hanging.
 */
export class LoopbackServer {
  readonly requests: {
    method: string;
    path: string;
    url: URL;
    headers: IncomingMessage['headers'];
    body: string;
  }[] = [];
  private readonly routes = new Map<string, Route>();
  private server?: Server;
  private readonly sockets = new Set<import('node:net').Socket>();

  route(path: string, handler: Route): this {
    this.routes.set(path, handler);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', this.url);
        const body = Buffer.concat(chunks).toString('utf8');
        this.requests.push({
          method: req.method ?? 'GET',
          path: url.pathname,
          url,
          headers: req.headers,
          body,
        });
        const handler = this.routes.get(url.pathname);
        if (!handler) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
          return;
        }
        Promise.resolve(handler(req, res, body)).catch((err: unknown) => {
          if (!res.headersSent) res.writeHead(500).end(String(err));
        });
      });
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  requestsTo(path: string) {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Sends a body with a content type (and optional extra headers). */
export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': contentType, ...headers }).end(body);
}

/**
 * A Mastodon hashtag timeline (`GET /api/v1/timelines/tag/:tag`) over `statuses`, as an instance pages
 * it: newest first, only the statuses after `min_id`. The list is read on every request, so a test
 * pushes new statuses and polls again.
 */
export function serveMastodonTag(
  server: LoopbackServer,
  tag: string,
  statuses: readonly Record<string, unknown>[],
): void {
  server.route(`/api/v1/timelines/tag/${tag}`, (req, res) => {
    const minId = Number(new URL(req.url ?? '', server.url).searchParams.get('min_id') ?? 0);
    const page = statuses.filter((s) => Number(s.id) > minId).sort((a, b) => Number(b.id) - Number(a.id));
    send(res, 200, 'application/json', JSON.stringify(page));
  });
}
