// The organizers' moderation controls on a post page: hide a post or a comment with a reason
// (kept in the audit log), or show it again. Shown only where the server says the user may
// (`permissions.hide` on a post, `canModerate` on a comment).
import { useState } from 'react';
import { api } from '../api/client.js';
import { useAction } from '../forms/use-action.js';
import { ReasonForm } from '../forms/reason-form.js';
import { useT } from '../i18n/i18n.js';
import { useNotice } from '../layout/notice.js';
import type { Comment, Post } from './types.js';

const REASON_LABEL = { label: 'moderation.reason', errorName: 'moderation.reason.errorName' } as const;

/** A "Show again" button, or a "Hide…" button that opens a reason form in place. */
function HideOrShow({ hidden, idPrefix, hideLabel, formLabel, hint, onHide, onShow }: { hidden: boolean; idPrefix: string; hideLabel: string; formLabel: string; hint: string; onHide: (reason: string) => Promise<void>; onShow: () => Promise<void> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const { busy, error, run } = useAction();
  const showAgain = () => run(onShow);

  if (hidden) {
    return (
      <div className="moderation">
        <button type="button" className="button button--small button--secondary" onClick={() => void showAgain()} aria-disabled={busy || undefined}>
          {t('moderation.showAgain')}
        </button>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  }
  if (!open) {
    return (
      <div className="moderation">
        <button type="button" className="button button--small button--secondary" onClick={() => setOpen(true)}>
          {hideLabel}
        </button>
      </div>
    );
  }
  return (
    <div className="moderation">
      <ReasonForm
        idPrefix={idPrefix}
        formLabel={formLabel}
        hint={hint}
        submitLabel={hideLabel}
        reasonLabel={REASON_LABEL}
        onConfirm={async (reason) => {
          await onHide(reason);
          setOpen(false);
        }}
        onCancel={() => setOpen(false)}
      />
    </div>
  );
}

export function PostModeration({ post, onChange }: { post: Post; onChange: (post: Post) => void }) {
  const t = useT();
  const notice = useNotice();
  if (!post.permissions.hide) return null;
  return (
    <HideOrShow
      hidden={post.hidden !== null}
      idPrefix="hide-post-"
      hideLabel={t('moderation.hidePost')}
      formLabel={t('moderation.hidePost.formLabel', { title: post.title })}
      hint={t('moderation.hidePost.hint')}
      onHide={async (reason) => {
        onChange(await api.post<Post>(`/api/v1/posts/${post.id}/hide`, { reason }));
        notice.show(t('moderation.postHidden'));
      }}
      onShow={async () => {
        onChange(await api.post<Post>(`/api/v1/posts/${post.id}/unhide`, {}));
        notice.show(t('moderation.postShown'));
      }}
    />
  );
}

export function CommentModeration({ comment, onChange }: { comment: Comment; onChange: (comment: Comment) => void }) {
  const t = useT();
  const notice = useNotice();
  if (!comment.canModerate) return null;
  return (
    <HideOrShow
      hidden={comment.hidden !== null}
      idPrefix={`hide-comment-${comment.id}-`}
      hideLabel={t('moderation.hideComment')}
      formLabel={t('moderation.hideComment.formLabel', { name: comment.author.name })}
      hint={t('moderation.hideComment.hint')}
      onHide={async (reason) => {
        onChange(await api.post<Comment>(`/api/v1/comments/${comment.id}/hide`, { reason }));
        notice.show(t('moderation.commentHidden'));
      }}
      onShow={async () => {
        onChange(await api.post<Comment>(`/api/v1/comments/${comment.id}/unhide`, {}));
        notice.show(t('moderation.commentShown'));
      }}
    />
  );
}
