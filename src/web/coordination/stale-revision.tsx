// The edit page's answer to a stale save (409 stale-revision): what the user typed stays in the
// form; this panel shows who saved since and what they changed (the diff from the user's base
// revision to the current one), and lets the user knowingly save on top of the current revision.
// Mounted by exchange/compose-page.tsx through `useStaleRevision`.
import { useEffect, useState } from 'react';
import { api, type ApiError } from '../api/client.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { useTaxonomy } from '../exchange/taxonomy.js';
import type { Post } from '../exchange/types.js';
import { DiffView } from './diff-view.js';
import type { RevisionDiff } from './types.js';

type Conflict = { status: 'loading'; base: number } | { status: 'ready'; base: number; diff: RevisionDiff; current: Post } | { status: 'error'; base: number };

/** After a merge: the fields taken from the newer revision, and those where the user's text was kept over a change of theirs. */
interface Merged {
  revision: number;
  taken: string[];
  kept: string[];
}

function StalePanel({ conflict, onKeep, merged, fieldLabel }: { conflict: Conflict | null; onKeep: () => void; merged: Merged | null; fieldLabel: (name: string) => string }) {
  const t = useT();
  const taxonomy = useTaxonomy();
  if (merged !== null && !conflict) {
    return (
      <div className="callout coord-stale" role="status" data-testid="stale-merged">
        <p>{t('coordination.staleRebased', { revision: merged.revision })}</p>
        {merged.taken.length > 0 && <p>{t('coordination.staleTaken', { fields: merged.taken.map(fieldLabel).join(', ') })}</p>}
        {merged.kept.length > 0 && <p>{t('coordination.staleKept', { fields: merged.kept.map(fieldLabel).join(', ') })}</p>}
      </div>
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
}

/**
 * For the edit form: `baseRevision` is the revision the next save is made on; `capture(error)`
 * notices a stale save (and returns the error unchanged for the form's own summary to show);
 * `panel` is what changed, to render under that summary. "Keep my version" merges field by field
 * (a three-way merge against the revision the user started from): a field the user did not touch
 * takes the newer value, a field the user changed keeps the user's text.
 */
export function useStaleRevision<V extends Record<string, string>>(post: Post | null, form: FormAccess<V>, valuesOf: (post: Post) => V) {
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
    const base = valuesOf(basePost);
    const theirs = valuesOf(conflict.current);
    const taken: string[] = [];
    const kept: string[] = [];
    for (const name of Object.keys(theirs) as (keyof V & string)[]) {
      if (theirs[name] === base[name]) continue;
      if (form.values[name] === base[name]) {
        form.setValue(name, theirs[name] ?? '');
        taken.push(name);
      } else if (form.values[name] !== theirs[name]) {
        kept.push(name);
      }
    }
    setBasePost(conflict.current);
    setConflict(null);
    setMerged({ revision: conflict.current.revision, taken, kept });
  };

  const fieldLabel = (name: string) => form.field(name as keyof V & string).label;
  return { baseRevision, capture, panel: <StalePanel conflict={conflict} onKeep={keep} merged={merged} fieldLabel={fieldLabel} /> };
}
