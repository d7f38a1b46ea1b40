// The organizers' moderation queue: posts they have hidden, with the reason and when, and a way
// to show a post again. A post shown again stays in view (marked so) until the next visit.
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'wouter';
import { api, isApiError, type ApiError } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import type { Post, PostList, PostSummary } from '../exchange/types.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';

const LIMIT = 50;

export function HiddenContentPage() {
  const t = useT();
  const list = useResource<PostList>(`/api/v1/posts?hidden=true&limit=${LIMIT}`);

  function replace(updated: Post) {
    list.setData((data) => ({ ...data, items: data.items.map((item) => (item.id === updated.id ? { ...item, hidden: updated.hidden } : item)) }));
  }

  return (
    <Page title={t('hidden.title')}>
      <p className="lead">{t('hidden.intro')}</p>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t('hidden.empty')}</p>
        ) : (
          <>
            <p className="results__total">
              {t('hidden.count', { count: list.data.total })}
              {list.data.nextCursor && ` ${t('hidden.firstOnly', { count: list.data.items.length })}`}
            </p>
            <div className="cards">
              {list.data.items.map((post) => (
                <HiddenPostCard key={post.id} post={post} onChange={replace} />
              ))}
            </div>
          </>
        ))}
    </Page>
  );
}

function HiddenPostCard({ post, onChange }: { post: PostSummary; onChange: (post: Post) => void }) {
  const t = useT();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [shownNow, setShownNow] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    // The button is gone once the post is visible again: the focus goes to what happened.
    if (shownNow) doneRef.current?.focus();
  }, [shownNow]);

  async function showAgain() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await api.post<Post>(`/api/v1/posts/${encodeURIComponent(post.id)}/unhide`, {});
      onChange(updated);
      setShownNow(true);
    } catch (caught) {
      if (isApiError(caught)) setError(caught);
      else throw caught;
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="card hidden-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        <Link href={`/posts/${post.id}`}>{post.title}</Link>
      </h2>
      <p className="muted">{t('hidden.meta', { kind: t(`kind.${post.kind}`), organization: post.organization.name })}</p>
      {post.hidden ? (
        <dl className="details">
          <div>
            <dt>{t('hidden.hiddenOn')}</dt>
            <dd>{formatDateTime(post.hidden.at)}</dd>
          </div>
          <div>
            <dt>{t('hidden.reason')}</dt>
            <dd className="prewrap">{post.hidden.reason || t('common.none')}</dd>
          </div>
        </dl>
      ) : (
        <p className="decision" tabIndex={-1} ref={doneRef}>
          <span className="badge badge--active">{t('hidden.visibleAgain')}</span>
        </p>
      )}
      {error && (
        <div className="callout callout--error" role="alert">
          <p className="callout-title">{error.title}</p>
          {error.detail && <p>{error.detail}</p>}
        </div>
      )}
      {post.hidden && (
        <div className="card__actions">
          <button type="button" className="button button--primary" onClick={() => void showAgain()} aria-disabled={busy || undefined} aria-describedby={headingId}>
            {t('hidden.showAgain')}
          </button>
          <span role="status" className="form-actions__status">
            {busy ? t('common.sending') : ''}
          </span>
        </div>
      )}
    </article>
  );
}
