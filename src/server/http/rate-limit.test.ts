// The database-backed counters behind sign-in throttling and the public forms, on both databases:
// the window counters of a sign-in attempt, counted in order and all or nothing (hitInOrder inside
// reserveSignInAttempt).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.js';
import { openTestDatabase } from '../testing/test-app.js';
import { reserveSignInAttempt } from '../auth/sign-in-throttle.js';
import { hit, hits, type Limit } from './rate-limit.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase({ demo: false, poolSize: 20 });
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

const pair: Limit = { bucket: 'test:pair', max: 5, windowSeconds: 3600 };
const source: Limit = { bucket: 'test:source', max: 5, windowSeconds: 3600 };

const windowsOnly = (counters: [Limit, string][]) => reserveSignInAttempt(handle.db, counters, []).then((refused) => refused?.limit ?? null);

describe('counting a sign-in attempt in several windows', () => {
  it('lets exactly `max` of many concurrent callers through two limits of equal size, and counts only those', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => windowsOnly([[pair, 'a b'], [source, 'b']])));
    expect(results.filter((over) => over === null)).toHaveLength(5);
    expect(results.filter((over) => over?.bucket === 'test:pair')).toHaveLength(35);
    // Refused callers counted nothing: both counters stand at the five real attempts.
    expect(await hits(handle.db, pair, 'a b')).toBe(5);
    expect(await hits(handle.db, source, 'b')).toBe(5);
  });

  it('counts nothing anywhere when a later counter is already full', async () => {
    for (let i = 0; i < 5; i++) await hit(handle.db, source, 'full');
    expect(await windowsOnly([[pair, 'x full'], [source, 'full']])).toEqual(source);
    expect(await hits(handle.db, pair, 'x full')).toBe(0);
    expect(await hits(handle.db, source, 'full')).toBe(5);
  });
});
