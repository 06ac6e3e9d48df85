import { fromMinorUnits, isCurrency, minorDigits, toMinorUnits } from './money';

describe('money', () => {
  describe('minorDigits', () => {
    it.each([
      ['EUR', 2],
      ['USD', 2],
      ['JPY', 0],
      ['BHD', 3],
    ])('%s has %p decimal places', (currency, digits) => {
      const sut = minorDigits;
      expect(sut(currency)).toBe(digits);
    });
  });

  describe('toMinorUnits', () => {
    const sut = toMinorUnits;

    it.each([
      [12.5, 'EUR', 1250],
      [0.29, 'EUR', 29],
      [19.99, 'USD', 1999],
      [0, 'EUR', 0],
      [1200, 'JPY', 1200],
      [1.234, 'BHD', 1234],
      [12.5, 'BHD', 12500],
    ])('%p %s → %p', (amount, currency, minor) => {
      expect(sut(amount, currency)).toBe(minor);
    });

    it('refuses JPY 12.5, naming 0 decimal places', () => {
      expect(() => sut(12.5, 'JPY')).toThrow(RangeError);
      expect(() => sut(12.5, 'JPY')).toThrow('JPY amounts have at most 0 decimal places');
    });

    it('refuses a third decimal in EUR and a fourth in BHD', () => {
      expect(() => sut(12.345, 'EUR')).toThrow(new RangeError('EUR amounts have at most 2 decimal places'));
      expect(() => sut(1.2345, 'BHD')).toThrow(new RangeError('BHD amounts have at most 3 decimal places'));
    });

    it('tolerates binary floating point noise', () => {
      expect(sut(0.1 + 0.2, 'EUR')).toBe(30);
    });
  });

  describe('fromMinorUnits', () => {
    const sut = fromMinorUnits;

    it.each([
      [1250, 'EUR', 12.5],
      [1200, 'JPY', 1200],
      [1234, 'BHD', 1.234],
    ])('%p %s → %p', (minor, currency, amount) => {
      expect(sut(minor, currency)).toBe(amount);
    });

    it.each([
      [12.5, 'EUR'],
      [0.01, 'EUR'],
      [99.99, 'USD'],
      [1200, 'JPY'],
      [0.005, 'BHD'],
      [1.234, 'BHD'],
    ])('round-trips %p %s', (amount, currency) => {
      expect(sut(toMinorUnits(amount, currency), currency)).toBe(amount);
    });
  });

  describe('isCurrency', () => {
    const sut = isCurrency;

    it.each(['EUR', 'usd', 'JPY', 'BHD'])('accepts %s', (code) => {
      expect(sut(code)).toBe(true);
    });

    it.each([
      ['XYZ1', 'not three letters'],
      ['EU', 'too short'],
      ['ABC', 'three letters but not ISO 4217'],
      ['', 'empty'],
      ['E1R', 'a digit'],
    ])('refuses %p (%s)', (code) => {
      expect(sut(code)).toBe(false);
    });
  });
});
