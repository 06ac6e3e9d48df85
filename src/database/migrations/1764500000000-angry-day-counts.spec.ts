import { DataSource } from 'typeorm';
import { sql } from '../../../test/support/sql';
import { closeDatabase, databaseWithout, runMigration } from '../../../test/support/migrations';
import { columnNames, schemaObjects } from '../schema-info';
import { AngryDayCounts1764500000000 } from './1764500000000-angry-day-counts';

/** The migration runs on a database that already holds posts: it copies what is there and loses nothing. */
describe('migration AngryDayCounts1764500000000', () => {
  let db: DataSource;
  let drop: () => void;

  beforeEach(async () => {
    ({ db, drop } = await databaseWithout(AngryDayCounts1764500000000));
    for (const [id, angry, at] of [
      [1, 1, '2026-11-20T10:00:00.000Z'],
      [2, 0, '2026-11-21T10:00:00.000Z'],
    ] as const)
      await sql(
        db,
        `INSERT INTO mention (id, source, external_id, feed_id, text, posted_at, fetched_at, raw, angry, category)
         VALUES (?, 'mastodon', ?, 'f', 'a post', ?, ?, '{}', ?, 'billing')`,
        [id, `x${id}`, at, at, angry],
      );
    await db.query(
      `INSERT INTO mention_brand (mention_id, brand_id, terms) VALUES (1, 'acme', '["acme"]'), (1, 'globex', '[]'), (2, 'acme', '[]')`,
    );
  });
  afterEach(() => closeDatabase(db, drop));

  const links = () =>
    sql<{ mention_id: number; angry: number }>(
      db,
      'SELECT mention_id, brand_id, terms, angry, posted_at FROM mention_brand ORDER BY mention_id, brand_id',
    );
  const run = (step: 'up' | 'down') => runMigration(db, new AngryDayCounts1764500000000(), step);

  it('copies each stored link its mention’s verdict and time, then keeps them in step', async () => {
    await run('up');
    expect(await links()).toEqual([
      { mention_id: 1, brand_id: 'acme', terms: '["acme"]', angry: 1, posted_at: '2026-11-20T10:00:00.000Z' },
      { mention_id: 1, brand_id: 'globex', terms: '[]', angry: 1, posted_at: '2026-11-20T10:00:00.000Z' },
      { mention_id: 2, brand_id: 'acme', terms: '[]', angry: 0, posted_at: '2026-11-21T10:00:00.000Z' },
    ]);
    await sql(db, "UPDATE mention SET angry = ?, posted_at = '2026-11-22T00:00:00.000Z' WHERE id = 2", [1]);
    await db.query(`INSERT INTO mention_brand (mention_id, brand_id, terms) VALUES (2, 'globex', '[]')`);
    expect((await links()).filter((l: { mention_id: number }) => l.mention_id === 2)).toEqual([
      { mention_id: 2, brand_id: 'acme', terms: '[]', angry: 1, posted_at: '2026-11-22T00:00:00.000Z' },
      { mention_id: 2, brand_id: 'globex', terms: '[]', angry: 1, posted_at: '2026-11-22T00:00:00.000Z' },
    ]);
  });

  it('goes down to the previous schema with every link kept', async () => {
    await run('up');
    await run('down');
    expect(await columnNames(db, 'mention_brand')).toEqual(['mention_id', 'brand_id', 'terms']);
    expect(await db.query('SELECT mention_id, brand_id, terms FROM mention_brand ORDER BY 1, 2')).toEqual([
      { mention_id: 1, brand_id: 'acme', terms: '["acme"]' },
      { mention_id: 1, brand_id: 'globex', terms: '[]' },
      { mention_id: 2, brand_id: 'acme', terms: '[]' },
    ]);
    const objects = await schemaObjects(db);
    expect(objects.filter((name) => /angry_category|^mention_brand_|brand_angry/i.test(name))).toEqual([]);
    // Up again after down works: nothing was left half-dropped.
    await run('up');
    expect((await links()).map((l) => l.angry)).toEqual([1, 1, 0]);
  });
});
