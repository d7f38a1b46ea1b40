// Organizers: the programme of one event, session by session, with a form to add a session or
// change one (title, type, day and times in the venue's time, room, theme, description, speakers in
// order, closed to invited organizations) and a removal that asks once. Before this page,
// organizers could manage sessions through the API only (issue 13).
import { useId, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, isApiError, request } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { ConfirmButton } from '../forms/confirm-button.js';
import { ErrorSummary } from '../forms/error-summary.js';
import type { FormProblem } from '../forms/use-form.js';
import { useT, type MessageKey } from '../i18n/i18n.js';
import { InlineResult, useInlineResult } from '../layout/inline-result.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { EventSelect } from './event-select.js';
import { dateKey, datesBetween, longDate, rangeIn, timeIn, zonedToIso } from './time-format.js';
import type { EventInfo, Session, SessionType } from './types.js';

const TYPES: SessionType[] = ['plenary', 'panel', 'workshop', 'special_event', 'side_event', 'exhibition', 'break', 'social'];

interface Values {
  code: string;
  title: string;
  type: SessionType;
  day: string;
  from: string;
  until: string;
  room: string;
  theme: string;
  description: string;
  speakers: { key: number; name: string; affiliation: string }[];
  closed: boolean;
  closedNote: string;
}

let nextKey = 1;
const valuesOf = (s: Session | null, event: EventInfo): Values =>
  s
    ? {
        code: s.code, title: s.title, type: s.type, day: dateKey(s.start, event.timeZone), from: timeIn(s.start, event.timeZone), until: timeIn(s.end, event.timeZone),
        room: s.room ?? '', theme: s.theme ?? '', description: s.description, speakers: s.speakers.map((x) => ({ key: nextKey++, ...x })), closed: s.closed, closedNote: s.closedNote ?? '',
      }
    : { code: '', title: '', type: 'panel', day: event.startsOn, from: '09:00', until: '10:00', room: '', theme: '', description: '', speakers: [], closed: false, closedNote: '' };

/** Which form control a field the server names belongs to (speakers.1.name → the second speaker's name). */
function controlOf(field: string): { control: string; label: MessageKey; index?: number } {
  const speaker = /^speakers\.(\d+)\.(name|affiliation)$/.exec(field);
  if (speaker) return { control: `${speaker[2]}-${speaker[1]}`, label: speaker[2] === 'name' ? 'sessions.speakerName' : 'sessions.speakerAffiliation', index: Number(speaker[1]) };
  const map: Record<string, [string, MessageKey]> = {
    code: ['code', 'sessions.code'], title: ['title', 'sessions.sessionTitle'], type: ['type', 'sessions.type'], start: ['from', 'sessions.from'], end: ['until', 'sessions.until'],
    room: ['room', 'sessions.room'], theme: ['theme', 'sessions.theme'], description: ['description', 'sessions.description'], closedNote: ['closedNote', 'sessions.closedNote'],
  };
  const [control, label] = map[field] ?? ['title', 'sessions.sessionTitle'];
  return { control, label };
}

function SessionForm({ event, session, onSaved, onCancel }: { event: EventInfo; session: Session | null; onSaved: (s: Session) => void; onCancel?: () => void }) {
  const t = useT();
  const prefix = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const [v, setV] = useState<Values>(() => valuesOf(session, event));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const id = (control: string) => `${prefix}-${control}`;
  const days = datesBetween(event.startsOn, event.endsOn);
  if (!days.includes(v.day)) days.unshift(v.day);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const body = {
      code: v.code.trim(), title: v.title.trim(), type: v.type,
      start: zonedToIso(v.day, v.from, event.timeZone), end: zonedToIso(v.day, v.until, event.timeZone),
      room: v.room.trim() || null, theme: v.theme.trim() || null, description: v.description.trim(),
      speakers: v.speakers.filter((x) => x.name.trim() || x.affiliation.trim()).map((x) => ({ name: x.name.trim(), affiliation: x.affiliation.trim() })),
      closed: v.closed, closedNote: v.closed ? v.closedNote.trim() || null : null,
    };
    try {
      const saved = session ? await request<Session>('PATCH', `/api/v1/events/${event.id}/sessions/${encodeURIComponent(session.code)}`, body) : await api.post<Session>(`/api/v1/events/${event.id}/sessions`, body);
      setErrors({});
      setProblem(null);
      if (!session) setV(valuesOf(null, event));
      onSaved(saved);
    } catch (error) {
      const fieldErrors = isApiError(error) ? error.fieldErrors : {};
      const messages: Record<string, string> = {};
      const items: { targetId: string; message: string }[] = [];
      for (const [field, detail] of Object.entries(fieldErrors)) {
        const { control, label, index } = controlOf(field);
        const name = index === undefined ? t(label) : t('sessions.speakerNumbered', { label: t(label), n: index + 1 });
        const message = `${name}: ${detail}`;
        messages[control] = message;
        items.push({ targetId: id(control), message });
      }
      setErrors(messages);
      setProblem({
        title: isApiError(error) && !error.hasFieldErrors ? error.title : t('form.problemTitle'),
        ...(isApiError(error) && !error.hasFieldErrors ? { detail: error.detail } : {}),
        items,
      });
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  const describedBy = (control: string, hint?: boolean) => [hint ? `${id(control)}-hint` : '', errors[control] ? `${id(control)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const error = (control: string) =>
    errors[control] && (
      <p className="field__error" id={`${id(control)}-error`}>
        {errors[control]}
      </p>
    );
  const text = (control: 'code' | 'title' | 'room' | 'theme' | 'closedNote', label: MessageKey, hint?: MessageKey, type = 'text') => (
    <div className={errors[control] ? 'field field--error' : 'field'}>
      <div className="field__label">
        <label htmlFor={id(control)}>{t(label)}</label>
      </div>
      {hint && (
        <p className="field__hint" id={`${id(control)}-hint`}>
          {t(hint)}
        </p>
      )}
      {error(control)}
      <input id={id(control)} type={type} value={v[control]} onChange={(e) => setV({ ...v, [control]: e.target.value })} aria-describedby={describedBy(control, Boolean(hint))} />
    </div>
  );
  const time = (control: 'from' | 'until', label: MessageKey) => (
    <div className={errors[control] ? 'field field--error' : 'field'}>
      <div className="field__label">
        <label htmlFor={id(control)}>{t(label)}</label>
      </div>
      {error(control)}
      <input id={id(control)} type="time" value={v[control]} onChange={(e) => setV({ ...v, [control]: e.target.value })} aria-describedby={describedBy(control)} />
    </div>
  );
  const setSpeaker = (i: number, patch: Partial<Values['speakers'][number]>) => setV({ ...v, speakers: v.speakers.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const moveSpeaker = (i: number, by: -1 | 1) => {
    const list = [...v.speakers];
    const [item] = list.splice(i, 1);
    list.splice(i + by, 0, item!);
    setV({ ...v, speakers: list });
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="session-form" aria-label={session ? t('sessions.editLabel', { code: session.code }) : t('sessions.add')}>
      <ErrorSummary problem={problem} attempt={attempt} />
      <div className="session-form__grid">
        {text('code', 'sessions.code', 'sessions.codeHint')}
        {text('title', 'sessions.sessionTitle')}
        <div className="field">
          <div className="field__label">
            <label htmlFor={id('type')}>{t('sessions.type')}</label>
          </div>
          <select id={id('type')} value={v.type} onChange={(e) => setV({ ...v, type: e.target.value as SessionType })}>
            {TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`event.type.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <div className="field__label">
            <label htmlFor={id('day')}>{t('sessions.day')}</label>
          </div>
          <select id={id('day')} value={v.day} onChange={(e) => setV({ ...v, day: e.target.value })}>
            {days.map((d) => (
              <option key={d} value={d}>
                {longDate(d)}
              </option>
            ))}
          </select>
        </div>
        {time('from', 'sessions.from')}
        {time('until', 'sessions.until')}
        {text('room', 'sessions.room')}
        {text('theme', 'sessions.theme')}
      </div>
      <div className={errors.description ? 'field field--error' : 'field'}>
        <div className="field__label">
          <label htmlFor={id('description')}>{t('sessions.description')}</label>
        </div>
        {error('description')}
        <textarea id={id('description')} rows={4} maxLength={5000} value={v.description} onChange={(e) => setV({ ...v, description: e.target.value })} aria-describedby={describedBy('description')} />
      </div>
      <fieldset className="field event-fieldset">
        <legend>{t('sessions.speakers')}</legend>
        <p className="field__hint">{t('sessions.speakersHint')}</p>
        {v.speakers.length > 0 && (
          <ol className="speaker-rows">
            {v.speakers.map((s, i) => (
              <li key={s.key} className="speaker-row">
                <div className={errors[`name-${i}`] ? 'field field--error' : 'field'}>
                  <div className="field__label">
                    <label htmlFor={id(`name-${i}`)}>{t('sessions.speakerNumbered', { label: t('sessions.speakerName'), n: i + 1 })}</label>
                  </div>
                  {error(`name-${i}`)}
                  <input id={id(`name-${i}`)} value={s.name} onChange={(e) => setSpeaker(i, { name: e.target.value })} aria-describedby={describedBy(`name-${i}`)} />
                </div>
                <div className={errors[`affiliation-${i}`] ? 'field field--error' : 'field'}>
                  <div className="field__label">
                    <label htmlFor={id(`affiliation-${i}`)}>{t('sessions.speakerNumbered', { label: t('sessions.speakerAffiliation'), n: i + 1 })}</label>
                  </div>
                  {error(`affiliation-${i}`)}
                  <input id={id(`affiliation-${i}`)} value={s.affiliation} onChange={(e) => setSpeaker(i, { affiliation: e.target.value })} aria-describedby={describedBy(`affiliation-${i}`)} />
                </div>
                <div className="button-row">
                  {i > 0 && (
                    <button type="button" className="button button--small button--secondary" onClick={() => moveSpeaker(i, -1)}>
                      {t('sessions.speakerUp')}
                      <span className="visually-hidden">: {s.name || i + 1}</span>
                    </button>
                  )}
                  <button type="button" className="button button--small button--secondary" onClick={() => setV({ ...v, speakers: v.speakers.filter((_, j) => j !== i) })}>
                    {t('sessions.speakerRemove')}
                    <span className="visually-hidden">: {s.name || i + 1}</span>
                  </button>
                </div>
              </li>
            ))}
          </ol>
        )}
        <button type="button" className="button button--small button--secondary" onClick={() => setV({ ...v, speakers: [...v.speakers, { key: nextKey++, name: '', affiliation: '' }] })}>
          {t('sessions.speakerAdd')}
        </button>
      </fieldset>
      <div className="checkbox">
        <input id={id('closed')} type="checkbox" checked={v.closed} onChange={(e) => setV({ ...v, closed: e.target.checked })} />
        <label htmlFor={id('closed')}>{t('sessions.closed')}</label>
      </div>
      {v.closed && text('closedNote', 'sessions.closedNote')}
      <div className="button-row">
        <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
          {session ? t('sessions.save') : t('sessions.create')}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('sessions.cancelEdit')}
          </button>
        )}
      </div>
    </form>
  );
}

function SessionRow({ event, session, onChanged, onRemoved }: { event: EventInfo; session: Session; onChanged: (s: Session) => void; onRemoved: (s: Session) => void }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function remove() {
    try {
      await api.delete(`/api/v1/events/${event.id}/sessions/${encodeURIComponent(session.code)}`);
      onRemoved(session);
    } catch (caught) {
      setError(isApiError(caught) ? caught.detail : t('error.unexpected.detailClient'));
    }
  }
  return (
    <li className="session" data-testid={`admin-session-${session.code}`}>
      <div className="session__time">
        <span>{rangeIn(session.start, session.end, event.timeZone)}</span>
      </div>
      <div className="session__body">
        <h3 className="session__title">
          <span className="session__code">{session.code}</span> {session.title}
        </h3>
        <p className="session__meta">
          <span className="badge">{t(`event.type.${session.type}`)}</span>
          {session.closed && <span className="badge badge--closed">{session.closedNote ?? t('event.closed')}</span>}
          {session.room && <span>{t('event.room', { room: session.room })}</span>}
        </p>
        {session.speakers.length > 0 && <p className="small">{t('event.speakers', { names: session.speakers.map((s) => (s.affiliation ? `${s.name} (${s.affiliation})` : s.name)).join('; ') })}</p>}
        {editing ? (
          <SessionForm event={event} session={session} onCancel={() => setEditing(false)} onSaved={(s) => { setEditing(false); onChanged(s); }} />
        ) : (
          <div className="button-row">
            <button type="button" className="button button--small button--secondary" onClick={() => setEditing(true)}>
              {t('sessions.edit')}
              <span className="visually-hidden">: {session.code} {session.title}</span>
            </button>
            <ConfirmButton
              small
              variant="danger"
              label={t('sessions.remove')}
              ariaLabel={`${t('sessions.remove')}: ${session.code} ${session.title}`}
              question={t('sessions.removeAsk', { code: session.code })}
              confirmLabel={t('sessions.removeYes')}
              cancelLabel={t('sessions.removeNo')}
              onConfirm={remove}
            />
          </div>
        )}
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}

export function SessionsAdminPage() {
  const t = useT();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const events = useResource<{ items: EventInfo[] }>('/api/v1/events');
  const result = useInlineResult();
  const added = useInlineResult();
  // By default the next event that is not over (the current one if it is still on), as on Rooms.
  const upcoming = events.status === 'ready' ? [...events.data.items].filter((e) => e.phase !== 'closed').sort((a, b) => Number(b.current) - Number(a.current) || a.startsOn.localeCompare(b.startsOn)) : [];
  const chosen = search.get('event') ?? (events.status === 'ready' ? (upcoming[0] ?? events.data.items[0])?.id : undefined);
  const sessions = useResource<{ event: EventInfo; items: Session[] }>(chosen ? `/api/v1/event/sessions?eventId=${encodeURIComponent(chosen)}` : null);

  if (events.status === 'error') return <Page title={t('sessions.title')}><LoadError error={events.error} retry={events.reload} /></Page>;
  if (sessions.status === 'error') return <Page title={t('sessions.title')}><LoadError error={sessions.error} retry={sessions.reload} /></Page>;
  if (events.status !== 'ready' || sessions.status !== 'ready') return <Page title={t('sessions.title')}><Loading /></Page>;
  const { event, items } = sessions.data;
  const sorted = (list: Session[]) => [...list].sort((a, b) => a.start.localeCompare(b.start) || a.code.localeCompare(b.code));

  return (
    <Page title={t('sessions.title')}>
      <p className="lead">{t('sessions.intro', { zone: event.timeZone })}</p>
      <p>
        <Link href={`/event?event=${event.id}`}>{t('nav.programme')}</Link> · <Link href={`/organizer/event?event=${event.id}`}>{t('eventSettings.link')}</Link> · <Link href={`/organizer/rooms?event=${event.id}`}>{t('nav.rooms')}</Link>
      </p>
      <EventSelect events={events.data.items} value={event.id} onChange={(id) => navigate(`/organizer/sessions?event=${id}`)} />
      <InlineResult result={result.result} testId="sessions-result" />
      <p>{t('sessions.listTitle', { count: items.length })}</p>
      {items.length === 0 && <p className="empty">{t('event.noSessions')}</p>}
      {[...new Set(sorted(items).map((s) => dateKey(s.start, event.timeZone)))].map((day) => (
        <section key={day} aria-labelledby={`day-${day}`}>
          <h2 id={`day-${day}`}>{longDate(day)}</h2>
          <ul className="sessions" aria-label={t('event.sessionsOf', { day: longDate(day) })}>
            {sorted(items)
              .filter((s) => dateKey(s.start, event.timeZone) === day)
              .map((s) => (
                <SessionRow
                  key={s.id}
                  event={event}
                  session={s}
                  onChanged={(saved) => { sessions.setData((d) => ({ ...d, items: d.items.map((x) => (x.id === s.id ? saved : x)) })); result.show(t('sessions.saved', { code: saved.code, title: saved.title })); }}
                  onRemoved={(gone) => { sessions.setData((d) => ({ ...d, items: d.items.filter((x) => x.id !== gone.id) })); result.show(t('sessions.removed', { code: gone.code, title: gone.title })); }}
                />
              ))}
          </ul>
        </section>
      ))}
      <section className="panel" aria-labelledby="add-session-title">
        <h2 id="add-session-title">{t('sessions.add')}</h2>
        <SessionForm key={event.id} event={event} session={null} onSaved={(saved) => { sessions.setData((d) => ({ ...d, items: [...d.items, saved] })); added.show(t('sessions.created', { code: saved.code, title: saved.title })); }} />
        <InlineResult result={added.result} testId="session-added" />
      </section>
    </Page>
  );
}
