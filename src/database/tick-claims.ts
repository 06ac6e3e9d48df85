import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Instance } from './instance';

/** Claims older than this are deleted by the next claim of the same job. */
const KEEP_MS = 86_400_000;

/**
 * Once per tick across instances: every instance runs the same interval timer, and before a tick each
 * asks for the tick's slot (the interval number since the epoch, so instances with unaligned timers
 * compute the same slot). The first insert of (job, slot) into `scheduler_tick` lands; the others see
 * the row and skip that tick. An instance that dies mid-tick loses only that tick: the next slot is
 * claimed by whoever fires first (the ticks catch up by design: breaches since the last tick, sends
 * still due). On SQLite (one instance) every tick is this instance's and nothing is written.
 */
@Injectable()
export class TickClaims {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly instance: Instance,
  ) {}

  /** The slot `now` falls in for a job ticking every `intervalMs`. */
  static slotOf(intervalMs: number, now: Date): string {
    return `${intervalMs}:${Math.floor(now.getTime() / intervalMs)}`;
  }

  /** Whether this instance runs `job`'s tick for the slot `now` falls in (always on SQLite). */
  async claim(job: string, intervalMs: number, now = new Date()): Promise<boolean> {
    if (!this.instance.shared) return true;
    const rows: unknown[] = await this.db.query(
      `INSERT INTO "scheduler_tick" ("job", "slot", "instance", "claimed_at") VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING "job"`,
      [job, TickClaims.slotOf(intervalMs, now), this.instance.id, now.toISOString()],
    );
    if (rows.length === 0) return false;
    await this.db.query(`DELETE FROM "scheduler_tick" WHERE "job" = $1 AND "claimed_at" < $2`, [
      job,
      new Date(now.getTime() - KEEP_MS).toISOString(),
    ]);
    return true;
  }
}
