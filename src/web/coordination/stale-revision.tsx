// The edit page's answer to a stale save (409 stale-revision): what the user typed stays in the
// form; this panel shows who saved since and what they changed (the diff from the user's base
// revision to the current one), and lets the user knowingly save on top of the current revision.
// Mounted by exchange/compose-page.tsx through `useStaleRevision`.
import { useEffect, useId, useState } from 'react';
import { api, type ApiError } from '../api/client.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { useTaxonomy } from '../exchange/taxonomy.js';
import type { Post } from '../exchange/types.js';
import { DiffView } from './diff-view.js';
import type { RevisionDiff } from './types.js';
import { conflictCount, mergeFields, resolveText, type Choice, type MergePiece } from './text-merge.js';

type Conflict = { status: 'loading'; base: number } | { status: 'ready'; base: number; diff: RevisionDiff; current: Post } | { status: 'error'; base: number };

/** After a merge: what was taken from the newer revision, combined with it, or left for the user to choose. */
interface Merged {
  revision: number;
  taken: string[];
  combined: string[];
  conflicts: Array<{ field: string; pieces: MergePiece[]; choices: Choice[]; longText: boolean }>;
}

/** Where both changed the same lines: the two versions side by side, and a choice for each. */
function ConflictChooser({ merged, fieldLabel, onChoose }: { merged: Merged; fieldLabel: (name: string) => string; onChoose: (field: string, index: number, choice: Choice) => void }) {
  const t = useT();
  const headingId = useId();
  const allChosen = merged.conflicts.every((c) => Array.from({ length: conflictCount(c.pieces) }, (_, i) => c.choices[i]).every(Boolean));
  return (
    <section className="merge-chooser" aria-labelledby={headingId} data-testid="merge-chooser">
      <h2 id={headingId}>{t('merge.heading')}</h2>
      <p>{t('merge.intro')}</p>
      {merged.conflicts.map((c) => {
        const conflicts = c.pieces.filter((p) => p.kind === 'conflict');
        return conflicts.map((piece, index) => {
          const legend = t('merge.conflictIn', { field: fieldLabel(c.field), n: index + 1, count: conflicts.length });
          const name = `merge-${c.field}-${index}`;
          const show = (lines: string[]) => (lines.join('\n').trim() ? lines.join('\n') : t('merge.empty'));
          return (
            <fieldset key={name} className="merge-conflict" data-testid="merge-conflict">
              <legend>{legend}</legend>
              <div className="merge-conflict__sides">
                <div className="merge-conflict__side">
                  <h3>{t('merge.mine')}</h3>
                  <pre className="merge-conflict__text">{show(piece.mine)}</pre>
                </div>
                <div className="merge-conflict__side">
                  <h3>{t('merge.theirs', { revision: merged.revision })}</h3>
                  <pre className="merge-conflict__text">{show(piece.theirs)}</pre>
                </div>
              </div>
              <div className="merge-conflict__choices" role="radiogroup" aria-label={`${t('merge.choice')}: ${legend}`}>
                {(['mine', 'theirs', ...(c.longText ? (['both'] as const) : [])] as Choice[]).map((choice) => (
                  <label key={choice} className="choice">
                    <input type="radio" name={name} value={choice} checked={c.choices[index] === choice} onChange={() => onChoose(c.field, index, choice)} />
                    {t(choice === 'mine' ? 'merge.keepMine' : choice === 'theirs' ? 'merge.keepTheirs' : 'merge.keepBoth')}
                  </label>
                ))}
              </div>
            </fieldset>
          );
        });
      })}
      {allChosen && <p role="status">{t('merge.allChosen')}</p>}
    </section>
  );
}

function StalePanel({
  conflict,
  onKeep,
  merged,
  fieldLabel,
  onChoose,
}: {
  conflict: Conflict | null;
  onKeep: () => void;
  merged: Merged | null;
  fieldLabel: (name: string) => string;
  onChoose: (field: string, index: number, choice: Choice) => void;
}) {
  const t = useT();
  const taxonomy = useTaxonomy();
  if (merged !== null && !conflict) {
    return (
      <>
        <div className="callout coord-stale" role="status" data-testid="stale-merged">
          <p>{t('coordination.staleRebased', { revision: merged.revision })}</p>
          {merged.taken.length > 0 && <p>{t('coordination.staleTaken', { fields: merged.taken.map(fieldLabel).join(', ') })}</p>}
          {merged.combined.length > 0 && <p>{t('merge.combined', { fields: merged.combined.map(fieldLabel).join(', ') })}</p>}
          {merged.conflicts.length > 0 && <p>{t('merge.toChoose', { fields: merged.conflicts.map((c) => fieldLabel(c.field)).join(', ') })}</p>}
        </div>
        {merged.conflicts.length > 0 && <ConflictChooser merged={merged} fieldLabel={fieldLabel} onChoose={onChoose} />}
      </>
    );
  }
  if (!conflict) return null;
  return (
    <section aria-labelledby="stale-heading" className="callout callout--warning coord-stale" data-testid="stale-panel">
      <h2 id="stale-heading">
        {t('coordination.staleHeading')}
      </h2>
      {conflict.status === 'loading' && <p role="status">{t('coordination.staleLoading')}</p>}
      {conflict.status === 'error' && <p role="alert">{t('coordination.staleLoadFailed')}</p>}
      {conflict.status === 'ready' && (
        <>
          <p>
            {t('coordination.staleSaved', {
              count: conflict.diff.between.length,
              list: conflict.diff.between
                .map((r) => t('coordination.staleBy', { revision: r.revision, name: r.editedBy.name, organization: r.editedBy.organization.name, date: formatDateTime(r.editedAt) }))
                .join('; '),
            })}
          </p>
          <DiffView changes={conflict.diff.changes} taxonomy={taxonomy.status === 'ready' ? taxonomy.data : null} />
          <p className="small">{t('coordination.staleKeepHint', { revision: conflict.diff.to.revision })}</p>
          <p>
            <button type="button" className="button button--secondary" onClick={onKeep}>
              {t('coordination.staleKeep', { revision: conflict.diff.to.revision })}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

interface FormAccess<V extends Record<string, string>> {
  values: V;
  setValue: (name: keyof V & string, value: string) => void;
  field: (name: keyof V & string) => { label: string };
  /** Takes the form's problem summary away (the stale-save message, once the merge is done). */
  clearProblem: () => void;
}

/** Which fields merge line by line and which are sets of codes; any other field is chosen whole. */
export interface MergeKinds {
  longText: string[];
  codeLists: string[];
}

/**
 * For the edit form: `baseRevision` is the revision the next save is made on; `capture(error)`
 * notices a stale save (and returns the error unchanged for the form's own summary to show);
 * `panel` is what changed, to render under that summary. "Merge" is a three-way merge against the
 * revision the user started from (text-merge.ts): a field the user did not touch takes the newer
 * value; long text both changed is merged line by line, code lists as sets; where both changed the
 * same lines (or the same short field) the two versions are shown side by side to choose, and until
 * then both are kept in the form. After the merge the stale-save summary is taken away.
 */
export function useStaleRevision<V extends Record<string, string>>(post: Post | null, form: FormAccess<V>, valuesOf: (post: Post) => V, kinds: MergeKinds) {
  const [basePost, setBasePost] = useState<Post | null>(post);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [merged, setMerged] = useState<Merged | null>(null);
  const postId = post?.id ?? null;
  const baseRevision = basePost?.revision;

  useEffect(() => {
    if (!postId || conflict?.status !== 'loading') return;
    const base = conflict.base;
    let current = true;
    void (async () => {
      try {
        const fresh = await api.get<Post>(`/api/v1/posts/${postId}`);
        const diff = await api.get<RevisionDiff>(`/api/v1/posts/${postId}/revisions/${base}/diff/${fresh.revision}`);
        if (current) setConflict({ status: 'ready', base, diff, current: fresh });
      } catch {
        if (current) setConflict({ status: 'error', base });
      }
    })();
    return () => {
      current = false;
    };
  }, [postId, conflict]);

  function capture<E>(error: E): E {
    const e = error as unknown as ApiError;
    if (postId && baseRevision !== undefined && e?.status === 409 && e.slug === 'stale-revision') {
      setMerged(null);
      setConflict({ status: 'loading', base: baseRevision });
    }
    return error;
  }

  const keep = () => {
    if (conflict?.status !== 'ready' || !basePost) return;
    const result = mergeFields(valuesOf(basePost), form.values, valuesOf(conflict.current), kinds);
    const next: Merged = { revision: conflict.current.revision, taken: [], combined: [], conflicts: [] };
    for (const r of result) {
      const name = r.field as keyof V & string;
      if (r.outcome === 'conflict') {
        const longText = kinds.longText.includes(r.field);
        // Until the user chooses, long text keeps both versions and a short field keeps the user's.
        form.setValue(name, longText ? resolveText(r.pieces) : resolveText(r.pieces, ['mine']));
        next.conflicts.push({ field: r.field, pieces: r.pieces, choices: [], longText });
      } else {
        form.setValue(name, r.value);
        (r.outcome === 'taken' ? next.taken : next.combined).push(r.field);
      }
    }
    setBasePost(conflict.current);
    setConflict(null);
    setMerged(next);
    form.clearProblem();
  };

  const choose = (field: string, index: number, choice: Choice) => {
    if (!merged) return;
    const conflicts = merged.conflicts.map((c) => {
      if (c.field !== field) return c;
      const choices = [...c.choices];
      choices[index] = choice;
      const defaults = c.longText ? 'both' : 'mine';
      const filled = Array.from({ length: conflictCount(c.pieces) }, (_, i) => choices[i] ?? defaults);
      form.setValue(field as keyof V & string, resolveText(c.pieces, filled));
      return { ...c, choices };
    });
    setMerged({ ...merged, conflicts });
  };

  const fieldLabel = (name: string) => form.field(name as keyof V & string).label;
  return { baseRevision, capture, panel: <StalePanel conflict={conflict} onKeep={keep} merged={merged} fieldLabel={fieldLabel} onChoose={choose} /> };
}
