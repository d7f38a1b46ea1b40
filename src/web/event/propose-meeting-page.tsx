// Proposing a meeting: topic, the posts it is about, whom to invite (people or whole
// organizations), in person at the venue or virtual, and one or more times, entered in the
// venue's time zone. The server checks everything again; its field errors land next to the field.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, isApiError } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { RadioGroupField, RequiredNote, SelectField, SubmitButton, TextAreaField, TextField } from '../forms/fields.js';
import type { FormProblem } from '../forms/use-form.js';
import { useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { useNotice } from '../layout/notice.js';
import { initialSlots, SlotsEditor, slotsToIso, type SlotInput } from './slots-editor.js';
import type { EventInfo, Meeting, Person } from './types.js';

interface Invitable {
  people: Person[];
  organizations: { id: string; name: string }[];
}
export type Chosen = { kind: 'person'; id: string; label: string } | { kind: 'organization'; id: string; label: string };

/**
 * Whom to invite: a search by name, and the chosen list with a remove button each. On a meeting
 * already proposed (issue 13), `taken` are those invited already and `legend` says what it is for.
 */
export function InviteePicker({ chosen, onChange, error, taken = [], legend, required = true, idPrefix = '', legendHidden = false }: { chosen: Chosen[]; onChange: (next: Chosen[]) => void; error?: string; taken?: Chosen[]; legend?: string; required?: boolean; idPrefix?: string; legendHidden?: boolean }) {
  const t = useT();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Invitable | null>(null);
  useEffect(() => {
    if (q.trim().length < 2) {
      setFound(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<Invitable>(`/api/v1/meetings/invitable?q=${encodeURIComponent(q.trim())}`, { signal: controller.signal })
        .then(setFound)
        .catch(() => {});
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  const has = (kind: Chosen['kind'], id: string) => [...chosen, ...taken].some((c) => c.kind === kind && c.id === id);
  const add = (c: Chosen) => !has(c.kind, c.id) && onChange([...chosen, c]);
  return (
    <fieldset className={error ? 'field field--error event-fieldset' : 'field event-fieldset'} id={`${idPrefix}field-invitees`} tabIndex={-1}>
      <legend className={legendHidden ? 'visually-hidden' : undefined}>
        {legend ?? t('propose.invitees')}
        {required && (
          <span className="field__required" aria-hidden="true">
            {' *'}
          </span>
        )}
      </legend>
      <p className="field__hint">{t('propose.inviteesHint')}</p>
      {error && <p className="field__error">{error}</p>}
      {chosen.length > 0 && (
        <ul className="chosen-list" aria-label={t('propose.chosen')}>
          {chosen.map((c) => (
            <li key={`${c.kind}-${c.id}`}>
              {c.label} <span className="muted small">({t(`propose.kind.${c.kind}`)})</span>{' '}
              <button type="button" className="link-button" onClick={() => onChange(chosen.filter((x) => !(x.kind === c.kind && x.id === c.id)))}>
                {t('propose.remove')}
                <span className="visually-hidden"> {c.label}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <div className="field__label">
          <label htmlFor={`${idPrefix}invitee-search`}>{t('propose.search')}</label>
        </div>
        <input id={`${idPrefix}invitee-search`} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      </div>
      {found && (
        <div className="invitee-results" aria-live="polite">
          {found.people.length + found.organizations.length === 0 && <p className="small muted">{t('propose.noMatch')}</p>}
          <ul className="link-list">
            {found.people.map((p) => (
              <li key={`p-${p.id}`}>
                <button type="button" className="link-button" disabled={has('person', p.id)} onClick={() => add({ kind: 'person', id: p.id, label: `${p.name}, ${p.organization.name}` })}>
                  {t('propose.invitePerson', { name: p.name, organization: p.organization.name })}
                </button>
              </li>
            ))}
            {found.organizations.map((o) => (
              <li key={`o-${o.id}`}>
                <button type="button" className="link-button" disabled={has('organization', o.id)} onClick={() => add({ kind: 'organization', id: o.id, label: o.name })}>
                  {t('propose.inviteOrganization', { name: o.name })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  );
}

export function ProposeMeetingPage() {
  const t = useT();
  const notice = useNotice();
  const [, navigate] = useLocation();
  const search = new URLSearchParams(useSearch());
  const events = useResource<{ items: EventInfo[] }>('/api/v1/events');
  const postId = search.get('post');
  const post = useResource<{ id: string; title: string }>(postId ? `/api/v1/posts/${encodeURIComponent(postId)}` : null);

  const open = useMemo(() => (events.status === 'ready' ? events.data.items.filter((e) => e.phase !== 'closed' && e.endsOn >= e.today).sort((a, b) => a.startsOn.localeCompare(b.startsOn)) : []), [events]);
  const [eventId, setEventId] = useState('');
  const event = open.find((e) => e.id === eventId) ?? open[0];
  const [topic, setTopic] = useState('');
  const [seats, setSeats] = useState('');
  const [agenda, setAgenda] = useState('');
  const [mode, setMode] = useState<'in_person' | 'virtual'>('in_person');
  const [invitees, setInvitees] = useState<Chosen[]>([]);
  const [slots, setSlots] = useState<SlotInput[]>(initialSlots);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  if (events.status === 'loading') return <Page title={t('propose.title')}><Loading /></Page>;
  if (events.status === 'error') return <Page title={t('propose.title')}><LoadError error={events.error} retry={events.reload} /></Page>;
  if (!event) return <Page title={t('propose.title')}><p className="empty">{t('propose.noEvent')}</p></Page>;

  function show(fieldErrors: Record<string, string>, title: string, detail?: string) {
    setErrors(fieldErrors);
    setProblem({ title, ...(detail ? { detail } : {}), items: Object.entries(fieldErrors).map(([field, message]) => ({ targetId: targetOf(field), message })) });
    setAttempt((n) => n + 1);
  }
  const targetOf = (field: string) => {
    const slot = field.match(/^slots\.(\d+)\.(start|end)/);
    if (slot) return `slot-${slot[1]}-${slot[2]}`;
    if (field.startsWith('invitees')) return 'field-invitees';
    if (field === 'topic' || field === 'agenda' || field === 'seats') return `field-${field}`;
    return null;
  };
  const label = (field: string) =>
    field === 'topic' ? t('propose.topic') : field.startsWith('invitees') ? t('propose.invitees') : field.startsWith('slots.') ? t('propose.slotN', { n: Number(field.split('.')[1]) + 1 }) : field.startsWith('postIds') ? t('propose.post') : field === 'seats' ? t('propose.seats') : field;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || !event) return;
    const local: Record<string, string> = {};
    if (topic.trim().length < 3) local['topic'] = t('propose.topicShort');
    if (invitees.length === 0) local['invitees'] = t('propose.noInvitees');
    if (Object.keys(local).length) return show(local, t('form.problemTitle'));
    setBusy(true);
    try {
      const body = {
        eventId: event.id,
        topic: topic.trim(),
        agenda,
        mode,
        postIds: post.status === 'ready' ? [post.data.id] : [],
        invitees: { userIds: invitees.filter((i) => i.kind === 'person').map((i) => i.id), organizationIds: invitees.filter((i) => i.kind === 'organization').map((i) => i.id) },
        slots: slotsToIso(slots, event),
        ...(mode === 'in_person' && seats.trim() ? { seats: Number(seats.trim()) } : {}),
      };
      const created = await api.post<Meeting>('/api/v1/meetings', body);
      notice.show(t('propose.done'), `/meetings/${created.id}`);
      navigate(`/meetings/${created.id}`);
    } catch (error) {
      if (isApiError(error) && error.hasFieldErrors) {
        show(Object.fromEntries(Object.entries(error.fieldErrors).map(([f, d]) => [f, `${label(f)}: ${d}`])), t('form.problemTitle'));
      } else show({}, isApiError(error) ? error.title : t('error.unexpected.title'), isApiError(error) ? error.detail : t('error.unexpected.detailClient'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('propose.title')} width="narrow">
      <p className="lead">{t('propose.intro')}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary problem={problem} attempt={attempt} />
        <RequiredNote />
        {open.length > 1 ? (
          <SelectField id="field-event" name="eventId" label={t('propose.event')} value={event.id} onChange={setEventId} error={undefined} required placeholder={t('propose.chooseEvent')} options={open.map((e) => ({ value: e.id, label: e.name }))} />
        ) : (
          <p>
            <strong>{t('propose.event')}:</strong> {event.name}
          </p>
        )}
        <TextField id="field-topic" name="topic" label={t('propose.topic')} value={topic} onChange={setTopic} error={errors['topic']} required maxLength={200} />
        {post.status === 'ready' && (
          <p>
            {t('propose.about')} <Link href={`/posts/${post.data.id}`}>{post.data.title}</Link>
          </p>
        )}
        <TextAreaField id="field-agenda" name="agenda" label={t('propose.agenda')} value={agenda} onChange={setAgenda} error={errors['agenda']} rows={4} maxLength={5000} hint={t('propose.agendaHint')} />
        <RadioGroupField
          id="field-mode"
          name="mode"
          label={t('propose.mode')}
          value={mode}
          onChange={(v) => setMode(v as 'in_person' | 'virtual')}
          error={errors['mode']}
          required
          options={[
            { value: 'in_person', label: t('meeting.mode.in_person'), hint: t('propose.inPersonHint', { venue: event.venue }) },
            { value: 'virtual', label: t('meeting.mode.virtual'), hint: t('propose.virtualHint') },
          ]}
        />
        <InviteePicker chosen={invitees} onChange={setInvitees} error={errors['invitees'] ?? errors['invitees.userIds'] ?? errors['invitees.organizationIds']} />
        {mode === 'in_person' && (
          <TextField id="field-seats" name="seats" label={t('propose.seats')} hint={t('propose.seatsHint')} value={seats} onChange={setSeats} error={errors['seats']} inputMode="numeric" />
        )}
        <SlotsEditor slots={slots} onChange={setSlots} mode={mode} event={event} errors={errors} />
        <SubmitButton busy={busy}>{t('propose.submit')}</SubmitButton>
      </form>
    </Page>
  );
}
