import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CATEGORIES } from '../classifier/classifier.types';
import { MissedComplaints } from '../classifier/corrections/missed-complaints';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { FeedHealth, FeedHealthService } from '../ingest/feed-health.service';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const HOURS_SHOWN = 24;
const DAYS_SHOWN = 30;

/** Angry mentions per time bucket: in total, by category and by brand (only keys with a mention). */
export interface MentionSeries {
  buckets: string[];
  total: number[];
  byCategory: Record<string, number[]>;
  byBrand: Record<string, number[]>;
}

export interface Overview {
  generatedAt: string;
  /** The last 24 UTC hours, oldest first, the current hour last; buckets are the ISO start of each hour. */
  perHour: MentionSeries;
  /** The last 30 UTC days, oldest first, today last; buckets are 'YYYY-MM-DD'. */
  perDay: MentionSeries;
  /** Label of every category that appears in perHour or perDay. */
  categories: Record<string, string>;
  /** Configured name of every brand that appears in perHour or perDay. */
  brands: Record<string, string>;
  /** Cases first responded in the last 30 days, from the post that opened them to the first response. */
  firstResponse: { medianMinutes: number | null; p90Minutes: number | null; replied: number };
  /** Breaches recorded in the last 24 h / 30 days, and open cases still unanswered past their due time. */
  slaBreaches: { last24h: number; last30d: number; openOverdue: number };
  /** Posts the classifier passed as calm that a person marked as complaints (corrections to angry). */
  missedComplaints: { last24h: number; last30d: number };
  feeds: FeedHealth[];
}

/** A bucket's key as SQL's `substr(posted_at, 1, 13)` gives it ('2026-11-22T15'), and the hour's ISO start. */
export interface HourBucket {
  key: string;
  start: string;
}

/** The `count` UTC hours ending with the one that holds `now`, oldest first. */
export function hourBuckets(now: Date, count = HOURS_SHOWN): HourBucket[] {
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return Array.from({ length: count }, (_, i) => {
    const start = new Date(currentHour - (count - 1 - i) * HOUR_MS).toISOString();
    return { key: start.slice(0, 13), start };
  });
}

/** The `count` UTC days ending with the one that holds `now`, oldest first, as 'YYYY-MM-DD'. */
export function dayBuckets(now: Date, count = DAYS_SHOWN): string[] {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return Array.from({ length: count }, (_, i) =>
    new Date(today - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

/** One row of the grouped mention queries: a UTC hour ('YYYY-MM-DDTHH'), a category or brand id, a count. */
export interface HourlyCount {
  hour: string;
  key: string;
  count: number;
}

/**
 * Spreads hourly counts over `bucketKeys` (a row lands in the bucket whose key starts its hour: an hour
 * key for hourly buckets, a day key for daily ones). Rows outside every bucket are left out; keys with
 * no count in these buckets do not appear.
 */
export function spread(
  rows: readonly HourlyCount[],
  bucketKeys: readonly string[],
): { total: number[]; byKey: Record<string, number[]> } {
  const keyLength = bucketKeys[0]?.length ?? 0;
  const indexOf = new Map(bucketKeys.map((k, i) => [k, i]));
  const total = new Array<number>(bucketKeys.length).fill(0);
  const byKey: Record<string, number[]> = {};
  for (const row of rows) {
    const i = indexOf.get(row.hour.slice(0, keyLength));
    if (i === undefined || row.count <= 0) continue;
    total[i] += row.count;
    (byKey[row.key] ??= new Array<number>(bucketKeys.length).fill(0))[i] += row.count;
  }
  return { total, byKey };
}

/**
 * The p-th percentile (0..1) of ascending `sorted` values, interpolating linearly between the nearest
 * ranks (p = 0.5 is the usual median); null when there are none.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * p;
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
}

/** Minutes to one decimal, so the float noise of millisecond arithmetic never shows. */
const roundMinutes = (minutes: number | null) => (minutes === null ? null : Math.round(minutes * 10) / 10);

/**
 * The dashboard's overview numbers. Angry mentions are counted by when they were posted (when the
 * customer was angry), with two grouped queries over the last 30 days by UTC hour that both series are
 * folded from; the case figures are counts over triage_case.
 */
@Injectable()
export class OverviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
    private readonly feedHealth: FeedHealthService,
    private readonly missed: MissedComplaints,
  ) {}

  async overview(now = new Date()): Promise<Overview> {
    const hours = hourBuckets(now);
    const days = dayBuckets(now);
    // Up to the end of the current hour, so a post a few seconds "in the future" (a platform's clock
    // ahead of ours) still counts in the current hour and today.
    const from = `${days[0]}T00:00:00.000Z`;
    const until = new Date(Date.parse(hours[hours.length - 1].start) + HOUR_MS).toISOString();
    const [byCategoryRows, byBrandRows, firstResponse, slaBreaches, feeds, missed24h, missed30d] =
      await Promise.all([
        this.angryByHour('category', from, until),
        this.angryByHour('brand', from, until),
        this.firstResponse(now),
        this.slaBreaches(now),
        this.feedHealth.list(),
        this.missed.count(new Date(now.getTime() - DAY_MS), now),
        this.missed.count(new Date(now.getTime() - 30 * DAY_MS), now),
      ]);
    const perHour = series(
      hours.map((h) => h.start),
      hours.map((h) => h.key),
      byCategoryRows,
      byBrandRows,
    );
    const perDay = series(days, days, byCategoryRows, byBrandRows);
    const categoryIds = new Set([...Object.keys(perHour.byCategory), ...Object.keys(perDay.byCategory)]);
    const brandIds = new Set([...Object.keys(perHour.byBrand), ...Object.keys(perDay.byBrand)]);
    return {
      generatedAt: now.toISOString(),
      perHour,
      perDay,
      categories: Object.fromEntries(
        [...categoryIds].map((id) => [id, CATEGORIES[id as keyof typeof CATEGORIES] ?? id]),
      ),
      // A brand removed from the config keeps its stored mentions: show its id as its name.
      brands: Object.fromEntries(
        [...brandIds].map((id) => [id, this.config.brands.find((b) => b.id === id)?.name ?? id]),
      ),
      firstResponse,
      slaBreaches,
      missedComplaints: { last24h: missed24h, last30d: missed30d },
      feeds,
    };
  }

  /**
   * Angry mentions posted in [from, until) counted per UTC hour and category, or per UTC hour and brand
   * (through mention_brand, so a post about two brands counts once for each). The range is read from
   * IDX_mention_angry_posted_category; the hourly rows (at most 720 per key) fold into both series.
   */
  private async angryByHour(by: 'category' | 'brand', from: string, until: string): Promise<HourlyCount[]> {
    const hour = 'substr(m.posted_at, 1, 13)';
    // Rows stored before classification existed have no category; they are not angry either, but be safe.
    const key = by === 'brand' ? 'mb.brand_id' : "COALESCE(m.category, 'other')";
    const query = this.db
      .createQueryBuilder()
      .select(hour, 'hour')
      .addSelect(key, 'key')
      .addSelect('COUNT(*)', 'count')
      .from('mention', 'm')
      .where('m.angry = :angry', { angry: true })
      .andWhere('m.posted_at >= :from AND m.posted_at < :until', { from, until })
      .groupBy(hour)
      .addGroupBy(key);
    if (by === 'brand') query.innerJoin('mention_brand', 'mb', 'mb.mention_id = m.id');
    const rows: { hour: string; key: string; count: number | string }[] = await query.getRawMany();
    // COUNT is a bigint (a string) on PostgreSQL.
    return rows.map((r) => ({ hour: r.hour, key: r.key, count: Number(r.count) }));
  }

  private async firstResponse(now: Date): Promise<Overview['firstResponse']> {
    const rows: { opened_at: string; first_responded_at: string }[] = await this.db
      .createQueryBuilder()
      .select('c.opened_at', 'opened_at')
      .addSelect('c.first_responded_at', 'first_responded_at')
      .from('triage_case', 'c')
      .where('c.first_responded_at > :from AND c.first_responded_at <= :now', {
        from: new Date(now.getTime() - DAYS_SHOWN * DAY_MS).toISOString(),
        now: now.toISOString(),
      })
      .getRawMany();
    // A reply recorded with a sentAt before the post (a mistyped time) counts as immediate.
    const minutes = rows
      .map((r) => Math.max(0, Date.parse(r.first_responded_at) - Date.parse(r.opened_at)) / 60_000)
      .sort((a, b) => a - b);
    return {
      medianMinutes: roundMinutes(percentile(minutes, 0.5)),
      p90Minutes: roundMinutes(percentile(minutes, 0.9)),
      replied: minutes.length,
    };
  }

  private async slaBreaches(now: Date): Promise<Overview['slaBreaches']> {
    const breaches: { last24h: number | string | null; last30d: number | string } | undefined = await this.db
      .createQueryBuilder()
      .select('SUM(CASE WHEN c.sla_breached_at > :dayAgo THEN 1 ELSE 0 END)', 'last24h')
      .addSelect('COUNT(*)', 'last30d')
      .from('triage_case', 'c')
      .where('c.sla_breached_at > :monthAgo AND c.sla_breached_at <= :now', {
        dayAgo: new Date(now.getTime() - DAY_MS).toISOString(),
        monthAgo: new Date(now.getTime() - DAYS_SHOWN * DAY_MS).toISOString(),
        now: now.toISOString(),
      })
      .getRawOne();
    const overdue: { count: number | string } | undefined = await this.db
      .createQueryBuilder()
      .select('COUNT(*)', 'count')
      .from('triage_case', 'c')
      .where('c.is_open = :open AND c.first_responded_at IS NULL AND c.first_response_due_at <= :now', {
        open: true,
        now: now.toISOString(),
      })
      .getRawOne();
    // COUNT is a bigint (a string) on PostgreSQL; SUM over no rows is null.
    return {
      last24h: Number(breaches?.last24h ?? 0),
      last30d: Number(breaches?.last30d ?? 0),
      openOverdue: Number(overdue?.count ?? 0),
    };
  }
}

function series(
  buckets: string[],
  bucketKeys: string[],
  byCategoryRows: readonly HourlyCount[],
  byBrandRows: readonly HourlyCount[],
): MentionSeries {
  const categories = spread(byCategoryRows, bucketKeys);
  return {
    buckets,
    total: categories.total,
    byCategory: categories.byKey,
    byBrand: spread(byBrandRows, bucketKeys).byKey,
  };
}
