// Money fields as people type them: before any route's schema sees a JSON body, every amount
// ({amount, currency} objects and `fundingSought`) is normalized ("1,200,000" → "1200000",
// "€ 25.000,50" → "25000.50") and currency codes are upper-cased; a currency named in the amount
// ("USD 5,000") fills an empty currency. What is not an amount is left as typed, for validation
// to explain in a sentence.
import type { FastifyInstance } from 'fastify';
import { parseAmount } from '../../shared/money.js';

export function normalizeMoneyFields(value: unknown, depth = 0): void {
  if (depth > 4 || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) normalizeMoneyFields(item, depth + 1);
    return;
  }
  const obj = value as Record<string, unknown>;
  if ('amount' in obj && 'currency' in obj && typeof obj.amount === 'string') {
    const parsed = parseAmount(obj.amount);
    if (parsed) {
      obj.amount = parsed.amount;
      if ((obj.currency === '' || obj.currency === null) && parsed.currency) obj.currency = parsed.currency;
    }
    if (typeof obj.currency === 'string') obj.currency = obj.currency.trim().toUpperCase();
  }
  if (typeof obj.fundingSought === 'string') {
    const parsed = parseAmount(obj.fundingSought);
    if (parsed) obj.fundingSought = parsed.amount;
  }
  for (const [key, child] of Object.entries(obj)) if (key !== 'amount' && child && typeof child === 'object') normalizeMoneyFields(child, depth + 1);
}

/** Registers the normalization for every route registered after it. */
export function registerMoneyInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.body && typeof request.body === 'object' && !Buffer.isBuffer(request.body)) normalizeMoneyFields(request.body);
  });
}
