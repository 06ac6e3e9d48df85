import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { floatType, sqlBoolean } from '../dialect';

const id: TableColumnOptions = {
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
};
const time = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '24',
  isNullable,
});
const caseKey = (onDelete = 'CASCADE') => ({
  columnNames: ['case_id'],
  referencedTableName: 'triage_case',
  referencedColumnNames: ['id'],
  onDelete,
});

/** The triage queue: cases, their threads, history, follow-ups and compensation. */
export class Triage1764000000000 implements MigrationInterface {
  name = 'Triage1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'triage_case',
        columns: [
          id,
          { name: 'brand_id', type: 'varchar', length: '64' },
          { name: 'source', type: 'varchar', length: '32' },
          { name: 'author_key', type: 'varchar', length: '300', isNullable: true },
          { name: 'author_handle', type: 'varchar', length: '256', isNullable: true },
          { name: 'author_name', type: 'varchar', length: '256', isNullable: true },
          { name: 'status', type: 'varchar', length: '24' },
          { name: 'is_open', type: 'boolean' },
          { name: 'owner', type: 'varchar', length: '100', isNullable: true },
          { name: 'team', type: 'varchar', length: '64', isNullable: true },
          { name: 'tags', type: 'text' },
          { name: 'category', type: 'varchar', length: '32' },
          { name: 'score', type: floatType(q) },
          { name: 'intensity', type: 'varchar', length: '8' },
          { name: 'reach', type: 'integer', isNullable: true },
          { name: 'flags', type: 'text' },
          { name: 'repeat_count', type: 'integer' },
          { name: 'priority', type: floatType(q) },
          { name: 'priority_factors', type: 'text' },
          { name: 'priority_settled', type: 'boolean' },
          { name: 'escalations', type: 'text' },
          { name: 'first_mention_id', type: 'integer' },
          { name: 'excerpt', type: 'text' },
          { name: 'mention_count', type: 'integer' },
          time('opened_at'),
          time('last_post_at'),
          time('updated_at'),
          time('first_response_due_at'),
          time('first_responded_at', true),
          time('sla_breached_at', true),
          time('replied_at', true),
          time('resolved_at', true),
        ],
        foreignKeys: [
          {
            columnNames: ['first_mention_id'],
            referencedTableName: 'mention',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [
          new TableIndex({ name: 'IDX_case_queue', columnNames: ['is_open', 'priority', 'id'] }),
          new TableIndex({ name: 'IDX_case_status_queue', columnNames: ['status', 'priority', 'id'] }),
          new TableIndex({
            name: 'IDX_case_brand_queue',
            columnNames: ['brand_id', 'is_open', 'priority', 'id'],
          }),
          new TableIndex({
            name: 'IDX_case_author',
            columnNames: ['author_key', 'brand_id', 'last_post_at'],
          }),
          // The clock job's two questions, answered from small partial indexes.
          new TableIndex({
            name: 'IDX_case_sla_running',
            columnNames: ['first_response_due_at'],
            where: 'first_responded_at IS NULL AND sla_breached_at IS NULL',
          }),
          new TableIndex({
            name: 'IDX_case_priority_unsettled',
            columnNames: ['id'],
            where: `priority_settled = ${sqlBoolean(q, false)}`,
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_mention',
        columns: [
          { name: 'case_id', type: 'integer', isPrimary: true },
          { name: 'mention_id', type: 'integer', isPrimary: true },
          time('added_at'),
        ],
        foreignKeys: [
          caseKey(),
          {
            columnNames: ['mention_id'],
            referencedTableName: 'mention',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [new TableIndex({ name: 'IDX_case_mention_mention', columnNames: ['mention_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_event',
        columns: [
          id,
          { name: 'case_id', type: 'integer' },
          time('at'),
          { name: 'actor', type: 'varchar', length: '100' },
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'from_status', type: 'varchar', length: '24', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '24', isNullable: true },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'data', type: 'text', isNullable: true },
        ],
        foreignKeys: [caseKey()],
        indices: [new TableIndex({ name: 'IDX_case_event_case', columnNames: ['case_id', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'follow_up',
        columns: [
          id,
          { name: 'case_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'phrase', type: 'text', isNullable: true },
          time('due_at'),
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'reason', type: 'text', isNullable: true },
          time('created_at'),
          time('closed_at', true),
          { name: 'closed_by', type: 'varchar', length: '100', isNullable: true },
          time('announced_at', true),
        ],
        foreignKeys: [caseKey()],
        indices: [
          new TableIndex({ name: 'IDX_follow_up_due', columnNames: ['status', 'due_at'] }),
          new TableIndex({ name: 'IDX_follow_up_case', columnNames: ['case_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'compensation',
        columns: [
          id,
          { name: 'case_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'amount_minor', type: 'integer' },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'note', type: 'text', isNullable: true },
          time('given_at'),
          { name: 'given_by', type: 'varchar', length: '100' },
        ],
        foreignKeys: [caseKey()],
        indices: [
          new TableIndex({ name: 'IDX_compensation_given_at', columnNames: ['given_at'] }),
          new TableIndex({ name: 'IDX_compensation_case', columnNames: ['case_id'] }),
        ],
      }),
    );
    // Author history reads a person's earlier mentions.
    await q.createIndex(
      'mention',
      new TableIndex({ name: 'IDX_mention_author', columnNames: ['source', 'author_handle', 'posted_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('mention', 'IDX_mention_author');
    for (const t of ['compensation', 'follow_up', 'case_event', 'case_mention', 'triage_case'])
      await q.dropTable(t);
  }
}
