// Password hashing (argon2id, per-password salt inside the hash string) and the password policy.
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. `2` is Algorithm.Argon2id (a const enum
// that isolated modules cannot import).
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2ID);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // With no hash (unknown email, account not activated) verify against a throw-away hash anyway,
  // so the answer takes as long as for a real account and timing reveals nothing.
  const target = passwordHash ?? (await dummyHash);
  const ok = await verify(target, password).catch(() => false);
  return ok && passwordHash !== null;
}
const dummyHash = hashPassword('not-a-real-password-0000');

// zxcvbn-ts knows the ~40,000 most common passwords, keyboard walks, dates and repetitions.
const strength = new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });

/** Why a new password is refused, in plain words, or null when it is acceptable. */
export function passwordWeakness(password: string, personal: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  const result = strength.check(password, personal.filter(Boolean));
  const common = result.sequence.some((m) => m.pattern === 'dictionary' && m.token.length >= password.length - 2);
  if (common || result.score < 3) return 'is too common or too easy to guess; try a longer phrase of unrelated words';
  return null;
}
