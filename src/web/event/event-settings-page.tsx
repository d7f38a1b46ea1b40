// Organizers: configure an event (name, venue, time zone, description), its phases (when the
// platform opens for it, the event days, the end of the follow-up), mark it current, or create one.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, isApiError, request } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { ErrorSummary } from '../forms/error-summary.js';
import type { FormProblem } from '../forms/use-form.js';
import { useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { useNotice } from '../layout/notice.js';
import { EventSelect } from './event-select.js';
import type { EventInfo } from './types.js';

type Values = { name: string; venue: string; timeZone: string; description: string; opensOn: string; startsOn: string; endsOn: string; followUpUntil: string; current: boolean };
const FIELDS = ['name', 'venue', 'timeZone', 'opensOn', 'startsOn', 'endsOn', 'followUpUntil'] as const;

const valuesOf = (e: EventInfo | null): Values =>
  e
    ? { name: e.name, venue: e.venue, timeZone: e.timeZone, description: e.description, opensOn: e.opensOn, startsOn: e.startsOn, endsOn: e.endsOn, followUpUntil: e.followUpUntil, current: e.current }
    : { name: '', venue: '', timeZone: 'Europe/Vienna', description: '', opensOn: '', startsOn: '', endsOn: '', followUpUntil: '', current: false };

function EventForm({ event, onSaved }: { event: EventInfo | null; onSaved: (e: EventInfo) => void }) {
  const t = useT();
  const notice = useNotice();
  const [v, setV] = useState<Values>(() => valuesOf(event));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const prefix = event ? 'edit' : 'new';
  const label = (f: (typeof FIELDS)[number]) => t(`eventSettings.${f}`);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const body = { ...v, description: v.description };
      const saved = event ? await request<EventInfo>('PATCH', `/api/v1/events/${event.id}`, body) : await api.post<EventInfo>('/api/v1/events', body);
      setErrors({});
      setProblem(null);
      notice.show(t('eventSettings.saved', { name: saved.name }));
      onSaved(saved);
    } catch (error) {
      const fieldErrors = isApiError(error) ? error.fieldErrors : {};
      const messages = Object.fromEntries(Object.entries(fieldErrors).map(([f, d]) => [f, `${FIELDS.includes(f as never) ? label(f as (typeof FIELDS)[number]) : f}: ${d}`]));
      setErrors(messages);
      setProblem({
        title: isApiError(error) && !error.hasFieldErrors ? error.title : t('form.problemTitle'),
        ...(isApiError(error) && !error.hasFieldErrors ? { detail: error.detail } : {}),
        items: Object.entries(messages).map(([f, m]) => ({ targetId: `${prefix}-${f}`, message: m })),
      });
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  const input = (f: (typeof FIELDS)[number], type = 'text', hint?: string) => (
    <div className={errors[f] ? 'field field--error' : 'field'} key={f}>
      <div className="field__label">
        <label htmlFor={`${prefix}-${f}`}>{label(f)}</label>
      </div>
      {hint && (
        <p className="field__hint" id={`${prefix}-${f}-hint`}>
          {hint}
        </p>
      )}
      {errors[f] && (
        <p className="field__error" id={`${prefix}-${f}-error`}>
          {errors[f]}
        </p>
      )}
      <input
        id={`${prefix}-${f}`}
        type={type}
        value={v[f]}
        onChange={(e) => setV({ ...v, [f]: e.target.value })}
        aria-describedby={[hint ? `${prefix}-${f}-hint` : '', errors[f] ? `${prefix}-${f}-error` : ''].filter(Boolean).join(' ') || undefined}
      />
    </div>
  );

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="event-settings">
      <ErrorSummary problem={problem} attempt={attempt} />
      {input('name')}
      {input('venue')}
      {input('timeZone', 'text', t('eventSettings.timeZoneHint'))}
      <div className="field">
        <div className="field__label">
          <label htmlFor={`${prefix}-description`}>{t('eventSettings.description')}</label>
        </div>
        <textarea id={`${prefix}-description`} rows={3} value={v.description} maxLength={5000} onChange={(e) => setV({ ...v, description: e.target.value })} />
      </div>
      <fieldset className="field event-fieldset">
        <legend>{t('eventSettings.phases')}</legend>
        <p className="field__hint">{t('eventSettings.phasesHint')}</p>
        <div className="room-form">
          {input('opensOn', 'date')}
          {input('startsOn', 'date')}
          {input('endsOn', 'date')}
          {input('followUpUntil', 'date')}
        </div>
      </fieldset>
      <div className="checkbox">
        <input id={`${prefix}-current`} type="checkbox" checked={v.current} disabled={Boolean(event?.current)} onChange={(e) => setV({ ...v, current: e.target.checked })} />
        <label htmlFor={`${prefix}-current`}>{t('eventSettings.current')}</label>
      </div>
      <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
        {event ? t('eventSettings.save') : t('eventSettings.create')}
      </button>
    </form>
  );
}

export function EventSettingsPage() {
  const t = useT();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const events = useResource<{ items: EventInfo[] }>('/api/v1/events');
  if (events.status === 'loading') return <Page title={t('eventSettings.title')}><Loading /></Page>;
  if (events.status === 'error') return <Page title={t('eventSettings.title')}><LoadError error={events.error} retry={events.reload} /></Page>;
  const items = events.data.items;
  const event = items.find((e) => e.id === search.get('event')) ?? items.find((e) => e.current) ?? items[0] ?? null;
  return (
    <Page title={t('eventSettings.title')}>
      <p className="lead">{t('eventSettings.intro')}</p>
      <p>
        <Link href="/organizer/rooms">{t('nav.rooms')}</Link> · <Link href={`/organizer/sessions${event ? `?event=${event.id}` : ''}`}>{t('sessions.title')}</Link> · <Link href="/event">{t('nav.programme')}</Link>
      </p>
      {event && (
        <section aria-labelledby="edit-event-title">
          <h2 id="edit-event-title">{event.name}</h2>
          <EventSelect events={items} value={event.id} onChange={(id) => navigate(`/organizer/event?event=${id}`)} />
          <EventForm key={`${event.id}-${event.current}`} event={event} onSaved={() => events.reload()} />
        </section>
      )}
      <section aria-labelledby="new-event-title" className="panel">
        <h2 id="new-event-title">{t('eventSettings.new')}</h2>
        <EventForm event={null} onSaved={(e) => { events.reload(); navigate(`/organizer/event?event=${e.id}`); }} />
      </section>
    </Page>
  );
}
