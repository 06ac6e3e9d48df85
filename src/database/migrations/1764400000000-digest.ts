import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex, TableUnique } from 'typeorm';

/**
 * Digest preferences (one row per user: hour, time zone, brands) and the send log. The log's unique
 * (user, day) is what makes a digest go out once per user per day, across restarts, overlapping ticks
 * and several instances: whoever inserts the row sends. Two indexes serve the digest's day counts.
 */
export class Digest1764400000000 implements MigrationInterface {
  name = 'Digest1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const userFk = () =>
      new TableForeignKey({
        columnNames: ['user_id'],
        referencedTableName: 'app_user',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      });
    await q.createTable(
      new Table({
        name: 'digest_preference',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true },
          { name: 'enabled', type: 'boolean' },
          { name: 'hour', type: 'integer' },
          { name: 'time_zone', type: 'varchar', length: '64' },
          { name: 'brands', type: 'text', isNullable: true },
          { name: 'send_quiet', type: 'boolean' },
          { name: 'updated_at', type: 'varchar', length: '24' },
        ],
        foreignKeys: [userFk()],
      }),
    );
    await q.createTable(
      new Table({
        name: 'digest_send',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'user_id', type: 'integer' },
          { name: 'day', type: 'varchar', length: '10' },
          { name: 'status', type: 'varchar', length: '8' },
          { name: 'attempts', type: 'integer' },
          { name: 'claimed_at', type: 'varchar', length: '24' },
          /** A random token written by whoever claims the row: reading it back tells who won. */
          { name: 'claim', type: 'varchar', length: '32' },
          { name: 'next_attempt_at', type: 'varchar', length: '24', isNullable: true },
          { name: 'sent_at', type: 'varchar', length: '24', isNullable: true },
          { name: 'last_error', type: 'text', isNullable: true },
          { name: 'subject', type: 'text', isNullable: true },
          { name: 'message_id', type: 'varchar', length: '200', isNullable: true },
        ],
        uniques: [new TableUnique({ name: 'UQ_digest_send_user_day', columnNames: ['user_id', 'day'] })],
        foreignKeys: [userFk()],
      }),
    );
    // "Resolved yesterday" and "dismissed yesterday" read only the day's rows instead of the tables.
    await q.createIndex(
      'triage_case',
      new TableIndex({
        name: 'IDX_case_resolved_at',
        columnNames: ['resolved_at'],
        where: 'resolved_at IS NOT NULL',
      }),
    );
    await q.createIndex(
      'case_event',
      new TableIndex({
        name: 'IDX_case_event_to_status_at',
        columnNames: ['to_status', 'at'],
        where: 'to_status IS NOT NULL',
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('case_event', 'IDX_case_event_to_status_at');
    await q.dropIndex('triage_case', 'IDX_case_resolved_at');
    await q.dropTable('digest_send');
    await q.dropTable('digest_preference');
  }
}
