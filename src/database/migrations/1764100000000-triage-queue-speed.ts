import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes measured by `npm run bench -- triage` (1,000,000 mentions, 100,000 cases): without them the
 * queue sorted by SLA or age read every open case (~140 ms), the overdue filter scanned every overdue
 * follow-up per case (~95 ms), and text search walked the queue with LIKE (up to 750 ms for a rare word).
 * On SQLite, search gets an FTS5 trigram index over each case's author and thread, kept in step by
 * triggers; other databases keep the LIKE search.
 */
export class TriageQueueSpeed1764100000000 implements MigrationInterface {
  name = 'TriageQueueSpeed1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // A post opens at most one case per brand; intake finds the ids of the cases it just wrote by this pair.
    await q.createIndex(
      'triage_case',
      new TableIndex({
        name: 'UQ_case_first_mention_brand',
        columnNames: ['first_mention_id', 'brand_id'],
        isUnique: true,
      }),
    );
    await q.createIndex(
      'triage_case',
      new TableIndex({ name: 'IDX_case_sla_queue', columnNames: ['is_open', 'first_response_due_at', 'id'] }),
    );
    await q.createIndex(
      'triage_case',
      new TableIndex({ name: 'IDX_case_age_queue', columnNames: ['is_open', 'opened_at', 'id'] }),
    );
    await q.dropIndex('follow_up', 'IDX_follow_up_case');
    await q.createIndex(
      'follow_up',
      new TableIndex({ name: 'IDX_follow_up_case', columnNames: ['case_id', 'status', 'due_at'] }),
    );
    if (q.connection.options.type !== 'sqlite') return;
    // One row per post of a case (and one for its author): rows are only ever added as threads grow.
    await q.query(
      `CREATE VIRTUAL TABLE case_search USING fts5(case_id UNINDEXED, body, tokenize = 'trigram')`,
    );
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

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'sqlite') {
      for (const t of ['case_search_case_removed', 'case_search_post_added', 'case_search_case_added'])
        await q.query(`DROP TRIGGER IF EXISTS ${t}`);
      await q.query('DROP TABLE IF EXISTS case_search');
    }
    await q.dropIndex('follow_up', 'IDX_follow_up_case');
    await q.createIndex(
      'follow_up',
      new TableIndex({ name: 'IDX_follow_up_case', columnNames: ['case_id'] }),
    );
    await q.dropIndex('triage_case', 'IDX_case_age_queue');
    await q.dropIndex('triage_case', 'IDX_case_sla_queue');
    await q.dropIndex('triage_case', 'UQ_case_first_mention_brand');
  }
}
