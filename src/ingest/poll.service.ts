import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig, FeedConfig } from '../config/config.schema';
import { WriteQueue } from '../database/write-queue';
import { SourceError } from '../sources/source.errors';
import { SourceFactory } from '../sources/source.factory';
import { ConcurrencyLimit } from './concurrency-limit';
import { FeedState, PollCounts } from './entities/feed-state.entity';
import { IngestPipeline } from './ingest.pipeline';

export interface FeedPollSummary {
  feedId: string;
  type: string;
  polledAt: Date;
  counts: PollCounts;
  pages: number;
  notModified: boolean;
  /** Set when the poll failed; pages stored before the failure stay stored. */
  error?: string;
  errorKind?: string;
  nextPollAt: Date;
  newMentionIds: number[];
}

/**
 * Polls feeds: reads each feed's cursor, walks its pages through the pipeline, and records the
 * outcome in the feed's state with the next poll time (interval with jitter, or exponential backoff
 * after failures, never sooner than a platform's Retry-After). One feed's failure is recorded on
 * that feed only; a feed is never polled twice at once.
 */
@Injectable()
export class PollService implements OnApplicationShutdown {
  private readonly logger = new Logger(PollService.name);
  private readonly limit: ConcurrencyLimit;
  private readonly inFlight = new Map<string, Promise<FeedPollSummary>>();
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
    @InjectRepository(FeedState) private readonly states: Repository<FeedState>,
    private readonly sources: SourceFactory,
    private readonly pipeline: IngestPipeline,
    private readonly writes: WriteQueue,
  ) {
    this.limit = new ConcurrencyLimit(config.polling.concurrency);
  }

  enabledFeeds(): FeedConfig[] {
    return this.config.feeds.filter((f) => f.enabled);
  }

  /** Polls every enabled feed once (concurrently, within the limit). Never throws for a feed's failure. */
  pollAll(): Promise<FeedPollSummary[]> {
    return Promise.all(this.enabledFeeds().map((f) => this.pollFeed(f.id)));
  }

  pollFeed(feedId: string): Promise<FeedPollSummary> {
    const running = this.inFlight.get(feedId);
    if (running) return running;
    const feed = this.config.feeds.find((f) => f.id === feedId);
    if (!feed) return Promise.reject(new Error(`unknown feed "${feedId}"`));
    const poll = this.limit.run(() => this.run(feed)).finally(() => this.inFlight.delete(feedId));
    this.inFlight.set(feedId, poll);
    return poll;
  }

  intervalOf(feed: FeedConfig): number {
    return feed.interval ?? this.config.polling.interval;
  }

  onApplicationShutdown(): void {
    this.shutdown.abort();
  }

  private async run(feed: FeedConfig): Promise<FeedPollSummary> {
    const startedAt = new Date();
    const state = (await this.states.findOneBy({ feedId: feed.id })) ?? null;
    const summary: FeedPollSummary = {
      feedId: feed.id,
      type: feed.type,
      polledAt: startedAt,
      counts: { new: 0, duplicate: 0, skipped: 0, invalid: 0 },
      pages: 0,
      notModified: false,
      nextPollAt: startedAt,
      newMentionIds: [],
    };
    let notBefore: Date | undefined;
    try {
      const cursor = {
        cursor: state?.cursor ?? null,
        etag: state?.etag ?? null,
        lastModified: state?.lastModified ?? null,
      };
      for await (const page of this.sources.for(feed).fetchPages(cursor, this.shutdown.signal)) {
        const stored = await this.pipeline.storePage(feed, page, startedAt);
        summary.pages++;
        summary.notModified ||= page.notModified === true;
        for (const k of ['new', 'duplicate', 'skipped', 'invalid'] as const)
          summary.counts[k] += stored.counts[k];
        summary.newMentionIds.push(...stored.newMentionIds);
        if (page.notBefore && (!notBefore || page.notBefore > notBefore)) notBefore = page.notBefore;
      }
      summary.nextPollAt = later(this.jittered(this.intervalOf(feed), startedAt), notBefore);
      await this.saveOutcome(feed, summary, startedAt, 0);
    } catch (err) {
      const failures = (state?.consecutiveFailures ?? 0) + 1;
      summary.error = err instanceof Error ? err.message : String(err);
      summary.errorKind = err instanceof SourceError ? err.kind : 'internal';
      if (!(err instanceof SourceError))
        this.logger.error(`feed ${feed.id}: ${summary.error}`, (err as Error).stack);
      const backoff = Math.min(this.intervalOf(feed) * 2 ** (failures - 1), this.config.polling.maxBackoff);
      const retryAt = err instanceof SourceError ? err.retryAt : undefined;
      summary.nextPollAt = later(this.jittered(backoff, startedAt), later(retryAt ?? startedAt, notBefore));
      await this.saveOutcome(feed, summary, startedAt, failures);
    }
    return summary;
  }

  private saveOutcome(
    feed: FeedConfig,
    summary: FeedPollSummary,
    at: Date,
    failures: number,
  ): Promise<unknown> {
    const outcome: Partial<FeedState> = {
      feedId: feed.id,
      type: feed.type,
      lastPolledAt: at,
      consecutiveFailures: failures,
      nextPollAt: summary.nextPollAt,
      lastCounts: summary.counts,
    };
    if (summary.error === undefined) outcome.lastSuccessAt = at;
    else
      Object.assign(outcome, {
        lastError: summary.error.slice(0, 2000),
        lastErrorKind: summary.errorKind,
        lastErrorAt: at,
      });
    return this.writes.run(() => this.states.upsert(outcome, ['feedId']));
  }

  /** Spreads polls so feeds configured alike do not all fire in the same second. */
  private jittered(ms: number, from: Date): Date {
    return new Date(from.getTime() + ms * (1 + Math.random() * this.config.polling.jitter));
  }
}

function later(a: Date, b: Date | undefined): Date {
  return b && b > a ? b : a;
}
