import { DataSource } from 'typeorm';
import { positional } from '../../src/database/dialect';

/**
 * A test's own SQL, written once for both databases: `?` placeholders (numbered for PostgreSQL), and
 * boolean columns read back as SQLite stores them (1 / 0; PostgreSQL returns true / false), so the same
 * assertion holds on both.
 */
export async function sql<T = Record<string, unknown>>(
  db: DataSource,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const rows: Record<string, unknown>[] = await db.query(positional(db, text), params);
  if (!Array.isArray(rows)) return rows;
  return rows.map(
    (row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v]),
      ) as T,
  );
}
