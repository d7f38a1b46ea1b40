// The bell in the header: the unread count, kept live by the stream (GET /api/v1/me/stream).
// One EventSource per page; other components hear its events through `onLiveEvent`.
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { request } from '../api/client.js';
import { useSession } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { takeEarly } from '../boot/early.js';
import { UNREAD_PATH } from '../boot/first-screen.js';

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
    const early = takeEarly<{ unread: number }>(UNREAD_PATH)?.promise.catch(() => request<{ unread: number }>('GET', UNREAD_PATH));
    void (early ?? request<{ unread: number }>('GET', UNREAD_PATH)).then((r) => !closed && setUnread(r.unread), () => {});
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
      {/* Drawn, not an emoji: a machine without an emoji font showed an empty box. */}
      <svg className="bell__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path d="M12 3a6 6 0 0 0-6 6v4.2L4.3 16.6A.9.9 0 0 0 5.1 18h13.8a.9.9 0 0 0 .8-1.4L18 13.2V9a6 6 0 0 0-6-6Z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
        <path d="M9.5 20a2.5 2.5 0 0 0 5 0" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      {count > 0 && (
        <span className="bell__count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
