import { isISO8601, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * A calendar date (UTC midnight) or a date and time with Z or an offset. ISO-8601 alone is not enough:
 * it also allows week dates ("2026-W47") and times without a zone, which Date reads as invalid (a 500
 * later) or as server-local time.
 */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

export function isInstant(value: unknown): boolean {
  return typeof value === 'string' && INSTANT.test(value) && isISO8601(value, { strict: true });
}

/** Query parameter validation: `field` must be an instant as above. */
export const IsInstant = (field: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: () => `${field} must be an ISO-8601 date or time, e.g. 2026-11-22T08:00:00Z`,
      },
    },
    options,
  );
