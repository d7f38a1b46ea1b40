// The programme of an event, one day at a time, with the phase the event is in. Each session can
// go on the personal agenda (closed sessions only for those invited) or into a calendar (.ics).
import { useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, isApiError, request } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { useNotice } from '../layout/notice.js';
import { EventSelect } from './event-select.js';
import { PhaseBanner } from './phase-banner.js';
import { dateKey, datesBetween, differs, longDate, rangeIn, userTimeZone, zoneName } from './time-format.js';
import type { EventInfo, Session } from './types.js';

function SessionItem({ session, event, onToggle }: { session: Session; event: EventInfo; onToggle: (s: Session) => void }) {
  const t = useT();
  const own = differs(session.start, event.timeZone);
  const eventParam = event.current ? '' : `?eventId=${event.id}`;
  return (
    <li className="session" data-testid={`session-${session.code}`}>
      <div className="session__time">
        <span>{rangeIn(session.start, session.end, event.timeZone)}</span>
        {own && <span className="muted small">{t('event.yourTime', { time: rangeIn(session.start, session.end, userTimeZone()), zone: zoneName(session.start, userTimeZone()) })}</span>}
      </div>
      <div className="session__body">
        <h3 className="session__title">
          <span className="session__code">{session.code}</span> {session.title}
        </h3>
        <p className="session__meta">
          <span className="badge">{t(`event.type.${session.type}`)}</span>
          {session.closed && <span className="badge badge--closed">{session.closedNote ?? t('event.closed')}</span>}
          {session.room && <span>{t('event.room', { room: session.room })}</span>}
          {session.theme && <span className="muted">{session.theme}</span>}
        </p>
        {session.speakers.length > 0 && (
          <div className="session__speakers small">
            <span className="muted" aria-hidden="true">
              {t('sessions.speakers')}:
            </span>{' '}
            <ul className="speaker-list" aria-label={t('sessions.speakers')}>
              {session.speakers.map((s, i) => (
                <li key={i}>
                  <span className="speaker-list__name">{s.name}</span>
                  {s.affiliation && <span className="muted">, {s.affiliation}</span>}
                </li>
              ))}
            </ul>
          </div>
        )}
        {session.description && <p className="small session__description">{session.description}</p>}
        <div className="button-row">
          {session.permissions.attend ? (
            <button type="button" className="button button--small button--secondary" aria-pressed={session.inAgenda} onClick={() => onToggle(session)}>
              {session.inAgenda ? t('event.inAgenda') : t('event.addToAgenda')}
              <span className="visually-hidden">: {session.title}</span>
            </button>
          ) : (
            <span className="small muted">{t('event.closedToYou')}</span>
          )}
          <a className="button button--small button--secondary" href={`/api/v1/event/sessions/${encodeURIComponent(session.code)}/ics${eventParam}`} download>
            {t('event.ics')}
            <span className="visually-hidden">: {session.title}</span>
          </a>
        </div>
      </div>
    </li>
  );
}

export function ProgrammePage() {
  const t = useT();
  const notice = useNotice();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const events = useResource<{ items: EventInfo[] }>('/api/v1/events');
  const chosen = search.get('event');
  const sessions = useResource<{ event: EventInfo; items: Session[] }>(`/api/v1/event/sessions${chosen ? `?eventId=${encodeURIComponent(chosen)}` : ''}`);
  const [busy, setBusy] = useState(false);

  if (sessions.status === 'loading') return <Page title={t('event.programme.title')}><Loading /></Page>;
  if (sessions.status === 'error') return <Page title={t('event.programme.title')}><LoadError error={sessions.error} retry={sessions.reload} /></Page>;
  const { event, items } = sessions.data;
  const byDay = new Map<string, Session[]>();
  for (const s of items) byDay.set(dateKey(s.start, event.timeZone), [...(byDay.get(dateKey(s.start, event.timeZone)) ?? []), s]);
  const days = [...new Set([...byDay.keys(), ...datesBetween(event.startsOn, event.endsOn)])].sort();
  const wanted = search.get('day');
  const day = wanted && days.includes(wanted) ? wanted : (days.find((d) => d === event.today) ?? days.find((d) => d >= event.startsOn) ?? days[0] ?? event.startsOn);
  const list = byDay.get(day) ?? [];
  const link = (params: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(params)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    const q = next.toString();
    return `/event${q ? `?${q}` : ''}`;
  };

  async function toggle(s: Session) {
    if (busy) return;
    setBusy(true);
    try {
      if (s.inAgenda) await api.delete(`/api/v1/me/agenda/sessions/${s.id}`);
      else await request('PUT', `/api/v1/me/agenda/sessions/${s.id}`);
      sessions.setData((d) => ({ ...d, items: d.items.map((x) => (x.id === s.id ? { ...x, inAgenda: !x.inAgenda } : x)) }));
      notice.show(s.inAgenda ? t('event.removed', { title: s.title }) : t('event.added', { title: s.title }));
    } catch (error) {
      notice.show(isApiError(error) ? error.detail : t('error.unexpected.detailClient'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('event.programme.title')} heading={event.name}>
      <p className="lead">
        {t('event.where', { venue: event.venue, start: longDate(event.startsOn), end: longDate(event.endsOn) })} <span className="muted small">{t('event.timesIn', { zone: event.timeZone })}</span>
      </p>
      {events.status === 'ready' && <EventSelect events={events.data.items} value={event.id} onChange={(id) => navigate(link({ event: id, day: null }))} />}
      <PhaseBanner event={event} />
      <p>
        <Link href="/agenda">{t('event.toAgenda')}</Link> · <Link href="/meetings">{t('event.toMeetings')}</Link>
      </p>
      <nav className="tabs" aria-label={t('event.days')}>
        <ul>
          {days.map((d) => (
            <li key={d}>
              <Link href={link({ day: d })} aria-current={d === day ? 'page' : undefined}>
                {longDate(d)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{longDate(day)}</h2>
      {list.length === 0 ? (
        <p className="empty">{t('event.noSessions')}</p>
      ) : (
        <ul className="sessions" aria-label={t('event.sessionsOf', { day: longDate(day) })}>
          {list.map((s) => (
            <SessionItem key={s.id} session={s} event={event} onToggle={(x) => void toggle(x)} />
          ))}
        </ul>
      )}
    </Page>
  );
}
