// The bell in the header: the unread count, kept live by the stream (GET /api/v1/me/stream).
// One EventSource per page; other components hear its events through `onLiveEvent`.
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { request } from '../api/client.js';
import { useSession } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';

type Listener = (event: string, data: unknown) => void;
const listeners = new Set<Listener>();
/** Subscribe to live events (`notification`, `post`, `unread`, and `read` after mark-read here). */
export function onLiveEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export const emitLive = (event: string, data: unknown) => listeners.forEach((l) => l(event, data));

export function Bell() {
  const t = useT();
  const { me } = useSession();
  const [unread, setUnread] = useState<number | null>(null);
  // While two-step set-up is required (VF_REQUIRE_2FA), the API refuses everything but the account:
  // the bell neither asks nor listens until it is on (the session refreshes then).
  const held = me?.secondFactor?.setup === 'required';

  useEffect(() => {
    if (!me || held) return;
    let closed = false;
    void request<{ unread: number }>('GET', '/api/v1/me/notifications?unread=1&limit=1').then((r) => !closed && setUnread(r.unread), () => {});
    const source = new EventSource('/api/v1/me/stream');
    const forward = (name: string) => (e: MessageEvent<string>) => {
      const data = JSON.parse(e.data) as unknown;
      if (name === 'unread') setUnread((data as { count: number }).count);
      if (name === 'notification') setUnread((n) => (n ?? 0) + 1);
      emitLive(name, data);
    };
    for (const name of ['notification', 'post', 'unread']) source.addEventListener(name, forward(name) as EventListener);
    const off = onLiveEvent((event, data) => {
      if (event === 'read') setUnread((data as { unread: number }).unread);
    });
    return () => {
      closed = true;
      off();
      source.close();
    };
  }, [me?.id, held]);

  if (!me || held) return null;
  const count = unread ?? 0;
  return (
    <Link href="/notifications" className="bell" aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')} data-testid="bell">
      <span aria-hidden="true">🔔</span>
      {count > 0 && (
        <span className="bell__count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
