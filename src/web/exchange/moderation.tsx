// The organizers' moderation controls on a post page: hide a post or a comment with a reason
// (kept in the audit log), or show it again. Shown only where the server says the user may
// (`permissions.hide` on a post, `canModerate` on a comment).
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';
import { useAction } from '../forms/use-action.js';
import { ReasonForm } from '../forms/reason-form.js';
import { useT } from '../i18n/i18n.js';
import { useNotice } from '../layout/notice.js';
import type { Comment, Post } from './types.js';

const REASON_LABEL = { label: 'moderation.reason', errorName: 'moderation.reason.errorName' } as const;

/**
 * A "Show again" button, or a "Hide…" button that opens a reason form in place (asking once).
 * Right after hiding, the result is said where the organizer acted, with "Undo" beside it.
 */
function HideOrShow({ hidden, idPrefix, hideLabel, formLabel, hint, hiddenMessage, undoLabel, onHide, onShow }: { hidden: boolean; idPrefix: string; hideLabel: string; formLabel: string; hint: string; hiddenMessage: string; undoLabel: string; onHide: (reason: string) => Promise<void>; onShow: () => Promise<void> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [justHidden, setJustHidden] = useState(false);
  const { busy, error, run } = useAction();
  const result = useRef<HTMLParagraphElement>(null);
  const showAgain = () =>
    run(async () => {
      await onShow();
      setJustHidden(false);
    });
  useEffect(() => {
    if (justHidden && hidden) result.current?.focus();
  }, [justHidden, hidden]);

  if (hidden) {
    return (
      <div className="moderation">
        {justHidden && (
          <p className="notice moderation__result" role="status" tabIndex={-1} ref={result}>
            {hiddenMessage}
          </p>
        )}
        <button type="button" className="button button--small button--secondary" onClick={() => void showAgain()} aria-disabled={busy || undefined} aria-label={justHidden ? undoLabel : undefined}>
          {t(justHidden ? 'moderation.undo' : 'moderation.showAgain')}
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
          setJustHidden(true);
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
      hiddenMessage={t('moderation.postHidden')}
      undoLabel={t('moderation.undoPost')}
      onHide={async (reason) => {
        onChange(await api.post<Post>(`/api/v1/posts/${post.id}/hide`, { reason }));
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
      hiddenMessage={t('moderation.commentHidden')}
      undoLabel={t('moderation.undoComment')}
      onHide={async (reason) => {
        onChange(await api.post<Comment>(`/api/v1/comments/${comment.id}/hide`, { reason }));
      }}
      onShow={async () => {
        onChange(await api.post<Comment>(`/api/v1/comments/${comment.id}/unhide`, {}));
        notice.show(t('moderation.commentShown'));
      }}
    />
  );
}
