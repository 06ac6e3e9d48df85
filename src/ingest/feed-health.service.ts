import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { FeedState, PollCounts } from './entities/feed-state.entity';

export interface FeedHealth {
  id: string;
  type: string;
  enabled: boolean;
  brands: string[];
  intervalSeconds: number;
  /** ok: last poll succeeded; failing: the last poll(s) failed; pending: never polled; disabled. */
  status: 'ok' | 'failing' | 'pending' | 'disabled';
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  lastErrorKind: string | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
  lastCounts: PollCounts | null;
  totalStored: number;
}

/** Every configured feed with its state from the database: what a manager checks when mentions stop arriving. */
@Injectable()
export class FeedHealthService {
  constructor(
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
    @InjectRepository(FeedState) private readonly states: Repository<FeedState>,
  ) {}

  async list(): Promise<FeedHealth[]> {
    const states = new Map((await this.states.find()).map((s) => [s.feedId, s]));
    return this.config.feeds.map((feed) => {
      const s = states.get(feed.id);
      const status = !feed.enabled
        ? 'disabled'
        : !s?.lastPolledAt
          ? 'pending'
          : s.consecutiveFailures > 0
            ? 'failing'
            : 'ok';
      return {
        id: feed.id,
        type: feed.type,
        enabled: feed.enabled,
        brands: feed.brands ?? this.config.brands.map((b) => b.id),
        intervalSeconds: (feed.interval ?? this.config.polling.interval) / 1000,
        status,
        lastPolledAt: iso(s?.lastPolledAt),
        lastSuccessAt: iso(s?.lastSuccessAt),
        lastErrorAt: iso(s?.lastErrorAt),
        lastError: s?.lastError ?? null,
        lastErrorKind: s?.lastErrorKind ?? null,
        consecutiveFailures: s?.consecutiveFailures ?? 0,
        nextPollAt: iso(s?.nextPollAt),
        lastCounts: s?.lastCounts ?? null,
        totalStored: s?.totalStored ?? 0,
      };
    });
  }
}

function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}
