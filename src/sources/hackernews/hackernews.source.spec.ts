import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoopbackServer, send } from '../../../test/support/loopback-server';
import { FeedConfigOf } from '../../config/config.schema';
import { HttpClient } from '../http/http-client';
import { FeedCursor, SourcePage } from '../source.types';
import { HackerNewsSource, INDEX_LAG_SECONDS } from './hackernews.source';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '../../../test/fixtures/hackernews', name), 'utf8');
const json = (res: Parameters<typeof send>[0], body: string) =>
  send(res, 200, 'application/json; charset=UTF-8', body);

const PATH = '/api/v1/search_by_date';
const NEWEST = '1714642815'; // the comment at the top of search-page-0.json
const CURSOR = '1714638000';

describe('HackerNewsSource', () => {
  let server: LoopbackServer;
  const http = new HttpClient({
    timeoutMs: 5000,
    maxBodyBytes: 1_000_000,
    maxRedirects: 3,
    userAgent: 'Defuse-test/1.0',
  });

  beforeEach(async () => {
    server = await new LoopbackServer().start();
  });
  afterEach(() => server.stop());

  const source = (over: Partial<FeedConfigOf<'hackernews'>> = {}) =>
    new HackerNewsSource(
      {
        id: 'hn',
        type: 'hackernews',
        enabled: true,
        maxPages: 5,
        baseUrl: server.url,
        query: 'acme',
        tags: '(story,comment)',
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
  const routeByPage = () =>
    server.route(PATH, (req, res) => {
      const page = new URL(req.url!, server.url).searchParams.get('page');
      json(res, fixture(page === '0' ? 'search-page-0.json' : 'search-page-1.json'));
    });

  it('normalises comments and stories and reads one page on the first poll', async () => {
    routeByPage();
    const pages = await collect(source().fetchPages(cursor(null)));

    expect(server.requests).toHaveLength(1);
    expect(Object.fromEntries(server.requests[0].url.searchParams)).toEqual({
      query: 'acme',
      tags: '(story,comment)',
      hitsPerPage: '100',
      page: '0',
    });
    expect(pages).toHaveLength(1);
    expect(pages[0].next.cursor).toBe(NEWEST);

    const [comment, story] = pages[0].posts;
    expect(comment).toEqual({
      source: 'hackernews',
      externalId: '40234890',
      url: 'https://news.ycombinator.com/item?id=40234890',
      authorHandle: 'jdoe_sre',
      authorName: 'jdoe_sre',
      reach: null,
      text:
        'Acme Cloud us-east-2 outage\nWe moved off Acme Cloud after the third outage this quarter.\n' +
        'Their status page said "all systems operational" the whole time & support\'s answer was to open a ticket. ' +
        'https://status.acme.example/incidents/123',
      language: null,
      postedAt: new Date('2024-05-02T09:40:15Z'),
      raw: JSON.parse(fixture('search-page-0.json')).hits[0],
    });
    expect(story).toMatchObject({
      externalId: '40234567',
      text: 'Ask HN: Is Acme Cloud support always this slow?\nOpened a P1 ticket 30 hours ago — still no human reply.\nIs there a trick to get <escalation>?',
      postedAt: new Date(1714641123 * 1000),
    });
  });

  it('filters by created_at_i on the next poll and pages until nbPages, moving the cursor on the last page', async () => {
    routeByPage();
    const pages = await collect(source().fetchPages(cursor(CURSOR)));

    const params = server.requests.map((r) => r.url.searchParams);
    expect(params.map((p) => p.get('numericFilters'))).toEqual([
      `created_at_i>${Number(CURSOR) - INDEX_LAG_SECONDS}`,
      `created_at_i>${Number(CURSOR) - INDEX_LAG_SECONDS}`,
    ]);
    expect(params.map((p) => p.get('page'))).toEqual(['0', '1']);
    expect(pages.map((p) => p.next.cursor)).toEqual([CURSOR, NEWEST]);
    expect(pages[1].posts.map((p) => p.text)).toEqual(['Acme Cloud raises egress prices by 40%']);
    expect(pages[1].invalid).toEqual([
      { reason: 'hit has no objectID', raw: expect.objectContaining({ comment_text: '[flagged]' }) },
    ]);
  });

  it('stops at maxPages', async () => {
    server.route(PATH, (_req, res) =>
      json(res, fixture('search-page-0.json').replace('"nbPages": 2', '"nbPages": 10')),
    );
    const pages = await collect(source({ maxPages: 3 }).fetchPages(cursor(CURSOR)));
    expect(server.requests.map((r) => r.url.searchParams.get('page'))).toEqual(['0', '1', '2']);
    expect(pages.map((p) => p.next.cursor)).toEqual([CURSOR, CURSOR, NEWEST]);
  });

  it('gives a readable parse error naming the URL when the answer has no hits', async () => {
    server.route(PATH, (_req, res) =>
      json(res, '{"message":"Invalid syntax for numeric value","status":400}'),
    );
    const err = await collect(source().fetchPages(cursor(null))).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'SourceError', kind: 'parse' });
    expect((err as Error).message).toContain(`${server.url}${PATH}?query=acme`);
    expect((err as Error).message).toContain('"hits" array');
  });
});
