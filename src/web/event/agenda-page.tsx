// The personal agenda: sessions and meetings by day, clashes marked, a calendar file of it all,
// and a private feed URL to subscribe to from a calendar app (renewable, revocable).
import { useState } from 'react';
import { Link } from 'wouter';
import { api, isApiError } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { useNotice } from '../layout/notice.js';
import { dateKey, differs, longDate, rangeIn, userTimeZone, zoneName } from './time-format.js';
import type { AgendaItem } from './types.js';

function FeedPanel() {
  const t = useT();
  const notice = useNotice();
  const feed = useResource<{ active: boolean; createdAt: string | null; url?: string }>('/api/v1/me/agenda/feed');
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    try {
      await action();
    } catch (error) {
      notice.show(isApiError(error) ? error.detail : t('error.unexpected.detailClient'));
    } finally {
      setBusy(false);
    }
  }
  const create = () =>
    run(async () => {
      const answer = await api.post<{ active: boolean; createdAt: string; url: string }>('/api/v1/me/agenda/feed');
      setUrl(answer.url);
      feed.setData(() => ({ active: true, createdAt: answer.createdAt }));
    });
  const revoke = () =>
    run(async () => {
      await api.delete('/api/v1/me/agenda/feed');
      setUrl(null);
      feed.setData(() => ({ active: false, createdAt: null }));
      notice.show(t('agenda.feed.revoked'));
    });

  return (
    <section className="panel" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('agenda.feed.title')}</h2>
      <p>{t('agenda.feed.intro')}</p>
      {feed.status === 'ready' && feed.data.active && <p className="small">{t('agenda.feed.since', { date: formatDateTime(feed.data.createdAt!) })}</p>}
      {url && (
        <div className="field">
          <div className="field__label">
            <label htmlFor="feed-url">{t('agenda.feed.url')}</label>
          </div>
          <p id="feed-url-hint" className="field__hint">
            {t('agenda.feed.secret')}
          </p>
          <input id="feed-url" readOnly value={url} aria-describedby="feed-url-hint" onFocus={(e) => e.currentTarget.select()} data-testid="feed-url" />
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={() => void create()} aria-disabled={busy || undefined}>
          {feed.status === 'ready' && feed.data.active ? t('agenda.feed.renew') : t('agenda.feed.create')}
        </button>
        {feed.status === 'ready' && feed.data.active && (
          <button type="button" className="button button--danger" onClick={() => void revoke()} aria-disabled={busy || undefined}>
            {t('agenda.feed.revoke')}
          </button>
        )}
      </div>
    </section>
  );
}

export function AgendaPage() {
  const t = useT();
  const agenda = useResource<{ items: AgendaItem[]; clashes: number }>('/api/v1/me/agenda');
  if (agenda.status === 'loading') return <Page title={t('agenda.title')}><Loading /></Page>;
  if (agenda.status === 'error') return <Page title={t('agenda.title')}><LoadError error={agenda.error} retry={agenda.reload} /></Page>;
  const { items, clashes } = agenda.data;
  const titleOf = new Map(items.map((i) => [i.id, i.code ? `${i.code} ${i.title}` : i.title]));
  const days = new Map<string, AgendaItem[]>();
  for (const i of items) {
    const key = dateKey(i.start, i.event.timeZone);
    days.set(key, [...(days.get(key) ?? []), i]);
  }

  return (
    <Page title={t('agenda.title')}>
      <p className="lead">{t('agenda.intro')}</p>
      {clashes > 0 && (
        <div className="callout callout--warning" role="status" data-testid="clash-summary">
          <p className="callout-title">{t('agenda.clashes', { count: clashes })}</p>
        </div>
      )}
      <div className="button-row agenda-actions">
        <a className="button button--secondary" href="/api/v1/me/agenda.ics" download>
          {t('agenda.download')}
        </a>
        <Link href="/event" className="button button--secondary">
          {t('agenda.toProgramme')}
        </Link>
      </div>
      {items.length === 0 ? (
        <p className="empty">{t('agenda.empty')}</p>
      ) : (
        [...days].map(([day, list]) => (
          <section key={day} aria-labelledby={`day-${day}`}>
            <h2 id={`day-${day}`}>{longDate(day)}</h2>
            <ul className="sessions">
              {list.map((i) => (
                <li key={i.id} className={i.clashesWith.length ? 'session session--clash' : 'session'} data-testid={`agenda-${i.code ?? i.id}`}>
                  <div className="session__time">
                    <span>{rangeIn(i.start, i.end, i.event.timeZone)}</span>
                    <span className="muted small">{zoneName(i.start, i.event.timeZone)}</span>
                    {differs(i.start, i.event.timeZone) && <span className="muted small">{t('event.yourTime', { time: rangeIn(i.start, i.end, userTimeZone()), zone: zoneName(i.start, userTimeZone()) })}</span>}
                  </div>
                  <div className="session__body">
                    <h3 className="session__title">
                      {i.kind === 'meeting' ? <Link href={`/meetings/${i.id}`}>{i.title}</Link> : <>{i.code && <span className="session__code">{i.code}</span>} {i.title}</>}
                    </h3>
                    <p className="session__meta">
                      <span className="badge">{i.kind === 'meeting' ? t('agenda.meeting') : t('agenda.session')}</span>
                      {i.status === 'cancelled' && <span className="badge badge--closed">{t('meeting.status.cancelled')}</span>}
                      {i.where && <span>{t('event.room', { room: i.where })}</span>}
                      <span className="muted">{i.event.name}</span>
                    </p>
                    {i.clashesWith.length > 0 && (
                      <p className="clash">
                        <strong>{t('agenda.clashWith')}</strong> {i.clashesWith.map((id) => titleOf.get(id)).join('; ')}
                      </p>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <FeedPanel />
    </Page>
  );
}
