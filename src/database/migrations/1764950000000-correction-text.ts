import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A correction keeps the text it corrects: the classifier's index of corrections and its retraining
 * read only the classifier's own table, not ingest's mentions (issue 14: one owner per table).
 */
export class CorrectionText1764950000000 implements MigrationInterface {
  name = 'CorrectionText1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'classification_correction',
      new TableColumn({ name: 'text', type: 'text', isNullable: true }),
    );
    await q.query(
      `UPDATE "classification_correction"
          SET "text" = (SELECT m."text" FROM "mention" m WHERE m."id" = "classification_correction"."mention_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('classification_correction', 'text');
  }
}
