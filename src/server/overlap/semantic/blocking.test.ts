// Where a post is filed and where a draft looks (text.ts): small buckets, and no country–region pair lost.
import { describe, expect, it } from 'vitest';
import { countriesInRegion } from '../../../shared/taxonomy/index.js';
import { geoOf } from '../../exchange/post-model.js';
import { blockingKeys, blockingParts, filingPlaces, partsOfKeys, searchKeys, searchPlaces } from './text.js';

const nigeria = geoOf([], ['NG']); // NG, Western Africa (011), Sub-Saharan Africa (202), Africa (002)
const westAfrica = geoOf(['011'], []);

describe('blocking keys', () => {
  it('files a country post under its countries only, not under the sub-regions that hold a dozen other countries', () => {
    expect(filingPlaces(nigeria)).toEqual(['NG']);
    expect(blockingKeys(nigeria, ['shelter'], null)).toEqual(['NG|c:shelter']);
  });

  it('files a regional programme under its sub-regions (never a whole continent), and a post with no place under `any`', () => {
    expect(filingPlaces(westAfrica)).toEqual(['011', '202']);
    expect(filingPlaces(geoOf(['002'], []))).toEqual(['any']);
    expect(filingPlaces([])).toEqual(['any']);
  });

  it('lets a country draft and a regional programme covering it find each other, from either side', () => {
    const parts = blockingParts(['shelter'], null);
    const programme = new Set(blockingKeys(westAfrica, ['shelter'], null));
    const post = new Set(blockingKeys(nigeria, ['shelter'], null));
    expect(searchKeys(nigeria, parts).some((key) => programme.has(key))).toBe(true);
    expect(searchKeys(westAfrica, parts).some((key) => post.has(key))).toBe(true);
    expect(searchPlaces(westAfrica)).toEqual(expect.arrayContaining(countriesInRegion('011')));
  });

  it('does not match the same concept in another country', () => {
    const ghanaPost = new Set(blockingKeys(geoOf([], ['GH']), ['shelter'], null));
    expect(searchKeys(nigeria, blockingParts(['shelter'], null)).some((key) => ghanaPost.has(key))).toBe(false);
  });

  it('recovers the parts of stored keys, each once, whatever the place', () => {
    const vector = new Float32Array(100).fill(0.1);
    const keys = blockingKeys(geoOf([], ['NG', 'GH']), ['shelter', 'hotline'], vector);
    expect(partsOfKeys(keys)).toEqual(blockingParts(['shelter', 'hotline'], vector));
  });
});
