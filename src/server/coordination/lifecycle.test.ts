// The lifecycle table and the revision diff, as plain functions.
import { describe, expect, it } from 'vitest';
import { LIFECYCLE_STEPS, LIFECYCLE_TRANSITIONS, mayMove, nextStatuses, type ProjectStatus } from '../../shared/coordination.js';
import { POST_STATUSES } from '../../shared/exchange.js';
import { diffSnapshots, diffText } from './revision-diff.js';

const ALL = POST_STATUSES.project_idea as readonly ProjectStatus[];

function reachable(from: ProjectStatus): Set<ProjectStatus> {
  const seen = new Set<ProjectStatus>([from]);
  const queue = [from];
  while (queue.length) {
    for (const next of LIFECYCLE_TRANSITIONS[queue.shift()!]) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

describe('the project lifecycle', () => {
  it('covers exactly the project statuses, and only ever points at project statuses', () => {
    expect(Object.keys(LIFECYCLE_TRANSITIONS).sort()).toEqual([...ALL].sort());
    for (const targets of Object.values(LIFECYCLE_TRANSITIONS)) for (const s of targets) expect(ALL).toContain(s);
  });

  it('lets every project reach completion from any status, and be withdrawn from any unfinished one', () => {
    for (const status of ALL) expect(reachable(status).has('completed'), status).toBe(true);
    for (const status of ALL.filter((s) => s !== 'completed' && s !== 'withdrawn')) expect(nextStatuses(status)).toContain('withdrawn');
  });

  it('walks the main path one step at a time, and skips no step after funding is sought', () => {
    for (let i = 0; i + 1 < LIFECYCLE_STEPS.length; i++) expect(mayMove(LIFECYCLE_STEPS[i]!, LIFECYCLE_STEPS[i + 1]!)).toBe(true);
    expect(mayMove('seeking_funding', 'in_implementation')).toBe(false);
    expect(mayMove('drafting', 'completed')).toBe(false);
    expect(mayMove('idea', 'funded')).toBe(false);
    expect(mayMove('completed', 'withdrawn')).toBe(false);
    expect(mayMove('funded', 'funded')).toBe(true);
    expect(nextStatuses('open')).toEqual([]);
  });
});

describe('the revision diff', () => {
  it('marks words added and removed, and lists only changed fields', () => {
    expect(diffText('Train border officials', 'Train border and immigration officials')).toEqual([
      { op: 'same', text: 'Train border ' },
      { op: 'added', text: 'and immigration ' },
      { op: 'same', text: 'officials' },
    ]);
    const changes = diffSnapshots(
      { title: 'A', body: 'same', areas: ['legislation'], budget: { amount: '10.00', currency: 'EUR' }, startsOn: null },
      { title: 'A', body: 'same', areas: ['legislation', 'criminal_justice'], budget: { amount: '12.00', currency: 'EUR' }, startsOn: null },
    );
    expect(changes).toEqual([
      { field: 'areas', type: 'list', added: ['criminal_justice'], removed: [] },
      { field: 'budget', type: 'value', from: { amount: '10.00', currency: 'EUR' }, to: { amount: '12.00', currency: 'EUR' } },
    ]);
  });

  it('falls back to a line diff for very different long texts, still reconstructing both sides', () => {
    const words = (seed: number) => Array.from({ length: 6000 }, (_, i) => `w${(i * seed) % 997}`).join(' ');
    const a = words(7).replace(/(\S+ ){40}/g, '$&\n');
    const b = words(13).replace(/(\S+ ){40}/g, '$&\n');
    const parts = diffText(a, b);
    expect(parts.filter((p) => p.op !== 'added').map((p) => p.text).join('')).toBe(a);
    expect(parts.filter((p) => p.op !== 'removed').map((p) => p.text).join('')).toBe(b);
  });
});
