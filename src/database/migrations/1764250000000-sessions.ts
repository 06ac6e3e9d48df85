import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Sign-in sessions and personal API tokens. Both store only the SHA-256 of the secret the browser or
 * script holds, so a copy of the database does not let anyone act as a user.
 */
export class Sessions1764250000000 implements MigrationInterface {
  name = 'Sessions1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'user_session',
        columns: [
          { name: 'id_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'integer' },
          { name: 'csrf_token', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'last_seen_at', type: 'varchar', length: '24' },
          { name: 'expires_at', type: 'varchar', length: '24' },
        ],
        indices: [new TableIndex({ name: 'IDX_session_user', columnNames: ['user_id'] })],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'app_user',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'api_token',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'user_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'last_used_at', type: 'varchar', length: '24', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'IDX_token_user', columnNames: ['user_id'] })],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'app_user',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('api_token');
    await q.dropTable('user_session');
  }
}
