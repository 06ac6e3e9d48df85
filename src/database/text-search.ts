import { QueryRunner } from 'typeorm';
import { dialectOf } from './dialect';

/**
 * The index behind the triage queue's text search (author or any post of a case's thread), created by
 * migration 1764100000000:
 * - SQLite: an FTS5 trigram table, case_search, one row per post of a case (and one for its author),
 *   kept in step by triggers; the queue matches it for searches of three characters or more.
 * - PostgreSQL: pg_trgm GIN indexes on the author columns and the post text, which serve the queue's
 *   ILIKE '%…%' (see containsText in dialect.ts) directly. pg_trgm ships with PostgreSQL and is a
 *   trusted extension (PostgreSQL ≥ 13): the database's owner may create it.
 */
export async function createTextSearch(q: QueryRunner): Promise<void> {
  if (dialectOf(q) === 'postgres') {
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await q.query('CREATE INDEX "IDX_mention_text_trgm" ON "mention" USING gin ("text" gin_trgm_ops)');
    await q.query(
      'CREATE INDEX "IDX_case_author_trgm" ON "triage_case" USING gin ("author_handle" gin_trgm_ops, "author_name" gin_trgm_ops)',
    );
    return;
  }
  // One row per post of a case (and one for its author): rows are only ever added as threads grow.
  await q.query(`CREATE VIRTUAL TABLE case_search USING fts5(case_id UNINDEXED, body, tokenize = 'trigram')`);
  await q.query(
    `INSERT INTO case_search (case_id, body)
     SELECT id, COALESCE(author_handle, '') || ' ' || COALESCE(author_name, '') FROM triage_case`,
  );
  await q.query(
    `INSERT INTO case_search (case_id, body)
     SELECT cm.case_id, m.text FROM case_mention cm JOIN mention m ON m.id = cm.mention_id`,
  );
  await q.query(
    `CREATE TRIGGER case_search_case_added AFTER INSERT ON triage_case BEGIN
       INSERT INTO case_search (case_id, body)
       VALUES (NEW.id, COALESCE(NEW.author_handle, '') || ' ' || COALESCE(NEW.author_name, ''));
     END`,
  );
  await q.query(
    `CREATE TRIGGER case_search_post_added AFTER INSERT ON case_mention BEGIN
       INSERT INTO case_search (case_id, body) SELECT NEW.case_id, text FROM mention WHERE id = NEW.mention_id;
     END`,
  );
  await q.query(
    `CREATE TRIGGER case_search_case_removed AFTER DELETE ON triage_case BEGIN
       DELETE FROM case_search WHERE case_id = OLD.id;
     END`,
  );
}

export async function dropTextSearch(q: QueryRunner): Promise<void> {
  if (dialectOf(q) === 'postgres') {
    await q.query('DROP INDEX IF EXISTS "IDX_case_author_trgm"');
    await q.query('DROP INDEX IF EXISTS "IDX_mention_text_trgm"');
    return;
  }
  for (const t of ['case_search_case_removed', 'case_search_post_added', 'case_search_case_added'])
    await q.query(`DROP TRIGGER IF EXISTS ${t}`);
  await q.query('DROP TABLE IF EXISTS case_search');
}
