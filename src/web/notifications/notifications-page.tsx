// /notifications: newest first, grouped by post, with mark-read, mark-all-read and exact links.
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { request } from '../api/client.js';
import { useT } from '../i18n/i18n.js';
import { Page } from '../layout/page.js';
import { OrgLink } from '../organizations/org-link.js';
import type { NotificationItem } from '../../shared/notifications.js';
import { emitLive, onLiveEvent } from './bell.js';

interface List {
  items: NotificationItem[];
  nextCursor: string | null;
  unread: number;
}

/** One line in words, from the item's kind and actor (the actor's organization follows the link, as a link of its own). */
function describe(t: ReturnType<typeof useT>, item: NotificationItem): string {
  const who = item.actor ? item.actor.name : '';
  return `${t(`notifications.kind.${item.kind}` as never)}${who ? ` — ${who}` : ''}`;
}

export function NotificationsPage() {
  const t = useT();
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  const load = useCallback(async (after: string | null) => {
    const list = await request<List>('GET', `/api/v1/me/notifications${after ? `?cursor=${encodeURIComponent(after)}` : ''}`);
    setItems((old) => (after ? [...old, ...list.items] : list.items));
    setCursor(list.nextCursor);
    setLoaded(true);
  }, []);
  useEffect(() => {
    void load(null);
    return onLiveEvent((event, data) => {
      if (event === 'notification') setItems((old) => [data as NotificationItem, ...old.filter((i) => i.id !== (data as NotificationItem).id)]);
    });
  }, [load]);

  async function markRead(body: { ids: string[] } | { all: true }) {
    const { unread } = await request<{ unread: number }>('POST', '/api/v1/me/notifications/read', body);
    const now = new Date().toISOString();
    setItems((old) => old.map((i) => ('all' in body || body.ids.includes(i.id) ? { ...i, readAt: i.readAt ?? now } : i)));
    emitLive('read', { unread });
  }

  // Grouped by post, in the order of each group's newest notification.
  const groups = new Map<string, NotificationItem[]>();
  for (const item of items) {
    const key = item.postId ?? 'other';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }

  return (
    <Page title={t('notifications.title')}>
      <p>
        <button type="button" className="button button--small" onClick={() => void markRead({ all: true })} disabled={!items.some((i) => !i.readAt)}>
          {t('notifications.markAllRead')}
        </button>{' '}
        <Link href="/notifications/preferences">{t('notifications.preferences')}</Link>
      </p>
      {loaded && items.length === 0 && <p>{t('notifications.empty')}</p>}
      {[...groups.entries()].map(([key, group]) => (
        <section key={key} className="card notification-group" aria-label={key === 'other' ? t('notifications.other') : group[0]!.subject.title}>
          <h2 className="card__title">{key === 'other' ? t('notifications.other') : <Link href={`/posts/${key}`}>{group[0]!.subject.title}</Link>}</h2>
          <ul className="notification-list">
            {group.map((item) => (
              <li key={item.id} className={item.readAt ? 'notification' : 'notification notification--unread'}>
                <Link href={item.url} onClick={() => void (item.readAt ? null : markRead({ ids: [item.id] }))}>
                  {describe(t, item)}
                  {key === 'other' && item.subject.title ? `: ${item.subject.title}` : ''}
                </Link>
                {item.actor && (
                  <span data-testid="notification-organization">
                    {' ('}
                    {item.actor.organizationId ? <OrgLink organization={{ id: item.actor.organizationId, name: item.actor.organization }} /> : item.actor.organization}
                    {')'}
                  </span>
                )}{' '}
                <time dateTime={item.createdAt}>{new Date(item.createdAt).toLocaleString()}</time>
                {!item.readAt && (
                  <>
                    {' '}
                    <span className="badge">{t('notifications.unread')}</span>{' '}
                    <button type="button" className="button button--small button--secondary" onClick={() => void markRead({ ids: [item.id] })}>
                      {t('notifications.markRead')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {cursor && (
        <button type="button" className="button button--secondary" onClick={() => void load(cursor)}>
          {t('notifications.more')}
        </button>
      )}
    </Page>
  );
}
