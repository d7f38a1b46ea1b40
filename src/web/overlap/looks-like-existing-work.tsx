// The "looks like existing work" panel of the compose and edit form. While the author types, it asks
// the server (POST /api/v1/similar, which saves nothing) a moment after they stop, and lists the
// posts they may see that could describe the same work, with the reasons in words. It never blocks
// publishing: a failure is one quiet line.
import { useEffect, useRef, useState } from 'react';
import { api, isAbort } from '../api/client.js';
import { useT } from '../i18n/i18n.js';
import { useTaxonomy } from '../exchange/taxonomy.js';
import { formatScore, ReasonLine } from './reasons.js';
import type { Suggestion } from './types.js';
import { OrgLink, withLinks } from '../organizations/org-link.js';

export interface DraftValues {
  kind: string;
  title: string;
  body: string;
  regions: string;
  countries: string;
  areas: string;
  themes: string;
}

const split = (value: string) => value.split(',').filter(Boolean);
const DEBOUNCE_MS = 700;

export function LooksLikeExistingWork({ values, postId }: { values: DraftValues; postId?: string }) {
  const t = useT();
  const taxonomy = useTaxonomy();
  const [state, setState] = useState<{ status: 'idle' } | { status: 'ready'; items: Suggestion[] } | { status: 'error' }>({ status: 'idle' });
  const draft = JSON.stringify({
    kind: values.kind || undefined,
    title: values.title.trim(),
    body: values.body,
    regions: split(values.regions),
    countries: split(values.countries),
    areas: split(values.areas),
    themes: split(values.themes),
    postId,
  });
  // Only a change made while typing asks again: opening the edit form of a post does not.
  const first = useRef(draft);

  useEffect(() => {
    if (draft === first.current) return;
    const parsed = JSON.parse(draft) as { title: string; body: string };
    if (parsed.title.length < 5 && parsed.body.trim().length < 20) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .post<Suggestion[]>('/api/v1/similar', JSON.parse(draft), { signal: controller.signal })
        .then((items) => setState({ status: 'ready', items }))
        .catch((error: unknown) => {
          if (!isAbort(error) && !controller.signal.aborted) setState({ status: 'error' });
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [draft]);

  return (
    <section className="panel overlap-panel" aria-labelledby="overlap-heading" data-testid="overlap-panel">
      <h2 id="overlap-heading">{t('overlap.compose.heading')}</h2>
      <div aria-live="polite">
        {state.status === 'idle' && <p className="muted small">{t('overlap.compose.waiting')}</p>}
        {state.status === 'error' && <p className="muted small">{t('overlap.compose.failed')}</p>}
        {state.status === 'ready' && (
          <p className={state.items.length ? 'overlap-panel__count' : 'muted small'}>
            {state.items.length ? t('overlap.compose.found', { count: state.items.length }) : t('overlap.compose.none')}
          </p>
        )}
      </div>
      {state.status === 'ready' && state.items.length > 0 && (
        <>
          <p className="small">{t('overlap.compose.intro')}</p>
          <ul className="overlap-list">
            {state.items.map((s) => (
              <li key={s.post.id} className="overlap-item">
                <a href={`/posts/${s.post.id}`} target="_blank" rel="noopener">
                  {s.post.title}
                  <span className="visually-hidden"> {t('overlap.newTab')}</span>
                </a>
                <p className="small muted">
                  {t(`kind.${s.post.kind}`)} · {withLinks(t, 'overlap.post.by', {}, { organization: <OrgLink organization={s.post.organization} newTab /> })} · <span className="overlap-score">{formatScore(t, s.score)}</span>
                </p>
                {taxonomy.status === 'ready' && <ReasonLine reasons={s.reasons} taxonomy={taxonomy.data} />}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
