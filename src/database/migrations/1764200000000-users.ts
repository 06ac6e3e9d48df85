import { MigrationInterface, QueryRunner, Table, TableUnique } from 'typeorm';

/** People who sign in to the dashboard ("user" is a reserved word in PostgreSQL, hence app_user). */
export class Users1764200000000 implements MigrationInterface {
  name = 'Users1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'app_user',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'name', type: 'varchar', length: '100', isNullable: true },
          { name: 'role', type: 'varchar', length: '8' },
          { name: 'password_hash', type: 'varchar', length: '100' },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'updated_at', type: 'varchar', length: '24' },
        ],
        uniques: [new TableUnique({ name: 'UQ_user_email', columnNames: ['email'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('app_user');
  }
}
