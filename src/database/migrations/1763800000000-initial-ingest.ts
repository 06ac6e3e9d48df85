import { MigrationInterface, QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

const iso = (name: string, nullable = true) => ({
  name,
  type: 'varchar',
  length: '24',
  isNullable: nullable,
});

/** Mentions, their brand matches, feed state and rejected items. Written with the Table API so it also runs on PostgreSQL. */
export class InitialIngest1763800000000 implements MigrationInterface {
  name = 'InitialIngest1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'mention',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'source', type: 'varchar', length: '32' },
          { name: 'external_id', type: 'varchar', length: '512' },
          { name: 'feed_id', type: 'varchar', length: '64' },
          { name: 'url', type: 'text', isNullable: true },
          { name: 'author_handle', type: 'varchar', length: '256', isNullable: true },
          { name: 'author_name', type: 'varchar', length: '256', isNullable: true },
          { name: 'reach', type: 'integer', isNullable: true },
          { name: 'text', type: 'text' },
          { name: 'language', type: 'varchar', length: '16', isNullable: true },
          iso('posted_at', false),
          iso('fetched_at', false),
          { name: 'raw', type: 'text' },
        ],
        uniques: [
          new TableUnique({ name: 'UQ_mention_source_external_id', columnNames: ['source', 'external_id'] }),
        ],
        indices: [new TableIndex({ name: 'IDX_mention_posted_at', columnNames: ['posted_at', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'mention_brand',
        columns: [
          { name: 'mention_id', type: 'integer', isPrimary: true },
          { name: 'brand_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'terms', type: 'text' },
        ],
        foreignKeys: [
          {
            columnNames: ['mention_id'],
            referencedTableName: 'mention',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [
          new TableIndex({ name: 'IDX_mention_brand_brand', columnNames: ['brand_id', 'mention_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'feed_state',
        columns: [
          { name: 'feed_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'type', type: 'varchar', length: '16' },
          { name: 'cursor', type: 'text', isNullable: true },
          { name: 'etag', type: 'text', isNullable: true },
          { name: 'last_modified', type: 'varchar', length: '64', isNullable: true },
          iso('last_polled_at'),
          iso('last_success_at'),
          iso('last_error_at'),
          { name: 'last_error', type: 'text', isNullable: true },
          { name: 'last_error_kind', type: 'varchar', length: '32', isNullable: true },
          { name: 'consecutive_failures', type: 'integer', default: 0 },
          iso('next_poll_at'),
          { name: 'last_counts', type: 'text', isNullable: true },
          { name: 'total_stored', type: 'integer', default: 0 },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rejected_item',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'feed_id', type: 'varchar', length: '64' },
          { name: 'reason', type: 'text' },
          { name: 'raw', type: 'text' },
          iso('rejected_at', false),
        ],
        indices: [new TableIndex({ name: 'IDX_rejected_item_feed', columnNames: ['feed_id', 'id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['rejected_item', 'feed_state', 'mention_brand', 'mention']) await q.dropTable(table);
  }
}
