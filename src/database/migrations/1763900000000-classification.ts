import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { floatType } from '../dialect';

/** The classifier's verdict on each mention, and the corrections managers make to it. */
export class Classification1763900000000 implements MigrationInterface {
  name = 'Classification1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('mention', [
      new TableColumn({ name: 'angry', type: 'boolean', isNullable: true }),
      new TableColumn({ name: 'score', type: floatType(q), isNullable: true }),
      new TableColumn({ name: 'intensity', type: 'varchar', length: '8', isNullable: true }),
      new TableColumn({ name: 'category', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({ name: 'reasons', type: 'text', isNullable: true }),
      new TableColumn({ name: 'flags', type: 'text', isNullable: true }),
      new TableColumn({ name: 'model_version', type: 'varchar', length: '64', isNullable: true }),
    ]);
    await q.createIndex(
      'mention',
      new TableIndex({ name: 'IDX_mention_angry_posted_at', columnNames: ['angry', 'posted_at'] }),
    );
    await q.createTable(
      new Table({
        name: 'classification_correction',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'mention_id', type: 'integer' },
          { name: 'angry', type: 'boolean' },
          { name: 'category', type: 'varchar', length: '32', isNullable: true },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'previous_angry', type: 'boolean', isNullable: true },
          { name: 'previous_category', type: 'varchar', length: '32', isNullable: true },
          { name: 'model_version', type: 'varchar', length: '64', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '256', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '24' },
        ],
        foreignKeys: [
          {
            columnNames: ['mention_id'],
            referencedTableName: 'mention',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [new TableIndex({ name: 'IDX_correction_mention', columnNames: ['mention_id', 'id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('classification_correction');
    await q.dropIndex('mention', 'IDX_mention_angry_posted_at');
    for (const c of ['model_version', 'flags', 'reasons', 'category', 'intensity', 'score', 'angry'])
      await q.dropColumn('mention', c);
  }
}
