import { MissedComplaints } from '../classifier/corrections/missed-complaints';
import { DataSource } from 'typeorm';
import { configSchema } from '../config/config.schema';
import { positional, sqlBoolean } from '../database/dialect';
import { testDataSourceOptions } from '../../test/support/test-app';
import { parseDay } from '../time/zoned-time';
import { DigestBuilder } from './digest-builder';
import type { DigestRequest } from './digest-content';

const config = configSchema.parse({
  brands: [
    { id: 'acme', name: 'Acme', query: { any: ['acme'] } },
    { id: 'globex', name: 'Globex', query: { any: ['globex'] } },
  ],
});

/**
 * Rows inserted straight into the tables, so every number below is known exactly, with SQL written once
 * for both databases (`?` placeholders, see sql()).
 */
class Fixture {
  private nextExternalId = 1;

  constructor(readonly db: DataSource) {}

  /** An INSERT, answered with the new row's id (TypeORM's sqlite runner gives it; PostgreSQL: RETURNING). */
  private async insert(text: string, params: unknown[]): Promise<number> {
    if (this.db.options.type !== 'postgres') return this.db.query(text, params);
    const rows: { id: number }[] = await this.db.query(`${positional(this.db, text)} RETURNING id`, params);
    return rows[0].id;
  }

  private run(text: string, params: unknown[]): Promise<unknown> {
    return this.db.query(positional(this.db, text), params);
  }

  async mention(m: {
    at: string;
    angry: boolean;
    category?: string;
    brands: string[];
    score?: number;
    text?: string;
    author?: string | null;
    url?: string | null;
  }): Promise<number> {
    const id = await this.insert(
      `INSERT INTO mention (source, external_id, feed_id, url, author_handle, author_name, reach, text, language,
         posted_at, fetched_at, raw, angry, score, intensity, category, reasons, flags, model_version)
       VALUES ('mastodon', ?, 'f', ?, ?, NULL, 10, ?, 'en', ?, ?, '{}', ?, ?, 'medium', ?, '[]', NULL, 'test')
       `,
      [
        `x${this.nextExternalId++}`,
        m.url ?? null,
        m.author === undefined ? '@someone' : m.author,
        m.text ?? 'a post about acme',
        m.at,
        m.at,
        m.angry ? 1 : 0,
        m.score ?? (m.angry ? 0.8 : 0.1),
        m.category ?? 'other',
      ],
    );
    for (const brand of m.brands)
      await this.run(`INSERT INTO mention_brand (mention_id, brand_id, terms) VALUES (?, ?, '[]')`, [
        id,
        brand,
      ]);
    return id;
  }

  /**
   * A case. Its first post is a mention from 2020 unless one is given, so the day's mention counts only
   * hold the mentions a test inserts on purpose.
   */
  async case(c: {
    brand: string;
    openedAt: string;
    status?: string;
    priority?: number;
    authorKey?: string | null;
    author?: string | null;
    repeatCount?: number;
    dueAt?: string;
    respondedAt?: string | null;
    breachedAt?: string | null;
    resolvedAt?: string | null;
    excerpt?: string;
    firstMentionId?: number;
  }): Promise<number> {
    const status = c.status ?? 'new';
    const firstMentionId =
      c.firstMentionId ?? (await this.mention({ at: '2020-01-01T00:00:00.000Z', angry: true, brands: [] }));
    const id = await this.insert(
      `INSERT INTO triage_case (brand_id, source, author_key, author_handle, author_name, status, is_open, owner, team,
         tags, category, score, intensity, reach, flags, repeat_count, priority, priority_factors, priority_settled,
         escalations, first_mention_id, excerpt, mention_count, opened_at, last_post_at, updated_at,
         first_response_due_at, first_responded_at, sla_breached_at, replied_at, resolved_at)
       VALUES (?, 'mastodon', ?, ?, NULL, ?, ?, NULL, NULL, '[]', 'billing', 0.9, 'medium', 10, '{}', ?, ?, '[]', ${sqlBoolean(this.db, false)},
         '[]', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)
       `,
      [
        c.brand,
        c.authorKey === undefined ? null : c.authorKey,
        c.author ?? null,
        status,
        ['new', 'in_progress', 'replied', 'awaiting_follow_up'].includes(status) ? 1 : 0,
        c.repeatCount ?? 0,
        c.priority ?? 10,
        firstMentionId,
        c.excerpt ?? 'my order never arrived',
        c.openedAt,
        c.openedAt,
        c.openedAt,
        c.dueAt ?? new Date(Date.parse(c.openedAt) + 3_600_000).toISOString(),
        c.respondedAt ?? null,
        c.breachedAt ?? null,
        c.respondedAt ?? null,
        c.resolvedAt ?? null,
      ],
    );
    return id;
  }

  async link(caseId: number, mentionId: number): Promise<void> {
    await this.run(`INSERT INTO case_mention (case_id, mention_id, added_at) VALUES (?, ?, ?)`, [
      caseId,
      mentionId,
      '2026-01-01T00:00:00.000Z',
    ]);
  }

  async statusEvent(caseId: number, at: string, from: string, to: string): Promise<void> {
    await this.run(
      `INSERT INTO case_event (case_id, at, actor, kind, from_status, to_status) VALUES (?, ?, 'ann', 'status', ?, ?)`,
      [caseId, at, from, to],
    );
  }

  async followUp(
    caseId: number,
    f: { kind: string; phrase?: string; dueAt: string; status?: string },
  ): Promise<number> {
    const id = await this.insert(
      `INSERT INTO follow_up (case_id, kind, phrase, due_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?) `,
      [caseId, f.kind, f.phrase ?? null, f.dueAt, f.status ?? 'pending', '2026-01-01T00:00:00.000Z'],
    );
    return id;
  }

  async compensation(
    caseId: number,
    kind: string,
    amountMinor: number,
    currency: string,
    at: string,
  ): Promise<void> {
    await this.run(
      `INSERT INTO compensation (case_id, kind, amount_minor, currency, note, given_at, given_by) VALUES (?, ?, ?, ?, NULL, ?, 'ann')`,
      [caseId, kind, amountMinor, currency, at],
    );
  }
}

describe('DigestBuilder', () => {
  let db: DataSource;
  let fx: Fixture;
  let builder: DigestBuilder;

  let drop: () => void;

  beforeEach(async () => {
    const test = testDataSourceOptions();
    drop = test.drop;
    db = await new DataSource(test.options).initialize();
    fx = new Fixture(db);
    builder = new DigestBuilder(db, config, new MissedComplaints(db));
  });
  afterEach(async () => {
    await db.destroy();
    drop();
  });

  /** Sat 21 Nov 2026 in Auckland (UTC+13): [2026-11-20T11:00Z, 2026-11-21T11:00Z). Now is Sun 22 Nov 09:00 there. */
  const auckland = (overrides: Partial<DigestRequest> = {}): DigestRequest => ({
    user: { email: 'ann@example.com', name: 'Ann' },
    day: '2026-11-21',
    timeZone: 'Pacific/Auckland',
    brands: null,
    dashboardUrl: 'http://localhost:3000/',
    now: new Date('2026-11-21T20:00:00.000Z'),
    ...overrides,
  });

  describe('a user in Pacific/Auckland, whose yesterday is not the UTC day', () => {
    let ids: Record<string, number>;

    beforeEach(async () => {
      ids = {};
      // The day's posts: local 00:00 and 01:00 of the 21st are still the 20th in UTC.
      await fx.mention({
        at: '2026-11-20T11:00:00.000Z',
        angry: true,
        category: 'billing',
        brands: ['acme'],
        score: 0.7,
      });
      ids.sample = await fx.mention({
        at: '2026-11-20T12:00:00.000Z',
        angry: true,
        category: 'billing',
        brands: ['acme'],
        score: 0.99,
        author: '@ann',
        text: `charged twice for acme <script>alert(1)</script> ${'and nobody answers '.repeat(20)}`,
        url: 'https://mastodon.example/@ann/1',
      });
      await fx.mention({
        at: '2026-11-21T10:59:59.999Z',
        angry: true,
        category: 'billing',
        brands: ['acme', 'globex'],
        score: 0.8,
      });
      await fx.mention({
        at: '2026-11-21T05:00:00.000Z',
        angry: true,
        category: 'delivery',
        brands: ['globex'],
      });
      await fx.mention({ at: '2026-11-21T06:00:00.000Z', angry: false, brands: ['acme'] });
      // Local 23:59:59.999 on the 20th: the day before (in the 7-day average and the chart).
      await fx.mention({
        at: '2026-11-20T10:59:59.999Z',
        angry: true,
        category: 'billing',
        brands: ['acme'],
      });
      // Local midnight of the 22nd: after the day, though still the 21st in UTC.
      await fx.mention({
        at: '2026-11-21T11:00:00.000Z',
        angry: true,
        category: 'billing',
        brands: ['acme'],
      });

      ids.c1 = await fx.case({
        brand: 'acme',
        openedAt: '2026-11-20T11:30:00.000Z',
        priority: 50,
        authorKey: 'mastodon:@ann',
        author: '@ann',
        firstMentionId: ids.sample,
        excerpt: '\nI was charged twice\nand more',
      });
      await fx.link(ids.c1, ids.sample);
      ids.c2 = await fx.case({
        brand: 'acme',
        openedAt: '2026-11-20T13:00:00.000Z',
        status: 'replied',
        priority: 40,
        authorKey: 'mastodon:@ann',
        author: '@ann',
        respondedAt: '2026-11-20T13:10:00.000Z',
      });
      ids.c3 = await fx.case({
        brand: 'acme',
        openedAt: '2026-11-19T00:00:00.000Z',
        status: 'resolved',
        respondedAt: '2026-11-20T12:00:00.000Z',
        breachedAt: '2026-11-19T01:00:00.000Z',
        resolvedAt: '2026-11-21T01:00:00.000Z',
      });
      ids.c4 = await fx.case({
        brand: 'globex',
        openedAt: '2026-11-21T02:00:00.000Z',
        status: 'awaiting_follow_up',
        priority: 10,
        authorKey: 'bluesky:bob',
        author: 'bob',
        repeatCount: 2,
        respondedAt: '2026-11-21T02:30:00.000Z',
      });
      ids.c5 = await fx.case({
        brand: 'acme',
        openedAt: '2026-11-20T14:00:00.000Z',
        status: 'dismissed',
        authorKey: 'x:carl',
      });
      // Dismissed, restored and dismissed again the same day: one dismissal. One the day after: none.
      await fx.statusEvent(ids.c5, '2026-11-20T15:00:00.000Z', 'new', 'dismissed');
      await fx.statusEvent(ids.c5, '2026-11-20T15:05:00.000Z', 'dismissed', 'new');
      await fx.statusEvent(ids.c5, '2026-11-20T15:10:00.000Z', 'new', 'dismissed');
      await fx.statusEvent(ids.c3, '2026-11-21T11:00:00.000Z', 'new', 'dismissed');
      ids.c6 = await fx.case({
        brand: 'acme',
        openedAt: '2026-11-18T00:00:00.000Z',
        priority: 60,
        breachedAt: '2026-11-21T00:00:00.000Z',
      });
      ids.c7 = await fx.case({
        brand: 'acme',
        openedAt: '2026-11-10T00:00:00.000Z',
        status: 'in_progress',
        priority: 90,
        respondedAt: '2026-11-10T00:20:00.000Z',
      });

      ids.promiseLate = await fx.followUp(ids.c2, {
        kind: 'promise',
        phrase: 'within 24 hours',
        dueAt: '2026-11-21T18:00:00.000Z',
      });
      ids.checkInToday = await fx.followUp(ids.c4, { kind: 'check_in', dueAt: '2026-11-22T03:00:00.000Z' });
      // Local 00:00 of the 23rd: tomorrow, not today.
      await fx.followUp(ids.c4, { kind: 'promise', phrase: 'by Monday', dueAt: '2026-11-22T11:00:00.000Z' });
      await fx.followUp(ids.c7, {
        kind: 'promise',
        phrase: 'today',
        dueAt: '2026-11-20T00:00:00.000Z',
        status: 'done',
      });

      await fx.compensation(ids.c3, 'refund', 1250, 'EUR', '2026-11-20T20:00:00.000Z');
      await fx.compensation(ids.c3, 'credit', 500, 'EUR', '2026-11-20T11:00:00.000Z');
      await fx.compensation(ids.c4, 'gift', 1000, 'JPY', '2026-11-21T10:00:00.000Z');
      await fx.compensation(ids.c3, 'refund', 300, 'EUR', '2026-11-21T11:00:00.000Z');
    });

    it('counts the local day, not the UTC one', async () => {
      const d = await builder.build(auckland());
      expect(d.from).toBe('2026-11-20T11:00:00.000Z');
      expect(d.until).toBe('2026-11-21T11:00:00.000Z');
      expect(d.dayLabel).toBe('Sat 21 Nov');
      expect(d.brands).toEqual(['acme', 'globex']);
      expect(d.yesterday).toEqual({
        mentions: 5,
        angryMentions: 4,
        casesOpened: 4,
        replied: 3,
        resolved: 1,
        dismissed: 1,
        // 10, 30 and 2160 minutes: the median is the middle one; p90 interpolates 80% of the way to the last.
        firstResponseMedianMinutes: 30,
        firstResponseP90Minutes: 1734,
        slaBreaches: 1,
        missedComplaints: 0,
      });
      expect(d.quiet).toBe(false);
    });

    it('lists open cases overdue first, then by priority, with links', async () => {
      const { stillOpen } = await builder.build(auckland());
      expect(stillOpen.total).toBe(5);
      expect(stillOpen.overdue).toBe(3);
      expect(stillOpen.top.map((c) => [c.caseId, c.overdue, c.overdueReason])).toEqual([
        [ids.c6, true, 'no reply, SLA passed'],
        [ids.c1, true, 'no reply, SLA passed'],
        [ids.c2, true, 'follow-up past due'],
        [ids.c7, false, null],
        [ids.c4, false, null],
      ]);
      expect(stillOpen.top[1]).toMatchObject({
        url: `http://localhost:3000/#case/${ids.c1}`,
        author: '@ann',
        firstLine: 'I was charged twice',
        category: 'billing',
        categoryLabel: 'billing & refunds',
        brandId: 'acme',
        priority: 50,
        // Opened 2026-11-20T11:30Z, now 2026-11-21T20:00Z.
        ageMinutes: 32 * 60 + 30,
      });
    });

    it('lists the promises due today (local) and overdue, not tomorrow’s nor kept ones', async () => {
      const { promises } = await builder.build(auckland());
      expect(promises.total).toBe(2);
      expect(promises.overdue).toBe(1);
      expect(promises.items).toEqual([
        {
          caseId: ids.c2,
          url: `http://localhost:3000/#case/${ids.c2}`,
          followUpId: ids.promiseLate,
          kind: 'promise',
          phrase: 'within 24 hours',
          author: '@ann',
          dueAt: '2026-11-21T18:00:00.000Z',
          dueLocal: 'Sun 22 Nov, 07:00',
          overdue: true,
        },
        {
          caseId: ids.c4,
          url: `http://localhost:3000/#case/${ids.c4}`,
          followUpId: ids.checkInToday,
          kind: 'check_in',
          phrase: null,
          author: 'bob',
          dueAt: '2026-11-22T03:00:00.000Z',
          dueLocal: 'Sun 22 Nov, 16:00',
          overdue: false,
        },
      ]);
    });

    it('groups complaints by category and brand against the 7 days before, with a sample per hot spot', async () => {
      const { causes } = await builder.build(auckland());
      expect(causes.byCategory.map(({ sample, ...c }) => ({ ...c, sampled: sample !== null }))).toEqual([
        { key: 'billing', label: 'billing & refunds', count: 3, average7d: 0.1, hot: true, sampled: true },
        { key: 'delivery', label: 'delivery & shipping', count: 1, average7d: 0, hot: false, sampled: false },
      ]);
      const sample = causes.byCategory[0].sample!;
      expect(sample.mentionId).toBe(ids.sample);
      expect(sample.author).toBe('@ann');
      expect(sample.postUrl).toBe('https://mastodon.example/@ann/1');
      expect(sample.case).toEqual({ caseId: ids.c1, url: `http://localhost:3000/#case/${ids.c1}` });
      expect([...sample.text].length).toBeLessThanOrEqual(200);
      expect(sample.text).toMatch(
        /^charged twice for acme <script>alert\(1\)<\/script> and nobody answers.*…$/,
      );
      // A post about both brands counts once for each.
      expect(causes.byBrand.map(({ sample, ...c }) => ({ ...c, sampled: sample !== null }))).toEqual([
        { key: 'acme', label: 'acme', count: 3, average7d: 0.1, hot: true, sampled: true },
        { key: 'globex', label: 'globex', count: 2, average7d: 0, hot: false, sampled: false },
      ]);
      expect(causes.byBrand[0].sample!.mentionId).toBe(ids.sample);
    });

    it('names repeat complainers: two cases that day, or a case repeating an earlier one', async () => {
      const { causes } = await builder.build(auckland());
      expect(causes.repeatComplainers).toEqual([
        {
          author: '@ann',
          cases: 2,
          earlierSameCategory: 0,
          latest: { caseId: ids.c2, url: `http://localhost:3000/#case/${ids.c2}` },
        },
        {
          author: 'bob',
          cases: 1,
          earlierSameCategory: 2,
          latest: { caseId: ids.c4, url: `http://localhost:3000/#case/${ids.c4}` },
        },
      ]);
    });

    it('totals compensation per currency, exactly, and counts it per kind', async () => {
      const { compensation } = await builder.build(auckland());
      expect(compensation).toEqual({
        totals: [
          { currency: 'EUR', amountMinor: 1750, formatted: '€17.50', count: 2 },
          { currency: 'JPY', amountMinor: 1000, formatted: 'JP¥1,000', count: 1 },
        ],
        byKind: [
          { kind: 'credit', count: 1 },
          { kind: 'gift', count: 1 },
          { kind: 'refund', count: 1 },
        ],
      });
    });

    it('charts 14 local days ending with the day', async () => {
      const { chart } = await builder.build(auckland());
      expect(chart).toHaveLength(14);
      expect(chart[0]).toEqual({ day: '2026-11-08', count: 0 });
      expect(chart.slice(-2)).toEqual([
        { day: '2026-11-20', count: 1 },
        { day: '2026-11-21', count: 4 },
      ]);
      expect(chart.reduce((sum, d) => sum + d.count, 0)).toBe(5);
    });

    it('covers only the brands the user follows', async () => {
      const d = await builder.build(auckland({ brands: ['acme'] }));
      expect(d.brands).toEqual(['acme']);
      expect(d.yesterday).toEqual({
        mentions: 4,
        angryMentions: 3,
        casesOpened: 3,
        replied: 2,
        resolved: 1,
        dismissed: 1,
        firstResponseMedianMinutes: 1085,
        firstResponseP90Minutes: 1945,
        slaBreaches: 1,
        missedComplaints: 0,
      });
      expect(d.stillOpen.top.map((c) => c.caseId)).toEqual([ids.c6, ids.c1, ids.c2, ids.c7]);
      expect(d.promises.items.map((p) => p.followUpId)).toEqual([ids.promiseLate]);
      expect(d.causes.byCategory.map((c) => [c.key, c.count])).toEqual([['billing', 3]]);
      expect(d.causes.byBrand.map((c) => [c.key, c.count])).toEqual([['acme', 3]]);
      expect(d.causes.repeatComplainers.map((r) => r.author)).toEqual(['@ann']);
      expect(d.compensation.totals.map((t) => t.currency)).toEqual(['EUR']);
      expect(d.chart.slice(-2).map((c) => c.count)).toEqual([1, 3]);

      const globex = await builder.build(auckland({ brands: ['globex'] }));
      expect([
        globex.yesterday.mentions,
        globex.yesterday.angryMentions,
        globex.yesterday.casesOpened,
      ]).toEqual([2, 2, 1]);
      expect(globex.causes.byCategory.map((c) => [c.key, c.count])).toEqual([
        ['billing', 1],
        ['delivery', 1],
      ]);
      // Following no brand is an empty digest, not an error.
      const none = await builder.build(auckland({ brands: [] }));
      expect([none.yesterday.mentions, none.stillOpen.total, none.quiet]).toEqual([0, 0, true]);
    });
  });

  it('counts the 25 hours of the day New York leaves daylight saving', async () => {
    // Sun 1 Nov 2026: 00:00 EDT (04:00Z) to 00:00 EST on the 2nd (05:00Z).
    await fx.mention({ at: '2026-11-01T03:59:59.999Z', angry: true, brands: ['acme'] }); // Oct 31, 23:59 EDT
    await fx.mention({ at: '2026-11-01T04:30:00.000Z', angry: true, brands: ['acme'] }); // Nov 1, 00:30 EDT
    await fx.mention({ at: '2026-11-02T04:30:00.000Z', angry: true, brands: ['acme'] }); // Nov 1, 23:30 EST
    await fx.mention({ at: '2026-11-02T05:00:00.000Z', angry: true, brands: ['acme'] }); // Nov 2, 00:00 EST
    const d = await builder.build({
      ...auckland(),
      day: '2026-11-01',
      timeZone: 'America/New_York',
      now: new Date('2026-11-02T14:00:00.000Z'),
    });
    expect([d.from, d.until]).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
    expect(Date.parse(d.until) - Date.parse(d.from)).toBe(25 * 3_600_000);
    expect(d.yesterday.mentions).toBe(2);
    expect(d.yesterday.angryMentions).toBe(2);
    expect(d.chart.slice(-2)).toEqual([
      { day: '2026-10-31', count: 1 },
      { day: '2026-11-01', count: 2 },
    ]);
    // And the 23-hour day in spring.
    const spring = await builder.build({ ...auckland(), day: '2026-03-08', timeZone: 'America/New_York' });
    expect(Date.parse(spring.until) - Date.parse(spring.from)).toBe(23 * 3_600_000);
  });

  it('marks a hot spot at ≥ 3 and ≥ 1.5 × the 7-day average, not below either', async () => {
    const day = '2026-11-21';
    const at = (d: number, i: number) => new Date(Date.UTC(2026, 10, d, 9, i)).toISOString();
    const post = (d: number, category: string, n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          fx.mention({ at: at(d, i), angry: true, category, brands: ['acme'] }),
        ),
      );
    // outage: 14 in the 7 days before (average 2), 3 on the day: exactly 1.5 ×, hot.
    for (const d of [14, 15, 16, 17, 18, 19, 20]) await post(d, 'outage', 2);
    await post(21, 'outage', 3);
    // delivery: 21 before (average 3), 4 on the day: below 4.5, not hot.
    for (const d of [14, 15, 16, 17, 18, 19, 20]) await post(d, 'delivery', 3);
    await post(21, 'delivery', 4);
    // pricing: 2 on the day and none before: a rise, but below the minimum of 3.
    await post(21, 'pricing', 2);
    // The 8th day back is outside the average.
    await post(13, 'pricing', 50);
    const d = await builder.build({
      ...auckland(),
      day,
      timeZone: 'UTC',
      now: new Date('2026-11-22T08:00:00Z'),
    });
    expect(d.causes.byCategory.map((c) => [c.key, c.count, c.average7d, c.hot])).toEqual([
      ['delivery', 4, 3, false],
      ['outage', 3, 2, true],
      ['pricing', 2, 0, false],
    ]);
    expect(d.causes.byCategory.find((c) => c.key === 'outage')!.sample).not.toBeNull();
    expect(d.causes.byCategory.find((c) => c.key === 'delivery')!.sample).toBeNull();
    expect(d.chart.map((c) => c.count)).toEqual([0, 0, 0, 0, 0, 50, 5, 5, 5, 5, 5, 5, 5, 9]);
  });

  it('counts what each mention says now: corrections, a brand gone from the config, a post without category', async () => {
    const at = (d: number, h: number) => new Date(Date.UTC(2026, 10, d, h)).toISOString();
    const set = (id: number, sql: string, ...values: unknown[]) =>
      db.query(positional(db, `UPDATE mention SET ${sql} WHERE id = ?`), [...values, id]);
    // Flagged billing, then corrected to "not a complaint": counted nowhere.
    await set(
      await fx.mention({ at: at(21, 8), angry: true, category: 'billing', brands: ['acme'] }),
      `angry = ${sqlBoolean(db, false)}`,
    );
    // Missed by the model, then corrected to an angry outage post.
    await set(
      await fx.mention({ at: at(21, 9), angry: false, brands: ['acme'] }),
      `angry = ${sqlBoolean(db, true)}, category = 'outage'`,
    );
    // A brand since removed from the config still has its posts counted.
    await fx.mention({ at: at(21, 10), angry: true, category: 'delivery', brands: ['initech'] });
    // Stored before categories existed: "other".
    await set(await fx.mention({ at: at(21, 11), angry: true, brands: ['globex'] }), 'category = NULL');
    // Its time corrected to the day before: in the chart and the average, not the day.
    await set(
      await fx.mention({ at: at(21, 12), angry: true, category: 'outage', brands: ['acme', 'globex'] }),
      'posted_at = ?',
      at(20, 12),
    );
    const request = { ...auckland(), timeZone: 'UTC', now: new Date('2026-11-22T08:00:00Z') };

    const all = await builder.build(request);
    const causes = (c: typeof all.causes.byCategory) => c.map((x) => [x.key, x.count, x.average7d]);
    expect(causes(all.causes.byCategory)).toEqual([
      ['outage', 1, 0.1],
      ['delivery', 1, 0],
      ['other', 1, 0],
    ]);
    expect(causes(all.causes.byBrand)).toEqual([
      ['acme', 1, 0.1],
      ['globex', 1, 0.1],
      ['initech', 1, 0],
    ]);
    expect(all.chart.slice(-2).map((c) => c.count)).toEqual([1, 3]);
    expect(all.yesterday.angryMentions).toBe(3);

    const globex = await builder.build({ ...request, brands: ['globex'] });
    expect(causes(globex.causes.byCategory)).toEqual([
      ['other', 1, 0],
      ['outage', 0, 0.1],
    ]);
    expect(causes(globex.causes.byBrand)).toEqual([['globex', 1, 0.1]]);
    expect(globex.chart.slice(-2).map((c) => c.count)).toEqual([1, 1]);
    const none = await builder.build({ ...request, brands: [] });
    expect([none.causes.byCategory, none.causes.byBrand, none.yesterday.angryMentions]).toEqual([[], [], 0]);
  });

  it('is quiet on an empty day, and not quiet when a promise is overdue', async () => {
    const quiet = await builder.build(auckland());
    expect(quiet.quiet).toBe(true);
    expect(quiet.yesterday).toEqual({
      mentions: 0,
      angryMentions: 0,
      casesOpened: 0,
      replied: 0,
      resolved: 0,
      dismissed: 0,
      firstResponseMedianMinutes: null,
      firstResponseP90Minutes: null,
      slaBreaches: 0,
      missedComplaints: 0,
    });
    expect(quiet.chart).toHaveLength(14);
    expect(quiet.chart.every((c) => c.count === 0)).toBe(true);
    expect(quiet.causes).toEqual({ byCategory: [], byBrand: [], repeatComplainers: [] });
    expect(quiet.stillOpen).toEqual({ top: [], total: 0, overdue: 0 });
    expect(quiet.promises).toEqual({ items: [], total: 0, overdue: 0 });
    expect(quiet.compensation).toEqual({ totals: [], byKind: [] });

    // A case answered long ago whose promise is now late: nothing happened yesterday, but it is not quiet.
    const c = await fx.case({
      brand: 'acme',
      openedAt: '2026-11-01T00:00:00.000Z',
      status: 'awaiting_follow_up',
      respondedAt: '2026-11-01T00:10:00.000Z',
    });
    await fx.followUp(c, { kind: 'promise', phrase: 'by Friday', dueAt: '2026-11-20T00:00:00.000Z' });
    const late = await builder.build(auckland());
    expect([late.quiet, late.stillOpen.overdue, late.promises.overdue]).toEqual([false, 1, 1]);
  });

  it('refuses a malformed day or a dashboard URL that is not http(s)', async () => {
    expect(() => parseDay('2026-02-30')).toThrow(RangeError);
    expect(() => parseDay('21/11/2026')).toThrow(RangeError);
    expect(parseDay('2028-02-29')).toMatchObject({ year: 2028, month: 2, day: 29 });
    await expect(builder.build(auckland({ dashboardUrl: 'javascript:alert(1)' }))).rejects.toThrow(
      RangeError,
    );
  });
});
