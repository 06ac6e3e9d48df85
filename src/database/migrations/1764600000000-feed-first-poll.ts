import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each feed was first read: a case's SLA clock starts at the later of the post's time and this
 * (issue 13), so the first import of a feed, or a new feed with weeks of history, is not a wall of
 * breaches. Existing feeds take the time their first stored mention was fetched, else their first
 * recorded poll. Plain ALTER TABLE (no table rebuild on SQLite).
 */
export class FeedFirstPoll1764600000000 implements MigrationInterface {
  name = 'FeedFirstPoll1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "feed_state" ADD COLUMN "first_polled_at" varchar(24)');
    await q.query(
      `UPDATE "feed_state" SET "first_polled_at" = COALESCE(
         (SELECT MIN(m."fetched_at") FROM "mention" m WHERE m."feed_id" = "feed_state"."feed_id"),
         "last_success_at", "last_polled_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "feed_state" DROP COLUMN "first_polled_at"');
  }
}
