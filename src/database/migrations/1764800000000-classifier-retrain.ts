import { MigrationInterface, QueryRunner } from 'typeorm';
import { serialPrimaryKey } from '../dialect';

/**
 * The log of scheduled classifier retrains, one row per schedule slot. The unique slot is the claim:
 * instances sharing the database all fire the nightly cron, and only the one whose insert lands
 * retrains; the others see the row and skip (and later load the swapped model from it).
 */
export class ClassifierRetrain1764800000000 implements MigrationInterface {
  name = 'ClassifierRetrain1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "classifier_retrain" (
         ${serialPrimaryKey(q)},
         "slot" varchar(64) NOT NULL,
         "instance" varchar(128) NOT NULL,
         "started_at" varchar(24) NOT NULL,
         "finished_at" varchar(24),
         "outcome" varchar(16),
         "model_version" varchar(64),
         "details" text,
         CONSTRAINT "UQ_classifier_retrain_slot" UNIQUE ("slot"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "classifier_retrain"');
  }
}
