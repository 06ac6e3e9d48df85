/** Decimal places of a currency's minor unit (EUR 2, JPY 0, BHD 3), from the runtime's ISO 4217 data. */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** 12.5 EUR → 1250; throws RangeError when the amount has more decimals than the currency allows. */
export function toMinorUnits(amount: number, currency: string): number {
  const digits = minorDigits(currency);
  const minor = Math.round(amount * 10 ** digits);
  if (Math.abs(minor / 10 ** digits - amount) > 1e-9)
    throw new RangeError(`${currency} amounts have at most ${digits} decimal places`);
  return minor;
}

export function fromMinorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/** ISO 4217 codes the runtime knows. */
export function isCurrency(code: string): boolean {
  if (!/^[A-Za-z]{3}$/.test(code)) return false;
  return Intl.supportedValuesOf('currency').includes(code.toUpperCase());
}

/** "€25.50", for history notes. */
export function formatAmount(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount);
}
