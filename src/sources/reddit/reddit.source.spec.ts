import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoopbackServer, send } from '../../../test/support/loopback-server';
import { FeedConfigOf } from '../../config/config.schema';
import { HttpClient } from '../http/http-client';
import { SourceError } from '../source.errors';
import { FeedCursor, SourcePage } from '../source.types';
import { RedditSource } from './reddit.source';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '../../../test/fixtures/reddit', name), 'utf8');
const json = (res: Parameters<typeof send>[0], body: string) =>
  send(res, 200, 'application/json; charset=UTF-8', body);

const USER_AGENT = 'Defuse/0.1 (self-hosted complaint monitor; contact ops@acme.example)';
const NEWEST = '1714642300'; // 2024-05-02T09:31:40Z, the first post of search-1.json
const CURSOR = '1714638000'; // 2024-05-02T08:20:00Z

describe('RedditSource', () => {
  let server: LoopbackServer;
  const http = new HttpClient({
    timeoutMs: 5000,
    maxBodyBytes: 1_000_000,
    maxRedirects: 3,
    userAgent: USER_AGENT,
  });

  beforeEach(async () => {
    server = await new LoopbackServer().start();
  });
  afterEach(() => server.stop());

  const source = (over: Partial<FeedConfigOf<'reddit'>> = {}) =>
    new RedditSource(
      {
        id: 'reddit',
        type: 'reddit',
        enabled: true,
        maxPages: 5,
        baseUrl: server.url,
        query: 'acme fiber',
        format: 'json',
        ...over,
      },
      http,
    );
  const cursor = (c: string | null): FeedCursor => ({ cursor: c, etag: null, lastModified: null });
  const collect = async (it: AsyncIterable<SourcePage>) => {
    const pages: SourcePage[] = [];
    for await (const p of it) pages.push(p);
    return pages;
  };
  /** No `after` -> page 1; any `after` -> page 2. */
  const routeSearch = (path = '/search.json') =>
    server.route(path, (req, res) =>
      json(
        res,
        fixture(new URL(req.url!, server.url).searchParams.has('after') ? 'search-2.json' : 'search-1.json'),
      ),
    );

  it('normalises posts, sends the configured User-Agent and reads one page on the first poll', async () => {
    routeSearch();
    const pages = await collect(source().fetchPages(cursor(null)));

    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req.headers['user-agent']).toBe(USER_AGENT);
    expect(Object.fromEntries(req.url.searchParams)).toEqual({
      q: 'acme fiber',
      sort: 'new',
      limit: '100',
      raw_json: '1',
    });
    expect(pages).toHaveLength(1);
    expect(pages[0].next.cursor).toBe(NEWEST);

    const [self, link, deleted] = pages[0].posts;
    expect(self).toEqual({
      source: 'reddit',
      externalId: 't3_1ci3k9z',
      url: 'https://www.reddit.com/r/HomeNetworking/comments/1ci3k9z/acme_fiber_router_keeps_dropping_every_20_minutes/',
      authorHandle: 'u/throwaway_fiber',
      authorName: 'throwaway_fiber',
      reach: null,
      text: 'Acme Fiber router keeps dropping every 20 minutes\nModel AX-3000. Tried factory reset & new cable.\nSupport says it\'s "on my end" <sigh>',
      language: null,
      postedAt: new Date('2024-05-02T09:31:40Z'),
      raw: JSON.parse(fixture('search-1.json')).data.children[0],
    });
    expect(link.text).toBe('Acme billed me twice and the chat bot just loops');
    expect(deleted).toMatchObject({
      authorHandle: null,
      authorName: null,
      text: 'Anyone else with Acme outage in Lyon?\n[removed]',
    });
  });

  it('searches one subreddit with restrict_sr', async () => {
    routeSearch('/r/ISP/search.json');
    await collect(source({ subreddit: 'ISP' }).fetchPages(cursor(null)));
    expect(server.requests[0].path).toBe('/r/ISP/search.json');
    expect(server.requests[0].url.searchParams.get('restrict_sr')).toBe('1');
  });

  it('follows `after` until it reaches the cursor and moves the cursor only on the last page', async () => {
    routeSearch();
    const pages = await collect(source().fetchPages(cursor(CURSOR)));

    expect(server.requests.map((r) => r.url.searchParams.get('after'))).toEqual([null, 't3_1ci38wq']);
    expect(pages.map((p) => p.next.cursor)).toEqual([CURSOR, NEWEST]);
    // Page 2: a comment, a post from the cursor's own second (kept), an older post (dropped, ends the poll).
    expect(pages[1].posts.map((p) => p.externalId)).toEqual(['t1_l2a9xk4', 't3_1ci1zz9']);
    expect(pages[1].posts[0]).toMatchObject({
      url: 'https://www.reddit.com/r/ISP/comments/1ci1abc/acme_outage/l2a9xk4/',
      authorHandle: 'u/comment_carl',
      text: "Same here. Acme's status page is green,\nbut nothing loads.",
    });
    expect(pages[1].invalid).toEqual([
      { reason: 'listing child has no fullname (data.name)', raw: expect.objectContaining({ kind: 't3' }) },
    ]);
  });

  it('stops at maxPages', async () => {
    server.route('/search.json', (_req, res) => json(res, fixture('search-1.json')));
    const pages = await collect(source({ maxPages: 3 }).fetchPages(cursor(CURSOR)));
    expect(server.requests).toHaveLength(3);
    expect(pages.map((p) => p.next.cursor)).toEqual([CURSOR, CURSOR, NEWEST]);
  });

  it('gives a readable parse error naming the URL when the page is not a Listing', async () => {
    server.route('/search.json', (_req, res) => json(res, '{"message": "Forbidden", "error": 403}'));
    const err = await collect(source().fetchPages(cursor(null))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ kind: 'parse' });
    expect((err as Error).message).toContain(`${server.url}/search.json?q=acme+fiber`);
    expect((err as Error).message).toContain('Listing');
  });

  it('propagates a 429 with Retry-After as a rate-limited SourceError', async () => {
    server.route('/search.json', (_req, res) =>
      send(res, 429, 'text/html', '<html><body>Too Many Requests</body></html>', { 'Retry-After': '120' }),
    );
    const before = Date.now();
    const err = await collect(source().fetchPages(cursor(null))).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'SourceError', kind: 'rate-limited' });
    const retryAt = (err as SourceError).retryAt!.getTime();
    expect(retryAt).toBeGreaterThanOrEqual(before + 120_000);
    expect(retryAt).toBeLessThan(Date.now() + 121_000);
  });

  it('RSS mode yields the same fullnames and texts as JSON for the same posts', async () => {
    routeSearch();
    server.route('/search.rss', (_req, res) =>
      send(res, 200, 'application/atom+xml; charset=UTF-8', fixture('search.rss')),
    );
    const [fromJson] = await collect(source().fetchPages(cursor(null)));
    const pages = await collect(source({ format: 'rss' }).fetchPages(cursor(null)));

    const rssReq = server.requestsTo('/search.rss')[0];
    expect(Object.fromEntries(rssReq.url.searchParams)).toEqual({ q: 'acme fiber', sort: 'new' });
    expect(rssReq.headers['user-agent']).toBe(USER_AGENT);
    expect(pages).toHaveLength(1);
    const [rss] = pages;
    expect(rss.invalid).toEqual([]);
    expect(rss.posts.map((p) => p.externalId)).toEqual(fromJson.posts.map((p) => p.externalId));
    expect(rss.posts.map((p) => p.source)).toEqual(['reddit', 'reddit', 'reddit']);
    expect(rss.posts[0]).toMatchObject({
      url: fromJson.posts[0].url,
      authorHandle: 'u/throwaway_fiber',
      authorName: 'throwaway_fiber',
      text: fromJson.posts[0].text,
      postedAt: fromJson.posts[0].postedAt,
    });
    expect(rss.posts[2].authorHandle).toBeNull();
    expect(rss.next.cursor).toBe(NEWEST);

    // Next poll: entries older than the cursor are left out, the cursor stays.
    const again = await collect(source({ format: 'rss' }).fetchPages(cursor(NEWEST)));
    expect(again[0].posts.map((p) => p.externalId)).toEqual(['t3_1ci3k9z']);
    expect(again[0].next.cursor).toBe(NEWEST);
  });
});
