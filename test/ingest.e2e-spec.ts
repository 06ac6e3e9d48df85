import { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { FeedState } from '../src/ingest/entities/feed-state.entity';
import { Mention } from '../src/ingest/entities/mention.entity';
import { RejectedItem } from '../src/ingest/entities/rejected-item.entity';
import { FeedPollSummary, PollService } from '../src/ingest/poll.service';
import { LoopbackServer, send } from './support/loopback-server';
import { startApp, tempDbPath, testConfig } from './support/test-app';
import { apiAs } from './support/auth';

const RSS = readFileSync(join(__dirname, 'fixtures/ingest/acme-alerts.rss'), 'utf8');
const RSS_TYPE = 'application/rss+xml; charset=utf-8';

describe('ingest end to end (real HTTP feeds, real SQLite file)', () => {
  const server = new LoopbackServer();
  const db = tempDbPath();
  let app: INestApplication;
  let polls: PollService;
  let data: DataSource;
  let goodStatus = 200;
  const byFeed = (summaries: FeedPollSummary[], id: string) => summaries.find((s) => s.feedId === id)!;

  beforeAll(async () => {
    server
      .route('/good.rss', (req, res) => {
        if (goodStatus === 500) return send(res, 500, 'text/plain', 'boom');
        send(res, 200, RSS_TYPE, RSS);
      })
      .route('/down.rss', (_req, res) => send(res, 500, 'text/plain', 'internal error'))
      .route('/malformed.rss', (_req, res) =>
        send(res, 200, RSS_TYPE, '<rss version="2.0"><channel><title>x</titel></channel></rss>'),
      )
      .route('/limited.rss', (_req, res) =>
        send(res, 429, 'text/plain', 'slow down', { 'retry-after': '3600' }),
      )
      .route('/hang.rss', () => undefined)
      .route('/bad-item.json', (_req, res) =>
        send(
          res,
          200,
          'application/feed+json',
          JSON.stringify({
            version: 'https://jsonfeed.org/version/1.1',
            title: 'j',
            items: [
              42,
              { id: 'j1', content_text: 'acme is down again', date_published: '2026-11-20T08:00:00Z' },
            ],
          }),
        ),
      );
    await server.start();
    const feed = (id: string, path: string) => ({ id, type: 'feed', url: `${server.url}${path}` });
    const config = testConfig({
      database: { path: db.path },
      feeds: [
        feed('good', '/good.rss'),
        feed('down', '/down.rss'),
        feed('malformed', '/malformed.rss'),
        feed('limited', '/limited.rss'),
        feed('hang', '/hang.rss'),
        feed('bad-item', '/bad-item.json'),
      ],
    });
    app = await startApp(config);
    polls = app.get(PollService);
    data = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await server.stop();
    db.cleanup();
  });

  it('stores matching posts once, and records a readable error on each broken feed without stopping the others', async () => {
    const summaries = await polls.pollAll();

    expect(byFeed(summaries, 'good')).toMatchObject({
      counts: { new: 3, duplicate: 1, skipped: 1, invalid: 0 },
    });
    expect(byFeed(summaries, 'good').error).toBeUndefined();
    expect(byFeed(summaries, 'down')).toMatchObject({
      errorKind: 'http',
      error: expect.stringContaining('HTTP 500'),
    });
    expect(byFeed(summaries, 'malformed')).toMatchObject({
      errorKind: 'parse',
      error: expect.stringMatching(/line 1, column \d+/),
    });
    expect(byFeed(summaries, 'limited')).toMatchObject({ errorKind: 'rate-limited' });
    expect(byFeed(summaries, 'hang')).toMatchObject({
      errorKind: 'timeout',
      error: expect.stringContaining('within 2000 ms'),
    });
    expect(byFeed(summaries, 'bad-item')).toMatchObject({ counts: { new: 1, invalid: 1 } });

    const states = new Map((await data.getRepository(FeedState).find()).map((s) => [s.feedId, s]));
    expect(states.get('down')).toMatchObject({
      consecutiveFailures: 1,
      lastErrorKind: 'http',
      lastSuccessAt: null,
    });
    expect(states.get('good')).toMatchObject({ consecutiveFailures: 0, totalStored: 3 });
    expect(await data.getRepository(RejectedItem).countBy({ feedId: 'bad-item' })).toBe(1);
  });

  it('adds nothing when the same items are polled again', async () => {
    const before = await data.getRepository(Mention).count();
    const again = await polls.pollFeed('good');
    expect(again.counts).toEqual({ new: 0, duplicate: 4, skipped: 1, invalid: 0 });
    expect(await data.getRepository(Mention).count()).toBe(before);
  });

  it('keeps what is stored when a feed that worked starts failing, and backs off exponentially', async () => {
    const stored = await data.getRepository(Mention).countBy({ feedId: 'good' });
    goodStatus = 500;
    const first = await polls.pollFeed('good');
    const second = await polls.pollFeed('good');
    goodStatus = 200;
    expect(await data.getRepository(Mention).countBy({ feedId: 'good' })).toBe(stored);
    const interval = 5 * 60_000;
    const waited = (s: FeedPollSummary) => s.nextPollAt.getTime() - s.polledAt.getTime();
    const state = await data.getRepository(FeedState).findOneByOrFail({ feedId: 'good' });
    expect(state.consecutiveFailures).toBe(2);
    expect([waited(first), waited(second)]).toEqual([interval, 2 * interval]);
    const recovered = await polls.pollFeed('good');
    expect(recovered.error).toBeUndefined();
    expect(
      (await data.getRepository(FeedState).findOneByOrFail({ feedId: 'good' })).consecutiveFailures,
    ).toBe(0);
  });

  it('waits at least as long as Retry-After asks', async () => {
    const summary = await polls.pollFeed('limited');
    expect(summary.nextPollAt.getTime()).toBeGreaterThanOrEqual(Date.now() + 3_590_000);
  });

  describe('HTTP API', () => {
    it('GET /api/mentions lists mentions newest first with brands and matched terms', async () => {
      const res = await (await apiAs(app)).get('/api/mentions').expect(200);
      const texts = res.body.items.map((m: { text: string }) => m.text.split('\n')[0]);
      expect(texts).toEqual([
        'Thanks @acme, parcel arrived early',
        'Acme charged me twice',
        'Still waiting for my Acme order',
        'acme is down again',
      ]);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items[2]).toMatchObject({
        source: 'feed',
        externalId: 'https://forum.example.com/t/1001',
        url: 'https://forum.example.com/t/1001',
        author: 'dana_k',
        postedAt: '2026-11-21T09:15:00.000Z',
        brands: ['acme'],
        matchedTerms: ['acme'],
      });
      expect(res.body.items[2].text).toBe(
        'Still waiting for my Acme order\nOrdered from Acme three weeks ago & still nothing. #acmefail',
      );
      expect(res.body.items[0].matchedTerms).toEqual(['acme', '@acme']);
    });

    it('pages with nextCursor and filters by brand, source and since', async () => {
      const http = await apiAs(app);
      const first = await http.get('/api/mentions?limit=3').expect(200);
      expect(first.body.items).toHaveLength(3);
      const second = await http.get(`/api/mentions?limit=3&cursor=${first.body.nextCursor}`).expect(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.nextCursor).toBeNull();
      const ids = [...first.body.items, ...second.body.items].map((m: { id: number }) => m.id);
      expect(new Set(ids).size).toBe(4);
      expect(
        (await http.get('/api/mentions?since=2026-11-21T10:00:00Z').expect(200)).body.items,
      ).toHaveLength(2);
      expect((await http.get('/api/mentions?brand=acme&source=feed').expect(200)).body.items).toHaveLength(4);
      expect((await http.get('/api/mentions?brand=globex').expect(200)).body.items).toHaveLength(0);
      expect((await http.get('/api/mentions?source=mastodon').expect(200)).body.items).toHaveLength(0);
    });

    it('answers a bad request with 400 and says what is wrong', async () => {
      const http = await apiAs(app);
      const bad = await http.get('/api/mentions?since=yesterday&limit=0&source=myspace').expect(400);
      expect(bad.body.message).toEqual(
        expect.arrayContaining([
          'since must be an ISO-8601 date or time, e.g. 2026-11-22T08:00:00Z',
          'limit must not be less than 1',
          'source must be one of feed, mastodon, bluesky, reddit, hackernews',
        ]),
      );
      // Week dates and zone-less times pass a plain ISO-8601 check but are not instants (they were a 500).
      for (const since of ['2026-W47', '2026-11-22T08', '2026-11-22T08:00'])
        expect((await http.get(`/api/mentions?since=${since}`).expect(400)).body.message).toEqual([
          'since must be an ISO-8601 date or time, e.g. 2026-11-22T08:00:00Z',
        ]);
      await http.get('/api/mentions?since=2026-11-22T08:00:00%2B01:00').expect(200);
      expect((await http.get('/api/mentions?cursor=garbage').expect(400)).body.message).toMatch(
        /cursor is not one this API gave out/,
      );
      expect((await http.get('/api/mentions?colour=red').expect(400)).body.message).toEqual([
        'property colour should not exist',
      ]);
    });

    it('GET /api/feeds shows every feed with its health', async () => {
      const res = await (await apiAs(app)).get('/api/feeds').expect(200);
      const byId = new Map(res.body.items.map((f: { id: string }) => [f.id, f]));
      expect(byId.get('good')).toMatchObject({
        status: 'ok',
        consecutiveFailures: 0,
        totalStored: 3,
        brands: ['acme'],
      });
      expect(byId.get('down')).toMatchObject({
        status: 'failing',
        lastError: expect.stringContaining('HTTP 500'),
        lastSuccessAt: null,
      });
      expect(byId.get('hang')).toMatchObject({ status: 'failing', lastErrorKind: 'timeout' });
    });

    it('POST /api/feeds/:id/poll polls one feed now, for admins only', async () => {
      const admin = await apiAs(app, 'admin');
      const polled = await admin.post('/api/feeds/good/poll').expect(200);
      // Nothing new since the first poll: the items are known, none stored twice.
      expect(polled.body).toMatchObject({ feedId: 'good', error: null });
      expect(polled.body.counts.new).toBe(0);
      const failing = await admin.post('/api/feeds/down/poll').expect(200);
      expect(failing.body.error).toContain('HTTP 500');
      expect((await admin.post('/api/feeds/nope/poll').expect(404)).body.message).toBe(
        'no enabled feed "nope"',
      );
      await (await apiAs(app, 'agent')).post('/api/feeds/good/poll').expect(403);
    });

    it('GET /api/brands lists the configured brands with their first-response target', async () => {
      const res = await (await apiAs(app, 'viewer')).get('/api/brands').expect(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          id: 'acme',
          name: 'Acme',
          query: expect.objectContaining({ any: ['acme'] }),
        }),
      ]);
      expect(res.body.items[0].sla).toEqual(expect.any(String));
    });

    it('GET /api/health reports the database and feed counts', async () => {
      const res = await request(app.getHttpServer()).get('/api/health').expect(200);
      expect(res.body).toMatchObject({
        status: 'ok',
        database: 'ok',
        feeds: { total: 6, ok: 2, failing: 4, pending: 0, disabled: 0 },
      });
    });
  });
});
