import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Several instances on one PostgreSQL database (issue 14):
 * - `feed_state.lease_owner` / `lease_until`: the instance polling a feed now and until when its lease
 *   holds (renewed with every stored page; an instance that dies loses it when it runs out).
 * - `scheduler_tick`: one row per scheduled job and tick slot; the instance whose insert lands runs
 *   that tick, the others skip it (the triage clock, the digest tick).
 * Both exist on SQLite too (same schema on both engines) but stay empty there: one instance per file.
 * Plain ALTER TABLE (no table rebuild on SQLite).
 */
export class Instances1764900000000 implements MigrationInterface {
  name = 'Instances1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "feed_state" ADD COLUMN "lease_owner" varchar(128)');
    await q.query('ALTER TABLE "feed_state" ADD COLUMN "lease_until" varchar(24)');
    await q.query(
      `CREATE TABLE "scheduler_tick" (
         "job" varchar(64) NOT NULL,
         "slot" varchar(32) NOT NULL,
         "instance" varchar(128) NOT NULL,
         "claimed_at" varchar(24) NOT NULL,
         CONSTRAINT "PK_scheduler_tick" PRIMARY KEY ("job", "slot"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "scheduler_tick"');
    await q.query('ALTER TABLE "feed_state" DROP COLUMN "lease_until"');
    await q.query('ALTER TABLE "feed_state" DROP COLUMN "lease_owner"');
  }
}
