// The Framework for Action as data: the structure seed 003's Annex III gives (five pillars with
// 5, 7, 5, 3 and 8 measures), unique codes, and every measure mapped onto the existing taxonomy.
import { describe, expect, it } from 'vitest';
import { FRAMEWORK_PILLARS, MEASURES, isMeasureCode, mayAskForAssistance, isHighPriorityGap } from './framework.js';
import { isAreaCode, isThemeCode } from './taxonomy/index.js';

describe('the Framework for Action', () => {
  it('has the five pillars of Annex III with their measures', () => {
    expect(FRAMEWORK_PILLARS.map((p) => [p.code, p.measures.length])).toEqual([
      ['prosecution', 5],
      ['protection', 7],
      ['prevention', 5],
      ['national_cooperation', 3],
      ['international_cooperation', 8],
    ]);
    expect(MEASURES).toHaveLength(28);
    expect(new Set(MEASURES.map((m) => m.code)).size).toBe(28);
  });

  it('maps every measure to known areas and themes and cites its seed paragraph', () => {
    for (const m of MEASURES) {
      expect(m.areas.length, m.code).toBeGreaterThan(0);
      expect(m.themes.length, m.code).toBeGreaterThan(0);
      expect(m.areas.every(isAreaCode), m.code).toBe(true);
      expect(m.themes.every(isThemeCode), m.code).toBe(true);
      expect(m.source, m.code).toMatch(/^Seed 003, Annex III .*measure \d/);
      expect(isMeasureCode(m.code)).toBe(true);
    }
    expect(isMeasureCode('prosecution-6')).toBe(false);
  });

  it('offers assistance on measures not in place, or partly in place with high priority', () => {
    expect(mayAskForAssistance({ status: 'not_in_place', priority: 'low' })).toBe(true);
    expect(mayAskForAssistance({ status: 'partly_in_place', priority: 'high' })).toBe(true);
    expect(mayAskForAssistance({ status: 'partly_in_place', priority: 'medium' })).toBe(false);
    expect(mayAskForAssistance({ status: 'in_place', priority: 'high' })).toBe(false);
    expect(isHighPriorityGap({ status: 'not_in_place', priority: 'medium' })).toBe(false);
    expect(isHighPriorityGap({ status: 'not_in_place', priority: 'high' })).toBe(true);
  });
});
