import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Category, noFlags } from '../src/classifier/classifier.types';
import { FeedState } from '../src/ingest/entities/feed-state.entity';
import { MentionBrand } from '../src/ingest/entities/mention-brand.entity';
import { Mention } from '../src/ingest/entities/mention.entity';
import { TriageCase } from '../src/triage/entities/triage-case.entity';
import { authHeader } from './support/auth';
import { ACME, startApp, tempDbPath, testConfig } from './support/test-app';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Every figure is asked "as of" this time (?now=), so no test depends on when it runs. */
const NOW = Date.parse('2026-11-22T15:20:00.000Z');
const ago = (ms: number) => new Date(NOW - ms);

const GLOBEX = { id: 'globex', name: 'Globex', query: { any: ['globex'] } };
const FEEDS = [
  { id: 'acme-rss', type: 'feed', url: 'https://acme.example/feed.xml' },
  { id: 'masto', type: 'mastodon', instance: 'https://social.example', mode: 'tag', tag: 'acme' },
  { id: 'globex-news', type: 'feed', url: 'https://news.example/rss', brands: ['globex'] },
  { id: 'hn', type: 'hackernews', query: 'acme', enabled: false },
];

/** `length` zeros with the given counts at the given indexes. */
function counts(length: number, at: Record<number, number> = {}): number[] {
  const out = new Array<number>(length).fill(0);
  for (const [i, n] of Object.entries(at)) out[Number(i)] = n;
  return out;
}

describe('GET /api/overview (e2e)', () => {
  const db = tempDbPath();
  let app: INestApplication;
  let data: DataSource;
  let auth: Record<string, string>;
  let nextId = 1;

  const overview = async (query = `?now=${new Date(NOW).toISOString()}`) =>
    (await request(app.getHttpServer()).get(`/api/overview${query}`).set(auth).expect(200)).body;

  /** A stored post; `angry: null` is a row from before classification existed. */
  async function mention(p: {
    at: Date;
    angry: boolean | null;
    category?: Category;
    brands?: string[];
  }): Promise<number> {
    const id = nextId++;
    await data.getRepository(Mention).insert({
      id,
      source: 'mastodon',
      externalId: String(id),
      feedId: 'masto',
      url: null,
      authorHandle: `@user${id}@social.example`,
      authorName: null,
      reach: 10,
      text: `post ${id}`,
      language: 'en',
      postedAt: p.at,
      fetchedAt: p.at,
      angry: p.angry,
      score: p.angry ? 0.9 : 0.1,
      intensity: 'medium',
      category: p.angry === null ? null : (p.category ?? 'other'),
      reasons: [],
      flags: null,
      modelVersion: 'test',
      raw: '{}',
    });
    const brands = p.brands ?? ['acme'];
    await data
      .getRepository(MentionBrand)
      .insert(brands.map((brandId) => ({ mentionId: id, brandId, terms: [brandId] })));
    return id;
  }

  /** A case opened by a calm post of long ago (so it adds nothing to the mention counts). */
  async function triageCase(c: {
    openedAt: Date;
    respondedAfterMinutes?: number;
    dueAt?: Date;
    breachedAt?: Date;
    open?: boolean;
  }): Promise<void> {
    const first = await mention({ at: ago(100 * DAY), angry: false });
    const responded =
      c.respondedAfterMinutes === undefined
        ? null
        : new Date(c.openedAt.getTime() + c.respondedAfterMinutes * MINUTE);
    const open = c.open ?? true;
    await data.getRepository(TriageCase).insert({
      brandId: 'acme',
      source: 'mastodon',
      authorKey: null,
      authorHandle: null,
      authorName: null,
      status: responded ? 'replied' : open ? 'new' : 'dismissed',
      isOpen: open,
      owner: null,
      team: null,
      tags: [],
      category: 'delivery',
      score: 0.9,
      intensity: 'medium',
      reach: 10,
      flags: noFlags(),
      repeatCount: 0,
      priority: 10,
      priorityFactors: [],
      prioritySettled: false,
      escalations: [],
      firstMentionId: first,
      excerpt: 'excerpt',
      mentionCount: 1,
      openedAt: c.openedAt,
      lastPostAt: c.openedAt,
      updatedAt: c.openedAt,
      firstResponseDueAt: c.dueAt ?? new Date(c.openedAt.getTime() + HOUR),
      firstRespondedAt: responded,
      slaBreachedAt: c.breachedAt ?? null,
      repliedAt: responded,
      resolvedAt: null,
    });
  }

  beforeAll(async () => {
    app = await startApp(testConfig({ database: { path: db.path }, brands: [ACME, GLOBEX], feeds: FEEDS }));
    data = app.get(DataSource);
    auth = await authHeader(app);
  });

  afterAll(async () => {
    await app.close();
    db.cleanup();
  });

  it('refuses a caller who has not signed in', async () => {
    const res = await request(app.getHttpServer()).get('/api/overview');
    expect(res.status).toBe(401);
  });

  it('is all zeros on an empty database, with the configured feeds', async () => {
    const body = await overview();
    expect(body.generatedAt).toBe('2026-11-22T15:20:00.000Z');
    expect(body.perHour).toEqual({
      buckets: expect.any(Array),
      total: counts(24),
      byCategory: {},
      byBrand: {},
    });
    expect(body.perDay).toEqual({
      buckets: expect.any(Array),
      total: counts(30),
      byCategory: {},
      byBrand: {},
    });
    expect(body.categories).toEqual({});
    expect(body.brands).toEqual({});
    expect(body.firstResponse).toEqual({ medianMinutes: null, p90Minutes: null, replied: 0 });
    expect(body.slaBreaches).toEqual({ last24h: 0, last30d: 0, openOverdue: 0 });
    expect(body.feeds.map((f: { id: string; status: string }) => [f.id, f.status])).toEqual([
      ['acme-rss', 'pending'],
      ['masto', 'pending'],
      ['globex-news', 'pending'],
      ['hn', 'disabled'],
    ]);
  });

  it('names the buckets: the 24 UTC hours up to the current one, the 30 UTC days up to today', async () => {
    const { perHour, perDay } = await overview();
    expect(perHour.buckets).toHaveLength(24);
    expect(perHour.buckets[0]).toBe('2026-11-21T16:00:00.000Z');
    expect(perHour.buckets[23]).toBe('2026-11-22T15:00:00.000Z');
    expect(perDay.buckets).toHaveLength(30);
    expect(perDay.buckets[0]).toBe('2026-10-24');
    expect(perDay.buckets[29]).toBe('2026-11-22');
  });

  describe('with mentions, cases and feed state', () => {
    beforeAll(async () => {
      // Counted; h = index in perHour, d = index in perDay. Today 12:20 (h20, d29):
      await mention({ at: ago(3 * HOUR), angry: true, category: 'delivery' });
      // Today 12:30, about both brands (h20, d29):
      await mention({ at: ago(170 * MINUTE), angry: true, category: 'billing', brands: ['acme', 'globex'] });
      // The first instant of the current hour (h23, d29):
      await mention({ at: ago(20 * MINUTE), angry: true, category: 'delivery', brands: ['globex'] });
      // The first instant of the 24 hours (h0, d28), and the instant before it (d28 only):
      await mention({ at: new Date('2026-11-21T16:00:00.000Z'), angry: true, category: 'delivery' });
      await mention({ at: new Date('2026-11-21T15:59:59.999Z'), angry: true, category: 'delivery' });
      // Two days ago (d27):
      await mention({ at: ago(2 * DAY), angry: true, category: 'outage' });
      // The first instant of the 30 days (d0), also about initech, a brand no longer configured:
      const firstDay = new Date('2026-10-24T00:00:00.000Z');
      await mention({ at: firstDay, angry: true, category: 'pricing', brands: ['acme', 'initech'] });

      // Not counted: the instant before the 30 days, 40 days ago, calm, never classified, after the current hour.
      await mention({ at: new Date('2026-10-23T23:59:59.999Z'), angry: true, category: 'pricing' });
      await mention({ at: ago(40 * DAY), angry: true, category: 'delivery' });
      await mention({ at: ago(HOUR), angry: false });
      await mention({ at: ago(HOUR), angry: null });
      await mention({ at: new Date('2026-11-22T16:05:00.000Z'), angry: true });

      // First responses in the last 30 days: 10, 30, 60, 120 and 600 minutes.
      for (const minutes of [10, 30, 60, 120])
        await triageCase({ openedAt: ago(5 * HOUR), respondedAfterMinutes: minutes });
      // Answered late: breached 19 h ago, answered 10 h ago.
      await triageCase({ openedAt: ago(20 * HOUR), respondedAfterMinutes: 600, breachedAt: ago(19 * HOUR) });
      // Answered 31 days ago: outside the window.
      await triageCase({ openedAt: ago(31 * DAY + HOUR), respondedAfterMinutes: 5 });
      // Open and unanswered: overdue and breached an hour ago; due right now (the clock has not run yet); not due yet.
      await triageCase({ openedAt: ago(3 * HOUR), dueAt: ago(2 * HOUR), breachedAt: ago(HOUR) });
      await triageCase({ openedAt: ago(HOUR), dueAt: ago(0) });
      await triageCase({ openedAt: ago(30 * MINUTE), dueAt: ago(-30 * MINUTE) });
      // Closed unanswered: breached 3 days ago, not overdue any more. Breached 40 days ago: outside the window.
      await triageCase({ openedAt: ago(3 * DAY + 2 * HOUR), breachedAt: ago(3 * DAY), open: false });
      await triageCase({ openedAt: ago(40 * DAY + 2 * HOUR), breachedAt: ago(40 * DAY), open: false });

      const states = data.getRepository(FeedState);
      await states.insert({
        feedId: 'acme-rss',
        type: 'feed',
        lastPolledAt: ago(MINUTE),
        lastSuccessAt: ago(MINUTE),
        consecutiveFailures: 0,
        lastCounts: { new: 3, duplicate: 1, skipped: 0, invalid: 0 },
        totalStored: 12,
      });
      await states.insert({
        feedId: 'masto',
        type: 'mastodon',
        lastPolledAt: ago(2 * MINUTE),
        lastErrorAt: ago(2 * MINUTE),
        lastError: 'HTTP 503',
        lastErrorKind: 'http',
        consecutiveFailures: 2,
        totalStored: 0,
      });
    });

    it('counts angry mentions per UTC hour by when they were posted, by category and by brand', async () => {
      const { perHour } = await overview();
      expect(perHour.total).toEqual(counts(24, { 0: 1, 20: 2, 23: 1 }));
      expect(perHour.byCategory).toEqual({
        delivery: counts(24, { 0: 1, 20: 1, 23: 1 }),
        billing: counts(24, { 20: 1 }),
      });
      // The post about both brands counts once for each.
      expect(perHour.byBrand).toEqual({
        acme: counts(24, { 0: 1, 20: 2 }),
        globex: counts(24, { 20: 1, 23: 1 }),
      });
    });

    it('counts them per UTC day over 30 days', async () => {
      const { perDay } = await overview();
      expect(perDay.total).toEqual(counts(30, { 0: 1, 27: 1, 28: 2, 29: 3 }));
      expect(perDay.byCategory).toEqual({
        pricing: counts(30, { 0: 1 }),
        outage: counts(30, { 27: 1 }),
        delivery: counts(30, { 28: 2, 29: 2 }),
        billing: counts(30, { 29: 1 }),
      });
      expect(perDay.byBrand).toEqual({
        acme: counts(30, { 0: 1, 27: 1, 28: 2, 29: 2 }),
        globex: counts(30, { 29: 2 }),
        initech: counts(30, { 0: 1 }),
      });
    });

    it('labels the categories and names the brands that appear', async () => {
      const body = await overview();
      expect(body.categories).toEqual({
        delivery: 'delivery & shipping',
        billing: 'billing & refunds',
        outage: 'outage & bugs',
        pricing: 'pricing',
      });
      // A brand gone from the configuration keeps its id as its name.
      expect(body.brands).toEqual({ acme: 'Acme', globex: 'Globex', initech: 'initech' });
    });

    it('gives the median and 90th percentile of first-response times over the last 30 days', async () => {
      // 10, 30, 60, 120, 600 minutes: the median is 60; p90 lies 60% of the way from 120 to 600.
      expect((await overview()).firstResponse).toEqual({ medianMinutes: 60, p90Minutes: 408, replied: 5 });
    });

    it('counts SLA breaches in the last 24 h and 30 days, and open cases unanswered past due', async () => {
      expect((await overview()).slaBreaches).toEqual({ last24h: 2, last30d: 3, openOverdue: 2 });
    });

    it('lists every configured feed with its health, as GET /api/feeds does', async () => {
      const body = await overview();
      const feeds = (await request(app.getHttpServer()).get('/api/feeds').set(auth).expect(200)).body.items;
      expect(body.feeds).toEqual(feeds);
      expect(body.feeds.map((f: { id: string; status: string }) => [f.id, f.status])).toEqual([
        ['acme-rss', 'ok'],
        ['masto', 'failing'],
        ['globex-news', 'pending'],
        ['hn', 'disabled'],
      ]);
      expect(body.feeds[1]).toMatchObject({ lastError: 'HTTP 503', consecutiveFailures: 2 });
    });

    it('reads the figures as of another time', async () => {
      // A day later, today's posts are yesterday's, and the post from "after the current hour" counts.
      const body = await overview(`?now=${new Date(NOW + DAY).toISOString()}`);
      expect(body.perHour.total).toEqual(counts(24, { 0: 1 }));
      expect(body.perDay.total).toEqual(counts(30, { 26: 1, 27: 2, 28: 4 }));
      expect(body.slaBreaches).toEqual({ last24h: 0, last30d: 3, openOverdue: 3 });
    });
  });

  it('uses the current time without ?now=', async () => {
    const before = Date.now();
    const body = await overview('');
    const after = Date.now();
    const generated = Date.parse(body.generatedAt);
    expect(generated).toBeGreaterThanOrEqual(before);
    expect(generated).toBeLessThanOrEqual(after);
    expect(body.perHour.buckets[23]).toBe(new Date(Math.floor(generated / HOUR) * HOUR).toISOString());
    expect(body.perDay.buckets[29]).toBe(body.generatedAt.slice(0, 10));
  });

  it('refuses a bad time or an unknown parameter with 400', async () => {
    const http = request(app.getHttpServer());
    const bad = await http.get('/api/overview?now=yesterday').set(auth).expect(400);
    expect(bad.body.message).toEqual(['now must be an ISO-8601 date or time, e.g. 2026-11-22T08:00:00Z']);
    // ISO-8601, but not a day that exists, or not a time Date reads (a week date, a time without a zone).
    for (const now of ['2026-02-30T00:00:00Z', '2026-W47', '2026-11-22T08:00'])
      await http.get(`/api/overview?now=${now}`).set(auth).expect(400);
    // A date alone is its UTC midnight; an offset is honoured.
    expect((await overview('?now=2026-11-22')).generatedAt).toBe('2026-11-22T00:00:00.000Z');
    expect((await overview('?now=2026-11-22T08:00:00%2B01:00')).generatedAt).toBe('2026-11-22T07:00:00.000Z');
    await http.get('/api/overview?brand=acme').set(auth).expect(400);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await request(app.getHttpServer()).get('/api/docs/openapi.json').expect(200)).body;
    expect(doc.paths['/api/overview'].get).toMatchObject({
      tags: ['overview'],
      summary: expect.stringContaining('Dashboard figures'),
      parameters: [expect.objectContaining({ name: 'now', in: 'query', required: false })],
    });
  });
});
