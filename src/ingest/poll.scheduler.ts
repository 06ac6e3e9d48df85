import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { FeedState } from './entities/feed-state.entity';
import { PollService } from './poll.service';

/** Node timers cannot wait longer than ~24.8 days; a day is plenty, the timer re-arms. */
const MAX_DELAY_MS = 86_400_000;

/**
 * One timer per feed, registered at runtime in Nest's SchedulerRegistry (named `poll:<feedId>`), armed
 * for the feed's next poll time from the database, so a restart keeps each feed's rhythm and backoff.
 * Off when `polling.enabled` is false or DEFUSE_SCHEDULER=off (the tests' default).
 * Several instances on PostgreSQL each keep these timers; a poll first takes the feed's lease and runs
 * only when it is due (PollService, FeedLeases), so each due poll runs on one instance.
 */
@Injectable()
export class PollScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PollScheduler.name);
  private stopped = false;

  constructor(
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
    @InjectRepository(FeedState) private readonly states: Repository<FeedState>,
    private readonly registry: SchedulerRegistry,
    private readonly polls: PollService,
  ) {}

  get enabled(): boolean {
    return this.config.polling.enabled && process.env.DEFUSE_SCHEDULER !== 'off';
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.enabled) await this.start();
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  async start(): Promise<void> {
    this.stopped = false;
    const now = Date.now();
    for (const feed of this.polls.enabledFeeds()) {
      const state = await this.states.findOneBy({ feedId: feed.id });
      this.arm(feed.id, (state?.nextPollAt?.getTime() ?? now) - now);
    }
    this.logger.log(`polling ${this.polls.enabledFeeds().length} feed(s)`);
  }

  stop(): void {
    this.stopped = true;
    for (const name of this.registry.getTimeouts()) {
      if (name.startsWith('poll:')) this.registry.deleteTimeout(name);
    }
  }

  private arm(feedId: string, delayMs: number): void {
    if (this.stopped) return;
    const name = `poll:${feedId}`;
    if (this.registry.doesExist('timeout', name)) this.registry.deleteTimeout(name);
    const timer = setTimeout(() => void this.fire(feedId), Math.min(Math.max(0, delayMs), MAX_DELAY_MS));
    this.registry.addTimeout(name, timer);
  }

  private async fire(feedId: string): Promise<void> {
    const name = `poll:${feedId}`;
    if (this.registry.doesExist('timeout', name)) this.registry.deleteTimeout(name);
    try {
      const summary = await this.polls.pollFeed(feedId, { dueOnly: true });
      // Another instance polls it now (look again when its lease runs out) or polled it since.
      if (summary.skipped)
        this.logger.debug(
          `feed ${feedId}: ${summary.skipped}, next look ${summary.nextPollAt.toISOString()}`,
        );
      else if (summary.error) this.logger.warn(`feed ${feedId}: ${summary.error}`);
      else if (summary.counts.new > 0)
        this.logger.log(`feed ${feedId}: ${summary.counts.new} new mention(s)`);
      this.arm(feedId, summary.nextPollAt.getTime() - Date.now());
    } catch (err) {
      // Only a database failure gets here; try again after the normal interval.
      this.logger.error(`feed ${feedId}: poll failed: ${(err as Error).message}`);
      const feed = this.config.feeds.find((f) => f.id === feedId);
      if (feed) this.arm(feedId, this.polls.intervalOf(feed));
    }
  }
}
