import { DataSource, MigrationInterface } from 'typeorm';
import { MIGRATIONS } from '../../src/database/data-source.options';
import { testDataSourceOptions } from './test-app';

type MigrationClass = (typeof MIGRATIONS)[number];

/**
 * A test database (SQLite file or, under `npm run test:postgres`, a PostgreSQL database of its own)
 * with every migration applied but `migration` (and, with `andLater`, every one after it): a
 * migration spec then fills it with the rows the migration must carry over and runs it.
 */
export async function databaseWithout(
  migration: MigrationClass,
  { andLater = false } = {},
): Promise<{ db: DataSource; drop: () => void }> {
  const test = testDataSourceOptions();
  const at = MIGRATIONS.indexOf(migration);
  const db = await new DataSource({
    ...test.options,
    migrations: MIGRATIONS.filter((m, i) => (andLater ? i < at : m !== migration)),
  }).initialize();
  return { db, drop: test.drop };
}

export async function closeDatabase(db: DataSource, drop: () => void): Promise<void> {
  await db.destroy();
  drop();
}

/** Runs one step of a migration on its own query runner. */
export async function runMigration(
  db: DataSource,
  migration: MigrationInterface,
  step: 'up' | 'down',
): Promise<void> {
  const runner = db.createQueryRunner();
  try {
    await migration[step](runner);
  } finally {
    await runner.release();
  }
}
