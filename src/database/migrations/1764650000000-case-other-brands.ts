import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One case for a post that matches several brands (issue 13): the case's own brand_id is the brand with
 * the stricter SLA; the other brands are rows here. Cases opened before this migration (one per brand)
 * are left as they are.
 */
export class CaseOtherBrands1764650000000 implements MigrationInterface {
  name = 'CaseOtherBrands1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "case_other_brand" (
         "case_id" integer NOT NULL REFERENCES "triage_case" ("id") ON DELETE CASCADE,
         "brand_id" varchar(64) NOT NULL,
         PRIMARY KEY ("case_id", "brand_id"))`,
    );
    await q.query('CREATE INDEX "IDX_case_other_brand_brand" ON "case_other_brand" ("brand_id", "case_id")');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "case_other_brand"');
  }
}
