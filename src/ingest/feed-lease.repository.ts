import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { Instance } from '../database/instance';

export type LeaseClaim =
  | { claimed: true; until: Date }
  /** `leased`: another instance polls it (look again at `retryAt`, when its lease runs out); `not_due`: polled since. */
  | { claimed: false; reason: 'leased' | 'not_due'; retryAt: Date };

/** Thrown inside a page's transaction when this instance no longer holds the feed's lease: the page rolls back. */
export class LeaseLostError extends Error {
  constructor(feedId: string) {
    super(`feed ${feedId}: lease lost to another instance`);
  }
}

/**
 * Who polls a feed now, when instances share a PostgreSQL database: a lease in the feed's own
 * `feed_state` row (`lease_owner`, `lease_until`). Taking it is one statement, so of two instances
 * racing for a feed exactly one gets it; it is renewed as pages are stored (each page's transaction
 * checks it is still held, so a poller that lost its lease stores nothing more), released with the
 * poll's outcome, and taken over by another instance once it runs out (the holder died).
 * Off on SQLite (`enabled` false): one instance per file, polls work exactly as before.
 */
@Injectable()
export class FeedLeases {
  /** How long a lease holds without renewal (`polling.lease`); the poller renews it with every page and every third of it. */
  readonly durationMs: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly instance: Instance,
    @Inject(DEFUSE_CONFIG) config: DefuseConfig,
  ) {
    this.durationMs = config.polling.lease;
  }

  get enabled(): boolean {
    return this.instance.shared;
  }

  get owner(): string {
    return this.instance.id;
  }

  /**
   * Takes the feed's lease unless another instance holds an unexpired one, or (`dueOnly`, the scheduler)
   * the feed's next poll time has not come: someone polled it since this instance armed its timer.
   */
  async claim(feed: { id: string; type: string }, now: Date, dueOnly: boolean): Promise<LeaseClaim> {
    const until = new Date(now.getTime() + this.durationMs);
    const at = now.toISOString();
    const rows: unknown[] = await this.db.query(
      `INSERT INTO "feed_state" ("feed_id", "type", "lease_owner", "lease_until") VALUES ($1, $2, $3, $4)
       ON CONFLICT ("feed_id") DO UPDATE
         SET "lease_owner" = EXCLUDED."lease_owner", "lease_until" = EXCLUDED."lease_until"
         WHERE ("feed_state"."lease_until" IS NULL OR "feed_state"."lease_until" <= $5)
           AND (NOT $6::boolean OR "feed_state"."next_poll_at" IS NULL OR "feed_state"."next_poll_at" <= $5)
       RETURNING "feed_id"`,
      [feed.id, feed.type, this.owner, until.toISOString(), at, dueOnly],
    );
    if (rows.length > 0) return { claimed: true, until };
    const [row] = await this.db.query<{ lease_until: string | null; next_poll_at: string | null }[]>(
      `SELECT "lease_until", "next_poll_at" FROM "feed_state" WHERE "feed_id" = $1`,
      [feed.id],
    );
    if (row?.lease_until && row.lease_until > at)
      return { claimed: false, reason: 'leased', retryAt: new Date(row.lease_until) };
    return { claimed: false, reason: 'not_due', retryAt: new Date(row?.next_poll_at ?? at) };
  }

  /** Extends this instance's lease; false when it no longer holds it. Pass `em` to renew inside a transaction. */
  async renew(feedId: string, now: Date, em: EntityManager = this.db.manager): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `WITH u AS (UPDATE "feed_state" SET "lease_until" = $1 WHERE "feed_id" = $2 AND "lease_owner" = $3
                  RETURNING "feed_id") SELECT "feed_id" FROM u`,
      [new Date(now.getTime() + this.durationMs).toISOString(), feedId, this.owner],
    );
    return rows.length > 0;
  }

  /** Gives the lease up; false when this instance no longer held it (it ran out and another took it). */
  async release(feedId: string, em: EntityManager = this.db.manager): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `WITH u AS (UPDATE "feed_state" SET "lease_owner" = NULL, "lease_until" = NULL
                  WHERE "feed_id" = $1 AND "lease_owner" = $2 RETURNING "feed_id") SELECT "feed_id" FROM u`,
      [feedId, this.owner],
    );
    return rows.length > 0;
  }
}
