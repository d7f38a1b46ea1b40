// The map's colours meet contrast (issue 17): every shade against a country without posts and
// against the sea at 3:1 or more, and the bins never need more shades than there are.
import { describe, expect, it } from 'vitest';
import { bins, contrastRatio, EMPTY, SEA, shadeOf, SHADES } from './shades.js';

describe('map shades', () => {
  it('stand out from countries without posts and from the sea by at least 3:1', () => {
    for (const shade of SHADES) {
      expect(contrastRatio(shade, EMPTY), `${shade} on ${EMPTY}`).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(shade, SEA), `${shade} on ${SEA}`).toBeGreaterThanOrEqual(3);
    }
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  it('give every count a shade, darker for more, none for zero', () => {
    for (let max = 1; max <= 500; max += 1) {
      const bounds = bins(max);
      expect(bounds.length).toBeLessThanOrEqual(SHADES.length);
      expect(bounds.at(-1)).toBe(max);
      let previous = -1;
      for (let value = 1; value <= max; value += 1) {
        const index = SHADES.indexOf(shadeOf(value, bounds) as (typeof SHADES)[number]);
        expect(index, `${value} of ${max}`).toBeGreaterThanOrEqual(previous);
        previous = index;
      }
      expect(shadeOf(max, bounds)).toBe(SHADES.at(-1));
      expect(shadeOf(0, bounds)).toBe(EMPTY);
    }
  });
});
