// For organizers, on a post's page: whether the public page (/public) shows the post, and the
// button to show it or take it off. Nothing for anyone else.
import { api } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useMe } from '../auth/session.js';
import { useAction } from '../forms/use-action.js';
import { useT } from '../i18n/i18n.js';

interface Mark {
  public: boolean;
  shown: boolean;
  canMark: boolean;
}

export function PublicMark({ postId }: { postId: string }) {
  const me = useMe();
  return me.role === 'organizer' ? <PublicMarkPanel postId={postId} /> : null;
}

function PublicMarkPanel({ postId }: { postId: string }) {
  const t = useT();
  const path = `/api/v1/posts/${postId}/public`;
  const mark = useResource<Mark>(path);
  const action = useAction();
  if (mark.status !== 'ready' || !mark.data.canMark) return null;
  const m = mark.data;
  const toggle = () =>
    action.run(async () => {
      const next = m.public ? await api.delete<Mark>(path) : await api.put<Mark>(path);
      mark.setData(() => next);
    });
  return (
    <section className="card public-mark" aria-labelledby="public-mark-heading">
      <h2 id="public-mark-heading">{t('public.heading')}</h2>
      <p role="status">{m.public ? (m.shown ? t('public.post.marked') : t('public.post.markedNotShown')) : t('public.post.notMarked')}</p>
      <button type="button" className="button button--secondary" onClick={() => void toggle()} aria-disabled={action.busy || undefined}>
        {m.public ? t('public.unmark') : t('public.mark')}
      </button>
      {action.error && <p className="field__error">{action.error}</p>}
    </section>
  );
}
