import { describe, expect, it } from 'vitest';
import { normalizeAmount, parseAmount } from './money.js';

describe('amounts as people type them', () => {
  it.each([
    ['1,200,000', '1200000'],
    ['1 200 000', '1200000'],
    ['1\u202f200\u00a0000', '1200000'],
    ["1'200'000", '1200000'],
    ['1.200.000', '1200000'],
    ['1,200,000.50', '1200000.50'],
    ['1.200.000,50', '1200000.50'],
    ['1200.5', '1200.5'],
    ['1200,50', '1200.50'],
    ['$1,200,000', '1200000'],
    ['250000', '250000'],
    ['007', '7'],
  ])('%s → %s', (typed, amount) => {
    expect(parseAmount(typed)?.amount).toBe(amount);
  });

  it('reads a currency code or an unambiguous sign, before or after', () => {
    expect(parseAmount('€ 25.000,50')).toEqual({ amount: '25000.50', currency: 'EUR' });
    expect(parseAmount('USD 5,000')).toEqual({ amount: '5000', currency: 'USD' });
    expect(parseAmount('5000 chf')).toEqual({ amount: '5000', currency: 'CHF' });
    expect(parseAmount('£1,000')).toEqual({ amount: '1000', currency: 'GBP' });
    expect(parseAmount('$1,000')).toEqual({ amount: '1000', currency: null });
  });

  it('refuses what is not an amount, and leaves it for validation to explain', () => {
    for (const text of ['', 'abc', '1,20,0', '12,34,56', '1.2.3', '-5', '1,000.000,5', '1,', 'ten thousand']) {
      expect(parseAmount(text), text).toBeNull();
    }
    expect(normalizeAmount('ten')).toBe('ten');
  });
});
