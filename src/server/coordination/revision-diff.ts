// Comparing two revisions of a post, field by field: words added and removed in the title and
// description (jsdiff), codes added and removed in the tag lists, old and new value for the rest.
// The same structure answers GET .../revisions/:a/diff/:b and a stale save's 409.
import { diffLines, diffWordsWithSpace, type ChangeObject } from 'diff';

export type TextPart = { op: 'same' | 'added' | 'removed'; text: string };
export type FieldChange =
  | { field: string; type: 'text'; parts: TextPart[] }
  | { field: string; type: 'list'; added: string[]; removed: string[] }
  | { field: string; type: 'value'; from: unknown; to: unknown };

export const TEXT_FIELDS = ['title', 'body'] as const;
export const LIST_FIELDS = ['regions', 'countries', 'areas', 'themes', 'exploitation'] as const;
export const VALUE_FIELDS = ['status', 'audience', 'budget', 'fundingSought', 'startsOn', 'endsOn'] as const;

/** Beyond this many edits a word diff gets slow; the line diff is then precise enough. */
const MAX_WORD_EDITS = 1000;

function partsOf(changes: ChangeObject<string>[]): TextPart[] {
  const parts: TextPart[] = [];
  for (const c of changes) {
    const op = c.added ? 'added' : c.removed ? 'removed' : 'same';
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += c.value;
    else parts.push({ op, text: c.value });
  }
  return parts;
}

export function diffText(from: string, to: string): TextPart[] {
  const words = diffWordsWithSpace(from, to, { maxEditLength: MAX_WORD_EDITS });
  return partsOf(words ?? diffLines(from, to));
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');
const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What changed from snapshot `from` to snapshot `to` (post_revisions.snapshot); unchanged fields are left out. */
export function diffSnapshots(from: Record<string, unknown>, to: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of TEXT_FIELDS) {
    const a = asText(from[field]);
    const b = asText(to[field]);
    if (a !== b) changes.push({ field, type: 'text', parts: diffText(a, b) });
  }
  for (const field of LIST_FIELDS) {
    const a = asList(from[field]);
    const b = asList(to[field]);
    const added = b.filter((code) => !a.includes(code));
    const removed = a.filter((code) => !b.includes(code));
    if (added.length || removed.length) changes.push({ field, type: 'list', added, removed });
  }
  for (const field of VALUE_FIELDS) {
    if (!same(from[field], to[field])) changes.push({ field, type: 'value', from: from[field] ?? null, to: to[field] ?? null });
  }
  return changes;
}
