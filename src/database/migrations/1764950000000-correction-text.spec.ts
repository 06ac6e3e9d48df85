import { DataSource } from 'typeorm';
import { sql } from '../../../test/support/sql';
import { closeDatabase, databaseWithout, runMigration } from '../../../test/support/migrations';
import { columnNames } from '../schema-info';
import { CorrectionText1764950000000 } from './1764950000000-correction-text';

/** Corrections made before the migration get the text of the post they corrected. */
describe('migration CorrectionText1764950000000', () => {
  let db: DataSource;
  let drop: () => void;

  beforeEach(async () => {
    ({ db, drop } = await databaseWithout(CorrectionText1764950000000));
    await sql(
      db,
      `INSERT INTO mention (id, source, external_id, feed_id, text, posted_at, fetched_at, raw)
       VALUES (7, 'rss', 'x7', 'f', 'my parcel never came', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}')`,
    );
    await sql(
      db,
      `INSERT INTO classification_correction (mention_id, angry, created_at) VALUES (7, ?, '2026-01-02T00:00:00.000Z')`,
      [true],
    );
  });
  afterEach(() => closeDatabase(db, drop));

  const run = (step: 'up' | 'down') => runMigration(db, new CorrectionText1764950000000(), step);

  it('copies each corrected post’s text into its correction', async () => {
    await run('up');
    expect(await sql(db, 'SELECT mention_id, text FROM classification_correction')).toEqual([
      { mention_id: 7, text: 'my parcel never came' },
    ]);
  });

  it('goes down without the column, every correction kept', async () => {
    await run('up');
    await run('down');
    expect(await columnNames(db, 'classification_correction')).not.toContain('text');
    expect(await sql(db, 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM classification_correction')).toEqual([
      { n: 1 },
    ]);
  });
});
