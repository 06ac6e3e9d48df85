import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { createTextSearch, dropTextSearch } from '../text-search';

/**
 * Indexes measured by `npm run bench -- triage` (1,000,000 mentions, 100,000 cases): without them the
 * queue sorted by SLA or age read every open case (~140 ms), the overdue filter scanned every overdue
 * follow-up per case (~95 ms), and text search walked the queue with LIKE (up to 750 ms for a rare word).
 * Search gets a trigram index over each case's author and thread: FTS5 on SQLite, pg_trgm on PostgreSQL
 * (src/database/text-search.ts).
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
    await createTextSearch(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropTextSearch(q);
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
