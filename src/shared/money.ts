// Amounts as people type them ("1,200,000", "1 200 000", "€ 25.000,50", "USD 5000") turned into
// the plain decimal the API stores ("1200000", "25000.50"). Used by the server before validation
// (so every client benefits) and by the web forms (so the field shows what will be saved).

/** Currency signs that name one currency; "$" does not (US, Canada, Australia...), so it is only dropped. */
const SIGNS: Record<string, string> = { '€': 'EUR', '£': 'GBP', 'US$': 'USD', '₹': 'INR', '₩': 'KRW', '₦': 'NGN', '₱': 'PHP', '฿': 'THB', '₴': 'UAH', '₺': 'TRY', '₽': 'RUB' };
const DROPPED = ['$', '¥', '¢'];

export interface ParsedAmount {
  /** Digits with an optional decimal point and at most two decimals, e.g. "1200000" or "1200.5". */
  amount: string;
  /** The currency the text named by a code or an unambiguous sign, if any. */
  currency: string | null;
}

/**
 * The amount in `text`, or null when it is not an amount. Thousands separators (comma, full stop,
 * spaces, apostrophes), a currency sign or ISO code before or after, are accepted; the decimal
 * separator is the last comma or full stop followed by one or two digits.
 */
export function parseAmount(text: string): ParsedAmount | null {
  let s = text.normalize('NFKC').trim();
  let currency: string | null = null;
  const code = /^([A-Za-z]{3})\s*(?=[\d.,])|(?<=[\d.,])\s*([A-Za-z]{3})$/.exec(s);
  if (code) {
    currency = (code[1] ?? code[2])!.toUpperCase();
    s = s.replace(code[0], '');
  }
  for (const [sign, named] of Object.entries(SIGNS).sort((a, b) => b[0].length - a[0].length)) {
    if (s.startsWith(sign) || s.endsWith(sign)) {
      s = s.startsWith(sign) ? s.slice(sign.length) : s.slice(0, -sign.length);
      currency ??= named;
      break;
    }
  }
  for (const sign of DROPPED) if (s.startsWith(sign) || s.endsWith(sign)) s = s.startsWith(sign) ? s.slice(sign.length) : s.slice(0, -sign.length);
  s = s.replace(/[\s'’_]/gu, '');
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return null;

  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let integer = s;
  let decimals = '';
  const sep = lastComma > lastDot ? ',' : '.';
  const last = Math.max(lastComma, lastDot);
  if (last >= 0) {
    const after = s.slice(last + 1);
    const count = s.split(sep).length - 1;
    // One separator followed by one or two digits, after any other kind of separator: the decimal point.
    const isDecimal = after.length <= 2 && (count === 1 || (lastComma >= 0 && lastDot >= 0));
    if (isDecimal) {
      integer = s.slice(0, last);
      decimals = after;
    }
    const groups = integer.split(/[.,]/);
    if (groups.length > 1) {
      // Thousands groups: one to three digits first, then exactly three each, all with one separator.
      const separators = new Set(integer.replace(/\d/g, ''));
      if (separators.size > 1 || (isDecimal && separators.has(sep)) || !/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return null;
    }
    integer = groups.join('');
  }
  integer = integer.replace(/^0+(?=\d)/, '');
  return { amount: decimals ? `${integer}.${decimals}` : integer, currency };
}

/** The normalized amount, or the text unchanged when it is not one (validation then says so). */
export function normalizeAmount(text: string): string {
  return parseAmount(text)?.amount ?? text;
}
