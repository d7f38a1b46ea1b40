import { describe, expect, it } from 'vitest';
import { VersionedCache } from './versioned-cache.js';

describe('count cache', () => {
  it('shares one computation between concurrent requests for the same key', async () => {
    const cache = new VersionedCache<number>();
    let runs = 0;
    const compute = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 10));
      return 42;
    };
    expect(await Promise.all([cache.get('k', compute), cache.get('k', compute), cache.get('k', compute)])).toEqual([42, 42, 42]);
    expect(runs).toBe(1);
    expect(await cache.get('other', compute)).toBe(42);
    expect(runs).toBe(2);
  });

  it('forgets a failed computation so the next request tries again', async () => {
    const cache = new VersionedCache<number>();
    await expect(cache.get('k', async () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    expect(await cache.get('k', async () => 7)).toBe(7);
  });
});
