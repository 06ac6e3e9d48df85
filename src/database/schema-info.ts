import { DataSource } from 'typeorm';
import { dialectOf } from './dialect';

/** A table's columns in order, on either database (for migration tests and checks). */
export async function columnNames(db: DataSource, table: string): Promise<string[]> {
  if (dialectOf(db) === 'postgres') {
    const rows: { name: string }[] = await db.query(
      `SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    );
    return rows.map((r) => r.name);
  }
  const rows: { name: string }[] = await db.query(`PRAGMA table_info("${table.replace(/"/g, '""')}")`);
  return rows.map((r) => r.name);
}

/**
 * The names of the schema's tables, indexes, triggers and (PostgreSQL) functions: what a migration's down
 * step must leave behind it.
 */
export async function schemaObjects(db: DataSource): Promise<string[]> {
  if (dialectOf(db) === 'postgres') {
    const rows: { name: string }[] = await db.query(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()
       UNION ALL SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()
       UNION ALL SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE NOT t.tgisinternal AND n.nspname = current_schema()
       UNION ALL SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = current_schema()`,
    );
    return rows.map((r) => r.name);
  }
  const rows: { name: string }[] = await db.query('SELECT name FROM sqlite_master');
  return rows.map((r) => r.name);
}
