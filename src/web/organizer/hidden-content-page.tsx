// The organizers' moderation queue: posts and comments they have hidden, with the reason and when,
// and a way to show each again. What is shown again stays in view (marked so) until the next visit.
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { Link } from 'wouter';
import { api, isApiError, type ApiError } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import type { Comment, Post, PostList, PostSummary } from '../exchange/types.js';
import { useAction } from '../forms/use-action.js';
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
      <h2>{t('hidden.postsHeading')}</h2>
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
      <HiddenComments />
    </Page>
  );
}

interface HiddenComment extends Comment {
  post: { id: string; title: string; kind: string };
}

function HiddenComments() {
  const t = useT();
  const list = useResource<{ items: HiddenComment[]; total: number }>('/api/v1/comments/hidden');
  const replace = (updated: Comment) => list.setData((data) => ({ ...data, items: data.items.map((item) => (item.id === updated.id ? { ...item, hidden: updated.hidden } : item)) }));
  return (
    <section aria-labelledby="hidden-comments-heading">
      <h2 id="hidden-comments-heading">{t('hidden.commentsHeading')}</h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t('hidden.commentsEmpty')}</p>
        ) : (
          <>
            <p className="results__total">
              {t('hidden.commentsCount', { count: list.data.total })}
              {list.data.total > list.data.items.length && ` ${t('hidden.commentsFirstOnly', { count: list.data.items.length })}`}
            </p>
            <div className="cards">
              {list.data.items.map((comment) => (
                <HiddenCommentCard key={comment.id} comment={comment} onChange={replace} />
              ))}
            </div>
          </>
        ))}
    </section>
  );
}

/** When and why a post or comment was hidden, or, once shown again, a note that takes the focus. */
function HiddenState({ hidden, doneRef }: { hidden: { at: string; reason: string } | null; doneRef: RefObject<HTMLParagraphElement | null> }) {
  const t = useT();
  return hidden ? (
    <dl className="details">
      <div>
        <dt>{t('hidden.hiddenOn')}</dt>
        <dd>{formatDateTime(hidden.at)}</dd>
      </div>
      <div>
        <dt>{t('hidden.reason')}</dt>
        <dd className="prewrap">{hidden.reason || t('common.none')}</dd>
      </div>
    </dl>
  ) : (
    <p className="decision" tabIndex={-1} ref={doneRef}>
      <span className="badge badge--active">{t('hidden.visibleAgain')}</span>
    </p>
  );
}

function HiddenCommentCard({ comment, onChange }: { comment: HiddenComment; onChange: (comment: Comment) => void }) {
  const t = useT();
  const headingId = useId();
  const { busy, error, run } = useAction();
  const [shownNow, setShownNow] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (shownNow) doneRef.current?.focus();
  }, [shownNow]);
  const showAgain = () =>
    run(async () => {
      onChange(await api.post<Comment>(`/api/v1/comments/${encodeURIComponent(comment.id)}/unhide`, {}));
      setShownNow(true);
    });
  return (
    <article className="card hidden-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="card__title">
        <Link href={`/posts/${comment.post.id}#comment-${comment.id}`}>{t('hidden.commentOn', { title: comment.post.title })}</Link>
      </h3>
      <p className="muted">{t('hidden.commentBy', { name: comment.author.name, organization: comment.organization.name })}</p>
      <blockquote className="prose hidden-card__quote" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      <HiddenState hidden={comment.hidden} doneRef={doneRef} />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {comment.hidden && (
        <div className="card__actions">
          <button type="button" className="button button--primary" onClick={() => void showAgain()} aria-disabled={busy || undefined} aria-describedby={headingId}>
            {t('hidden.showAgain')}
          </button>
        </div>
      )}
    </article>
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
      <h3 id={headingId} className="card__title">
        <Link href={`/posts/${post.id}`}>{post.title}</Link>
      </h3>
      <p className="muted">{t('hidden.meta', { kind: t(`kind.${post.kind}`), organization: post.organization.name })}</p>
      <HiddenState hidden={post.hidden} doneRef={doneRef} />
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
