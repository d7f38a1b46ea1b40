// Follow or unfollow the post on its page (PUT / DELETE /api/v1/posts/:id/follow). The post's answer
// says whether you follow it (your organization's posts and those you commented or offered on are
// followed automatically); unfollowing stops every notification about the post.
import { useState } from 'react';
import { api } from '../api/client.js';
import { useAction } from '../forms/use-action.js';
import { useT } from '../i18n/i18n.js';

export function FollowButton({ postId, following: initial }: { postId: string; following: boolean }) {
  const t = useT();
  const [following, setFollowing] = useState(initial);
  const { busy, error, run } = useAction();
  const toggle = () =>
    run(async () => {
      const path = `/api/v1/posts/${encodeURIComponent(postId)}/follow`;
      const answer = following ? await api.delete<{ following: boolean }>(path) : await api.put<{ following: boolean }>(path);
      setFollowing(answer.following);
    });
  return (
    <div className="follow">
      <button type="button" className="button button--secondary button--small" aria-pressed={following} disabled={busy} onClick={() => void toggle()}>
        {following ? t('notifications.unfollow') : t('notifications.follow')}
      </button>{' '}
      <span role="status">{following ? t('notifications.following') : t('notifications.notFollowing')}</span>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
