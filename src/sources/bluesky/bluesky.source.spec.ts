import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoopbackServer, send } from '../../../test/support/loopback-server';
import { FeedConfigOf } from '../../config/config.schema';
import { HttpClient } from '../http/http-client';
import { FeedCursor, SourcePage } from '../source.types';
import { BlueskySource } from './bluesky.source';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '../../../test/fixtures/bluesky', name), 'utf8');
const json = (res: Parameters<typeof send>[0], body: string, status = 200) =>
  send(res, status, 'application/json; charset=utf-8', body);

const CREATE = '/xrpc/com.atproto.server.createSession';
const REFRESH = '/xrpc/com.atproto.server.refreshSession';
const SEARCH = '/xrpc/app.bsky.feed.searchPosts';
const PASSWORD = 'abcd-efgh-ijkl-mnop';
const ACCESS_1 = 'Bearer eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJFUzI1NksifQ.access-one.sig';
const ACCESS_2 = 'Bearer eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJFUzI1NksifQ.access-two.sig';
const REFRESH_1 = 'Bearer eyJ0eXAiOiJyZWZyZXNoK2p3dCIsImFsZyI6IkVTMjU2SyJ9.refresh-one.sig';
const SINCE = '2024-05-02T08:00:00.000Z';

describe('BlueskySource', () => {
  let server: LoopbackServer;
  const http = new HttpClient({
    timeoutMs: 5000,
    maxBodyBytes: 1_000_000,
    maxRedirects: 3,
    userAgent: 'Defuse-test/1.0',
  });

  beforeEach(async () => {
    server = await new LoopbackServer().start();
    server.route(CREATE, (_req, res) => json(res, fixture('session.json')));
    server.route(REFRESH, (_req, res) => json(res, fixture('refreshed-session.json')));
  });
  afterEach(() => server.stop());

  const source = (
    over: Partial<FeedConfigOf<'bluesky'>> = {},
    env: NodeJS.ProcessEnv = { BSKY_PASSWORD: PASSWORD },
  ) =>
    new BlueskySource(
      {
        id: 'bsky',
        type: 'bluesky',
        enabled: true,
        maxPages: 5,
        service: `${server.url}/`,
        handle: 'acme-support.bsky.social',
        passwordEnv: 'BSKY_PASSWORD',
        query: 'acme fiber',
        ...over,
      },
      http,
      env,
    );
  const cursor = (c: string | null): FeedCursor => ({ cursor: c, etag: null, lastModified: null });
  const collect = async (it: AsyncIterable<SourcePage>) => {
    const pages: SourcePage[] = [];
    for await (const p of it) pages.push(p);
    return pages;
  };
  /** Answers search pages by the `cursor` parameter: none -> page 1, "100" -> page 2. */
  const routeSearch = () =>
    server.route(SEARCH, (req, res) => {
      const c = new URL(req.url!, server.url).searchParams.get('cursor');
      json(res, fixture(c === null ? 'search-1.json' : 'search-2.json'));
    });

  it('logs in, searches, normalises posts and reads only the newest page on the first poll', async () => {
    routeSearch();
    const pages = await collect(source({ lang: 'es' }).fetchPages(cursor(null)));

    expect(server.requests.map((r) => r.path)).toEqual([CREATE, SEARCH]);
    expect(JSON.parse(server.requests[0].body)).toEqual({
      identifier: 'acme-support.bsky.social',
      password: PASSWORD,
    });
    const search = server.requests[1];
    expect(search.headers.authorization).toBe(ACCESS_1);
    expect(Object.fromEntries(search.url.searchParams)).toEqual({
      q: 'acme fiber',
      sort: 'latest',
      limit: '100',
      lang: 'es',
    });

    expect(pages).toHaveLength(1);
    const [maria, anon] = pages[0].posts;
    expect(maria).toEqual({
      source: 'bluesky',
      externalId: 'at://did:plc:7iza6de2dwap2sbkpav7c6c6/app.bsky.feed.post/3kraxq2blbs2e',
      url: 'https://bsky.app/profile/maria.bsky.social/post/3kraxq2blbs2e',
      authorHandle: 'maria.bsky.social',
      authorName: 'María López',
      reach: null,
      // Record text is plain: "<abajo" stays text, blank lines and double spaces collapse.
      text: 'Llevo 3 días sin fibra de Acme & nadie responde.\nVelocidad <abajo de 1 Mbps desde el lunes',
      language: 'es',
      postedAt: new Date('2024-05-02T09:20:11.123Z'),
      raw: JSON.parse(fixture('search-1.json')).posts[0],
    });
    expect(anon).toMatchObject({
      url: 'https://bsky.app/profile/did:plc:4llrhdclvdlmmynkwsmg5tdc/post/3kraxm7pwjc2y',
      authorName: null,
      reach: 812,
      postedAt: new Date('2030-01-01T00:00:00.000Z'),
    });
    // The post dated 2030 counts at its indexedAt, so it cannot push the cursor into the future.
    expect(pages[0].next.cursor).toBe('2024-05-02T09:20:11.123Z');
  });

  it('sends since, follows the response cursor and moves the feed cursor only on the last page', async () => {
    routeSearch();
    const bsky = source();
    await collect(bsky.fetchPages(cursor(null)));
    server.requests.length = 0;

    const pages = await collect(bsky.fetchPages(cursor(SINCE)));
    // The session is kept across polls: no second login.
    expect(server.requests.map((r) => r.path)).toEqual([SEARCH, SEARCH]);
    expect(server.requests.map((r) => r.url.searchParams.get('since'))).toEqual([SINCE, SINCE]);
    expect(server.requests.map((r) => r.url.searchParams.get('cursor'))).toEqual([null, '100']);
    expect(pages.map((p) => p.next.cursor)).toEqual([SINCE, '2024-05-02T09:20:11.123Z']);
    expect(pages[1].posts.map((p) => p.authorHandle)).toEqual(['tom.example.com']);
    expect(pages[1].invalid).toEqual([
      { reason: expect.stringContaining('has no record'), raw: expect.anything() },
    ]);
  });

  it('stops at maxPages', async () => {
    server.route(SEARCH, (_req, res) => json(res, fixture('search-1.json')));
    const pages = await collect(source({ maxPages: 2 }).fetchPages(cursor(SINCE)));
    expect(server.requestsTo(SEARCH)).toHaveLength(2);
    expect(pages.map((p) => p.next.cursor)).toEqual([SINCE, '2024-05-02T09:20:11.123Z']);
  });

  it('refreshes an expired token and retries the request once', async () => {
    let searches = 0;
    server.route(SEARCH, (_req, res) => {
      if (searches++ === 0) json(res, '{"error":"ExpiredToken","message":"Token has expired"}', 400);
      else json(res, fixture('search-2.json'));
    });
    const pages = await collect(source().fetchPages(cursor(SINCE)));

    expect(server.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      [CREATE, undefined],
      [SEARCH, ACCESS_1],
      [REFRESH, REFRESH_1],
      [SEARCH, ACCESS_2],
    ]);
    expect(pages[0].posts).toHaveLength(1);
  });

  it('logs in again when the refresh token is refused too', async () => {
    let searches = 0;
    server.route(SEARCH, (_req, res) => {
      if (searches++ === 0)
        json(res, '{"error":"InvalidToken","message":"Token could not be verified"}', 400);
      else json(res, fixture('search-2.json'));
    });
    server.route(REFRESH, (_req, res) =>
      json(res, '{"error":"ExpiredToken","message":"Token has expired"}', 400),
    );
    await collect(source().fetchPages(cursor(SINCE)));
    expect(server.requests.map((r) => r.path)).toEqual([CREATE, SEARCH, REFRESH, CREATE, SEARCH]);
  });

  it('reports a refused login as an auth error that never shows the password', async () => {
    server.route(CREATE, (_req, res) =>
      json(
        res,
        `{"error":"AuthenticationRequired","message":"Invalid identifier or password ${PASSWORD}"}`,
        401,
      ),
    );
    const err = await collect(source().fetchPages(cursor(null))).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'SourceError', kind: 'auth' });
    const message = (err as Error).message;
    expect(message).toContain('acme-support.bsky.social');
    expect(message).toContain('Invalid identifier or password');
    expect(message).toContain('BSKY_PASSWORD');
    expect(message).not.toContain(PASSWORD);
    expect(server.requestsTo(SEARCH)).toHaveLength(0);
  });

  it('names the missing password variable as a config error', async () => {
    const err = await collect(source({}, {}).fetchPages(cursor(null))).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'config', message: expect.stringContaining('BSKY_PASSWORD') });
    expect(server.requests).toHaveLength(0);
  });

  it('gives a readable parse error naming the URL when the page has the wrong shape', async () => {
    server.route(SEARCH, (_req, res) => json(res, '{"feed":[]}'));
    const err = await collect(source().fetchPages(cursor(null))).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'parse' });
    expect((err as Error).message).toContain(`${server.url}${SEARCH}?q=acme+fiber`);
    expect((err as Error).message).toContain('"posts" array');
  });
});
