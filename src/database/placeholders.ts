import { EntityManager } from 'typeorm';

/** "?, ?, ?" on SQLite, "$2, $3, $4" on PostgreSQL: `count` parameters after `before` others, for plain SQL. */
export function placeholders(em: EntityManager, count: number, before = 0): string {
  const postgres = em.connection.driver.options.type === 'postgres';
  return Array.from({ length: count }, (_, i) => (postgres ? `$${before + i + 1}` : '?')).join(', ');
}
