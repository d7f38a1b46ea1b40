// Three-way merge of the fields of a post after an editing clash: the revision the user started
// from (base), what the user typed (mine) and the revision saved since (theirs).
// Long text is merged line by line with node-diff3 (the diff3 algorithm of Khanna, Kunal and
// Pierce): changes to different lines both survive; where both changed the same lines, the piece
// is a conflict that the user resolves by choosing. Nothing is ever dropped without being shown.
import { diff3Merge } from 'node-diff3';

export type MergePiece = { kind: 'ok'; lines: string[] } | { kind: 'conflict'; mine: string[]; base: string[]; theirs: string[] };

export type Choice = 'mine' | 'theirs' | 'both';

const lines = (text: string) => text.replace(/\r\n?/g, '\n').split('\n');

/** The pieces of a line-level three-way merge; identical changes on both sides are not conflicts. */
export function mergeText(base: string, mine: string, theirs: string): MergePiece[] {
  const regions = diff3Merge<string>(lines(mine), lines(base), lines(theirs), { excludeFalseConflicts: true });
  const pieces: MergePiece[] = [];
  for (const region of regions) {
    if (region.ok) {
      const last = pieces.at(-1);
      if (last?.kind === 'ok') last.lines.push(...region.ok);
      else pieces.push({ kind: 'ok', lines: [...region.ok] });
    } else if (region.conflict) {
      pieces.push({ kind: 'conflict', mine: region.conflict.a, base: region.conflict.o, theirs: region.conflict.b });
    }
  }
  return pieces;
}

export const conflictCount = (pieces: MergePiece[]) => pieces.filter((p) => p.kind === 'conflict').length;

/**
 * The merged text, with each conflict resolved by `choices` (in order of the conflicts).
 * A conflict without a choice keeps both sides, mine first: text is never lost by default.
 */
export function resolveText(pieces: MergePiece[], choices: Choice[] = []): string {
  const out: string[] = [];
  let n = 0;
  for (const piece of pieces) {
    if (piece.kind === 'ok') {
      out.push(...piece.lines);
      continue;
    }
    const choice = choices[n++] ?? 'both';
    if (choice === 'mine') out.push(...piece.mine);
    else if (choice === 'theirs') out.push(...piece.theirs);
    else out.push(...piece.mine, ...piece.theirs);
  }
  return out.join('\n');
}

/** Three-way merge of a comma-separated set of codes: additions and removals on both sides are kept. */
export function mergeCodes(base: string, mine: string, theirs: string): string {
  const set = (s: string) => new Set(s.split(',').map((x) => x.trim()).filter(Boolean));
  const b = set(base);
  const m = set(mine);
  const t = set(theirs);
  const result: string[] = [];
  for (const code of [...m, ...t]) {
    if (result.includes(code)) continue;
    const removedByMe = b.has(code) && !m.has(code);
    const removedByThem = b.has(code) && !t.has(code);
    if (!removedByMe && !removedByThem) result.push(code);
  }
  return result.join(',');
}

export type FieldMerge =
  /** Only they changed it: their value is taken. */
  | { field: string; outcome: 'taken'; value: string }
  /** Both changed it and the changes were combined without conflict. */
  | { field: string; outcome: 'merged'; value: string }
  /** Both changed it and the user must choose, piece by piece (text) or whole (short fields). */
  | { field: string; outcome: 'conflict'; pieces: MergePiece[] };

/**
 * The merge of every field that changed on their side. `longText` fields merge line by line;
 * `codeLists` fields as sets; any other field both changed differently is a conflict to choose.
 */
export function mergeFields<V extends Record<string, string>>(base: V, mine: V, theirs: V, kinds: { longText: string[]; codeLists: string[] }): FieldMerge[] {
  const out: FieldMerge[] = [];
  for (const field of Object.keys(theirs)) {
    const b = base[field] ?? '';
    const m = mine[field] ?? '';
    const t = theirs[field] ?? '';
    if (t === b || t === m) continue;
    if (m === b) {
      out.push({ field, outcome: 'taken', value: t });
    } else if (kinds.codeLists.includes(field)) {
      out.push({ field, outcome: 'merged', value: mergeCodes(b, m, t) });
    } else if (kinds.longText.includes(field)) {
      const pieces = mergeText(b, m, t);
      out.push(conflictCount(pieces) === 0 ? { field, outcome: 'merged', value: resolveText(pieces) } : { field, outcome: 'conflict', pieces });
    } else {
      out.push({ field, outcome: 'conflict', pieces: [{ kind: 'conflict', mine: [m], base: [b], theirs: [t] }] });
    }
  }
  return out;
}
