import { Type, type TUnsafe } from 'typebox';

/** A string that must be one of `values`: a plain JSON-schema enum, typed as the literal union. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}): TUnsafe<T[number]> =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
