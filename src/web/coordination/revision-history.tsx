// A post's revision history (who saved each revision, and when) with a comparison of any two
// revisions, for those who may read the drafts: the lead organization, co-authors and organizers.
import { useState } from 'react';
import { api, isApiError, type ApiError } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { LoadError } from '../layout/page.js';
import { useTaxonomy } from '../exchange/taxonomy.js';
import type { Post, Revision } from '../exchange/types.js';
import { DiffView } from './diff-view.js';
import type { RevisionDiff } from './types.js';

/** One end of the comparison: a revision picked from the list. */
function RevisionSelect({ id, label, value, onChange, options }: { id: string; label: string; value: string; onChange: (value: string) => void; options: { value: string; label: string }[] }) {
  return (
    <div className="field">
      <div className="field__label">
        <label htmlFor={id}>{label}</label>
      </div>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RevisionHistory({ post }: { post: Post }) {
  const t = useT();
  const list = useResource<{ items: Revision[] }>(post.permissions.update ? `/api/v1/posts/${post.id}/revisions?at=${post.revision}` : null);
  const taxonomy = useTaxonomy();
  const items = list.data?.items ?? [];
  const newest = items[0]?.revision ?? 1;
  const [from, setFrom] = useState<string>('');
  const [to, setTo] = useState<string>('');
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  if (!post.permissions.update || list.status !== 'ready' || items.length === 0) return null;
  const fromValue = from || String(Math.max(1, newest - 1));
  const toValue = to || String(newest);

  async function compare() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setDiff(await api.get<RevisionDiff>(`/api/v1/posts/${post.id}/revisions/${fromValue}/diff/${toValue}`));
    } catch (e) {
      if (isApiError(e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  const options = items.map((r) => ({ value: String(r.revision), label: t('coordination.revisionOption', { revision: r.revision, name: r.editedBy.name, date: formatDateTime(r.editedAt) }) }));
  return (
    <details className="revisions coord-history">
      <summary>
        {t('coordination.history')} ({t('coordination.historyCount', { count: items.length })})
      </summary>
      <ol reversed>
        {items.map((r) => (
          <li key={r.revision}>{t('post.revisionLine', { revision: r.revision, date: formatDateTime(r.editedAt), name: r.editedBy.name })}</li>
        ))}
      </ol>
      {items.length > 1 && (
        <section aria-labelledby="compare-heading" className="coord-compare">
          <h3 id="compare-heading">{t('coordination.compare')}</h3>
          <div className="coord-compare__controls">
            <RevisionSelect id="compare-from" label={t('coordination.compareFrom')} value={fromValue} onChange={setFrom} options={options} />
            <RevisionSelect id="compare-to" label={t('coordination.compareTo')} value={toValue} onChange={setTo} options={options} />
          </div>
          <p>
            <button type="button" className="button button--secondary" aria-disabled={busy || undefined} onClick={() => void compare()}>
              {t('coordination.compareButton')}
            </button>
          </p>
          {error && <LoadError error={error} />}
          <div aria-live="polite">
            {diff && (
              <div className="coord-diff-result" data-testid="revision-diff">
                <h4>{t('coordination.diffHeading', { from: diff.from.revision, to: diff.to.revision })}</h4>
                <DiffView changes={diff.changes} taxonomy={taxonomy.status === 'ready' ? taxonomy.data : null} />
              </div>
            )}
          </div>
        </section>
      )}
    </details>
  );
}
