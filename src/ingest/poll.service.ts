import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig, FeedConfig } from '../config/config.schema';
import { WriteQueue } from '../database/write-queue';
import { SourceError } from '../sources/source.errors';
import { SourceFactory } from '../sources/source.factory';
import { ConcurrencyLimit } from './concurrency-limit';
import { FeedState, PollCounts } from './entities/feed-state.entity';
import { FeedLeases, LeaseLostError } from './feed-lease.repository';
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
  /**
   * Set when this instance did not poll (PostgreSQL, several instances): `leased`, another instance is
   * polling it (nextPollAt is when its lease runs out); `not_due`, another instance polled it since
   * (nextPollAt is its next poll time). Nothing is recorded for a skipped poll.
   */
  skipped?: 'leased' | 'not_due';
}

export interface PollOptions {
  /** The scheduler's polls: only when the feed's next poll time has come (another instance may have polled it). */
  dueOnly?: boolean;
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
    private readonly leases: FeedLeases,
    @InjectDataSource() private readonly db: DataSource,
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

  /**
   * Polls one feed now. On PostgreSQL it first takes the feed's lease (FeedLeases): when another instance
   * holds it, or (`dueOnly`) the feed has been polled since, the summary says `skipped` and nothing runs.
   */
  pollFeed(feedId: string, options: PollOptions = {}): Promise<FeedPollSummary> {
    const running = this.inFlight.get(feedId);
    if (running) return running;
    const feed = this.config.feeds.find((f) => f.id === feedId);
    if (!feed) return Promise.reject(new Error(`unknown feed "${feedId}"`));
    const poll = this.limit
      .run(() => (this.leases.enabled ? this.runLeased(feed, options) : this.run(feed)))
      .finally(() => this.inFlight.delete(feedId));
    this.inFlight.set(feedId, poll);
    return poll;
  }

  intervalOf(feed: FeedConfig): number {
    return feed.interval ?? this.config.polling.interval;
  }

  onApplicationShutdown(): void {
    this.shutdown.abort();
  }

  /** The poll under the feed's lease: renewed every third of its duration and by every stored page. */
  private async runLeased(feed: FeedConfig, options: PollOptions): Promise<FeedPollSummary> {
    const startedAt = new Date();
    const claim = await this.leases.claim(feed, startedAt, options.dueOnly === true);
    if (!claim.claimed)
      return { ...emptySummary(feed, startedAt), nextPollAt: claim.retryAt, skipped: claim.reason };
    const lost = new AbortController();
    const renewal = setInterval(() => {
      this.leases.renew(feed.id, new Date()).then(
        (held) => held || lost.abort(new LeaseLostError(feed.id)),
        (err: Error) => this.logger.warn(`feed ${feed.id}: lease renewal failed: ${err.message}`),
      );
    }, this.leases.durationMs / 3);
    try {
      return await this.run(feed, lost.signal);
    } finally {
      clearInterval(renewal);
    }
  }

  private async run(feed: FeedConfig, leaseLost?: AbortSignal): Promise<FeedPollSummary> {
    const startedAt = new Date();
    const state = (await this.states.findOneBy({ feedId: feed.id })) ?? null;
    const summary = emptySummary(feed, startedAt);
    let notBefore: Date | undefined;
    try {
      const cursor = {
        cursor: state?.cursor ?? null,
        etag: state?.etag ?? null,
        lastModified: state?.lastModified ?? null,
      };
      const signal = leaseLost ? AbortSignal.any([this.shutdown.signal, leaseLost]) : this.shutdown.signal;
      // Under a lease, each page's transaction first renews it: a page is stored only while it is held.
      const fence = leaseLost
        ? async (em: EntityManager) => {
            if (!(await this.leases.renew(feed.id, new Date(), em))) throw new LeaseLostError(feed.id);
          }
        : undefined;
      for await (const page of this.sources.for(feed).fetchPages(cursor, signal)) {
        const stored = await this.pipeline.storePage(feed, page, startedAt, fence);
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
    if (!this.leases.enabled) return this.writes.run(() => this.states.upsert(outcome, ['feedId']));
    // Under a lease: the outcome is recorded with the lease's release, and only while it was still held
    // (an instance that lost it must not overwrite the outcome of the one that took over).
    return this.db.transaction(async (em) => {
      if (await this.leases.release(feed.id, em))
        await em.getRepository(FeedState).upsert(outcome, ['feedId']);
      else this.logger.warn(`feed ${feed.id}: lease lost during the poll; its outcome is not recorded`);
    });
  }

  /** Spreads polls so feeds configured alike do not all fire in the same second. */
  private jittered(ms: number, from: Date): Date {
    return new Date(from.getTime() + ms * (1 + Math.random() * this.config.polling.jitter));
  }
}

/** A poll of `feed` started at `at` that has stored nothing yet (next poll: now, until told otherwise). */
function emptySummary(feed: FeedConfig, at: Date): FeedPollSummary {
  return {
    feedId: feed.id,
    type: feed.type,
    polledAt: at,
    counts: { new: 0, duplicate: 0, skipped: 0, invalid: 0 },
    pages: 0,
    notModified: false,
    nextPollAt: at,
    newMentionIds: [],
  };
}

function later(a: Date, b: Date | undefined): Date {
  return b && b > a ? b : a;
}
