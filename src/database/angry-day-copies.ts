import { QueryRunner } from 'typeorm';
import { dialectOf } from './dialect';

/**
 * mention_brand keeps copies of its mention's `angry` and `posted_at` (migration 1764500000000), so the
 * digest counts angry mentions per brand and day as index ranges. The database keeps the copies right
 * for every writer (ingest, classification corrections, anything run by hand):
 * - SQLite: two triggers, AFTER INSERT on mention_brand and AFTER UPDATE OF angry, posted_at on mention.
 * - PostgreSQL: PL/pgSQL row triggers; the insert side is a BEFORE trigger that fills the new row
 *   itself (no second write of the row), and the update side fires only when a copied value changed.
 */
export async function createAngryDayCopyTriggers(q: QueryRunner): Promise<void> {
  if (dialectOf(q) === 'postgres') {
    await q.query(
      `CREATE FUNCTION mention_brand_copies_mention() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         SELECT m.angry, m.posted_at INTO NEW.angry, NEW.posted_at FROM mention m WHERE m.id = NEW.mention_id;
         RETURN NEW;
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER mention_brand_copies_mention BEFORE INSERT ON mention_brand
         FOR EACH ROW EXECUTE FUNCTION mention_brand_copies_mention()`,
    );
    await q.query(
      `CREATE FUNCTION mention_brand_follows_mention() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE mention_brand SET angry = NEW.angry, posted_at = NEW.posted_at WHERE mention_id = NEW.id;
         RETURN NULL;
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER mention_brand_follows_mention AFTER UPDATE OF angry, posted_at ON mention
         FOR EACH ROW WHEN (OLD.angry IS DISTINCT FROM NEW.angry OR OLD.posted_at IS DISTINCT FROM NEW.posted_at)
         EXECUTE FUNCTION mention_brand_follows_mention()`,
    );
    return;
  }
  await q.query(
    `CREATE TRIGGER mention_brand_copies_mention AFTER INSERT ON mention_brand BEGIN
       UPDATE mention_brand SET (angry, posted_at) = (SELECT m.angry, m.posted_at FROM mention m WHERE m.id = NEW.mention_id)
        WHERE mention_id = NEW.mention_id AND brand_id = NEW.brand_id;
     END`,
  );
  await q.query(
    `CREATE TRIGGER mention_brand_follows_mention AFTER UPDATE OF angry, posted_at ON mention BEGIN
       UPDATE mention_brand SET angry = NEW.angry, posted_at = NEW.posted_at WHERE mention_id = NEW.id;
     END`,
  );
}

export async function dropAngryDayCopyTriggers(q: QueryRunner): Promise<void> {
  if (dialectOf(q) === 'postgres') {
    await q.query('DROP TRIGGER mention_brand_follows_mention ON mention');
    await q.query('DROP FUNCTION mention_brand_follows_mention()');
    await q.query('DROP TRIGGER mention_brand_copies_mention ON mention_brand');
    await q.query('DROP FUNCTION mention_brand_copies_mention()');
    return;
  }
  await q.query('DROP TRIGGER mention_brand_follows_mention');
  await q.query('DROP TRIGGER mention_brand_copies_mention');
}
