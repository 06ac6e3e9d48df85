import { DataSource } from 'typeorm';
import { sql } from '../../../test/support/sql';
import { closeDatabase, databaseWithout, runMigration } from '../../../test/support/migrations';
import { columnNames } from '../schema-info';
import { FeedFirstPoll1764600000000 } from './1764600000000-feed-first-poll';

/** Feeds already polled before the migration keep the time Defuse first read them. */
describe('migration FeedFirstPoll1764600000000', () => {
  let db: DataSource;
  let drop: () => void;

  beforeEach(async () => {
    ({ db, drop } = await databaseWithout(FeedFirstPoll1764600000000, { andLater: true }));
    await db.query(
      `INSERT INTO feed_state (feed_id, type, last_polled_at, last_success_at) VALUES
         ('with-posts', 'rss', '2026-11-30T10:00:00.000Z', '2026-11-30T10:00:00.000Z'),
         ('no-posts', 'rss', '2026-11-29T08:00:00.000Z', '2026-11-28T08:00:00.000Z'),
         ('never-ok', 'rss', '2026-11-27T08:00:00.000Z', NULL)`,
    );
    for (const [id, fetched] of [
      [1, '2026-11-20T09:00:00.000Z'],
      [2, '2026-11-10T09:00:00.000Z'],
    ] as const)
      await sql(
        db,
        `INSERT INTO mention (id, source, external_id, feed_id, text, posted_at, fetched_at, raw)
         VALUES (?, 'rss', ?, 'with-posts', 'a post', '2026-01-01T00:00:00.000Z', ?, '{}')`,
        [id, `x${id}`, fetched],
      );
  });
  afterEach(() => closeDatabase(db, drop));

  const run = (step: 'up' | 'down') => runMigration(db, new FeedFirstPoll1764600000000(), step);

  it('backfills the first stored mention, else the first success, else the first poll recorded', async () => {
    await run('up');
    expect(await db.query('SELECT feed_id, first_polled_at FROM feed_state ORDER BY feed_id')).toEqual([
      { feed_id: 'never-ok', first_polled_at: '2026-11-27T08:00:00.000Z' },
      { feed_id: 'no-posts', first_polled_at: '2026-11-28T08:00:00.000Z' },
      { feed_id: 'with-posts', first_polled_at: '2026-11-10T09:00:00.000Z' },
    ]);
  });

  it('goes down without the column, every feed kept', async () => {
    await run('up');
    await run('down');
    expect(await columnNames(db, 'feed_state')).not.toContain('first_polled_at');
    expect(await sql(db, 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM feed_state')).toEqual([{ n: 3 }]);
  });
});
