import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: for session ids, CSRF tokens and single-use links. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** What the database stores in place of a secret token. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
