import { ValueTransformer } from 'typeorm';

/**
 * Timestamps are stored as fixed-width ISO-8601 UTC text ("2026-11-22T15:17:23.000Z"): they sort
 * correctly as text on SQLite, compare with plain string parameters, and read the same on PostgreSQL.
 */
export const isoDate: ValueTransformer = {
  to: (value: Date | null | undefined) => (value instanceof Date ? value.toISOString() : (value ?? null)),
  from: (value: string | null) => (value == null ? null : new Date(value)),
};
