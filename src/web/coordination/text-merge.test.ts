import { describe, expect, it } from 'vitest';
import { conflictCount, mergeCodes, mergeFields, mergeText, resolveText } from './text-merge.js';

const base = ['# Plan', '', 'Vocational training for returnees.', '', 'Psychosocial support.', '', 'Budget review in March.'].join('\n');

describe('three-way merge of long text', () => {
  it('keeps both editors\' new paragraphs when they touched different places', () => {
    const mine = base.replace('Psychosocial support.', 'Psychosocial support.\n\nA helpline in three languages.');
    const theirs = base.replace('Budget review in March.', 'Budget review in March.\n\nJob placement with employers.');
    const pieces = mergeText(base, mine, theirs);
    expect(conflictCount(pieces)).toBe(0);
    const merged = resolveText(pieces);
    expect(merged).toContain('A helpline in three languages.');
    expect(merged).toContain('Job placement with employers.');
    expect(merged).toContain('Vocational training for returnees.');
  });

  it('reports the same line changed on both sides as a conflict, and keeps both by default', () => {
    const mine = base.replace('Vocational training for returnees.', 'Vocational training for adult returnees.');
    const theirs = base.replace('Vocational training for returnees.', 'Vocational and language training for returnees.');
    const pieces = mergeText(base, mine, theirs);
    expect(conflictCount(pieces)).toBe(1);
    const conflict = pieces.find((p) => p.kind === 'conflict');
    expect(conflict).toMatchObject({ mine: ['Vocational training for adult returnees.'], theirs: ['Vocational and language training for returnees.'] });
    expect(resolveText(pieces, ['mine'])).toBe(mine);
    expect(resolveText(pieces, ['theirs'])).toBe(theirs);
    const both = resolveText(pieces);
    expect(both).toContain('adult returnees');
    expect(both).toContain('language training');
  });

  it('does not call an identical change on both sides a conflict', () => {
    const same = base.replace('March', 'April');
    expect(conflictCount(mergeText(base, same, same))).toBe(0);
    expect(resolveText(mergeText(base, same, same))).toBe(same);
  });

  it('merges code lists as sets: additions and removals on both sides', () => {
    expect(mergeCodes('AT,DE', 'AT,DE,FR', 'DE,IT')).toBe('DE,FR,IT');
  });

  it('per field: takes what only they changed, merges text and lists, and asks about short fields both changed', () => {
    const b = { title: 'Plan', body: base, countries: 'AT', currency: 'EUR' };
    const m = { title: 'Plan A', body: base.replace('March', 'March (mine)'), countries: 'AT,FR', currency: 'EUR' };
    const t = { title: 'Plan B', body: base.replace('# Plan', '# Plan (theirs)'), countries: 'AT,IT', currency: 'USD' };
    const result = mergeFields(b, m, t, { longText: ['body'], codeLists: ['countries'] });
    expect(result.find((r) => r.field === 'currency')).toEqual({ field: 'currency', outcome: 'taken', value: 'USD' });
    expect(result.find((r) => r.field === 'countries')).toEqual({ field: 'countries', outcome: 'merged', value: 'AT,FR,IT' });
    const body = result.find((r) => r.field === 'body');
    expect(body?.outcome).toBe('merged');
    expect(body && 'value' in body ? body.value : '').toContain('# Plan (theirs)');
    expect(body && 'value' in body ? body.value : '').toContain('March (mine)');
    expect(result.find((r) => r.field === 'title')).toMatchObject({ outcome: 'conflict' });
  });
});
