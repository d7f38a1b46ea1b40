// One meeting: what it is about, who is invited, the proposed times with everyone's answers;
// invitees answer, the proposer confirms a time (and a room, in person) or cancels; and the
// meeting's private space: agenda, shared notes and a discussion, kept as its record.
import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'wouter';
import { api, isApiError, request } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useMe } from '../auth/session.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { useNotice } from '../layout/notice.js';
import { NotFoundPage } from '../not-found/not-found-page.js';
import { ChangeMeeting } from './change-meeting.js';
import { InviteePicker, type Chosen } from './propose-meeting-page.js';
import { ConfirmButton } from '../forms/confirm-button.js';
import { InlineResult, useInlineResult } from '../layout/inline-result.js';
import { dayIn, differs, rangeIn, userTimeZone, zoneName } from './time-format.js';
import type { Meeting, MeetingMessage, Room } from './types.js';
import { newConversationHref } from '../network/conversation-link.js';
import { OrgLink, withLinks } from '../organizations/org-link.js';

type SetMeeting = (m: Meeting) => void;

function useAction() {
  const t = useT();
  const notice = useNotice();
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<void>, done?: string) {
    if (busy) return;
    setBusy(true);
    try {
      await action();
      if (done) notice.show(done);
    } catch (error) {
      notice.show(isApiError(error) ? `${error.title}: ${error.detail}` : t('error.unexpected.detailClient'));
    } finally {
      setBusy(false);
    }
  }
  return { busy, run };
}

function RoomChoice({ meeting, slot, onConfirm, busy }: { meeting: Meeting; slot: Meeting['slots'][number]; onConfirm: (roomId: string | null) => void; busy: boolean }) {
  const t = useT();
  const rooms = useResource<{ items: Room[] }>(meeting.mode === 'in_person' ? `/api/v1/rooms?meetingId=${meeting.id}&start=${encodeURIComponent(slot.start)}&end=${encodeURIComponent(slot.end)}` : null);
  const [roomId, setRoomId] = useState('');
  useEffect(() => {
    if (rooms.status === 'ready' && rooms.data.items[0] && !roomId) setRoomId(rooms.data.items[0].id);
  }, [rooms, roomId]);
  if (meeting.mode === 'virtual') {
    return (
      <button type="button" className="button button--primary button--small" onClick={() => onConfirm(null)} aria-disabled={busy || undefined}>
        {t('meeting.confirmThis')}
      </button>
    );
  }
  if (rooms.status !== 'ready') return <span className="small muted">{t('common.loading')}</span>;
  if (rooms.data.items.length === 0) return <span className="small">{t('meeting.noRoom', { count: meeting.headCount })}</span>;
  const selectId = `room-${slot.id}`;
  return (
    <div className="confirm-room">
      <label htmlFor={selectId}>{t('meeting.room')}</label>
      <select id={selectId} value={roomId} onChange={(e) => setRoomId(e.target.value)}>
        {rooms.data.items.map((r) => (
          <option key={r.id} value={r.id}>
            {t('meeting.roomOption', { name: r.name, count: r.capacity, equipment: r.equipment.join(', ') || '–' })}
          </option>
        ))}
      </select>
      <button type="button" className="button button--primary button--small" onClick={() => onConfirm(roomId)} aria-disabled={busy || undefined}>
        {t('meeting.confirmAndBook')}
      </button>
    </div>
  );
}

/** A consequential action asks once, in place, and takes the focus so it is seen and read. */
function AskOnce({ label, yes, no, onYes, onNo, testId, children }: { label: string; yes: string; no: string; onYes: () => void; onNo: () => void; testId?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="ask-once" role="group" aria-label={label} tabIndex={-1} ref={ref} data-testid={testId}>
      {children}
      <div className="button-row">
        <button type="button" className="button button--small button--primary" onClick={onYes}>
          {yes}
        </button>
        <button type="button" className="button button--small button--secondary" onClick={onNo}>
          {no}
        </button>
      </div>
    </div>
  );
}

/** The proposer invites more people or organizations, or takes one off (issue 13); both are told. */
function Invitees({ meeting, setMeeting }: { meeting: Meeting; setMeeting: SetMeeting }) {
  const t = useT();
  const result = useInlineResult();
  const [error, setError] = useState<string | null>(null);
  const manage = meeting.permissions.update && meeting.status !== 'cancelled';
  const taken: Chosen[] = [...meeting.invitees.people.map((p) => ({ kind: 'person' as const, id: p.id, label: p.name })), ...meeting.invitees.organizations.map((o) => ({ kind: 'organization' as const, id: o.id, label: o.name }))];
  async function act(action: () => Promise<Meeting>, done: string) {
    setError(null);
    try {
      setMeeting(await action());
      result.show(done);
    } catch (caught) {
      setError(isApiError(caught) ? caught.detail : t('error.unexpected.detailClient'));
    }
  }
  const takeOff = (c: Chosen) =>
    act(() => request<Meeting>('DELETE', `/api/v1/meetings/${meeting.id}/invitees/${c.kind === 'person' ? 'users' : 'organizations'}/${c.id}`), t('meeting.takenOff', { name: c.label }));
  const row = (c: Chosen, text: ReactNode) => (
    <li key={`${c.kind}-${c.id}`} data-testid={`invitee-${c.id}`}>
      {text}
      {manage && (
        <>
          {' '}
          <ConfirmButton
            small
            variant="danger"
            label={t('meeting.takeOff')}
            ariaLabel={`${t('meeting.takeOff')}: ${c.label}`}
            question={t('meeting.takeOffAsk', { name: c.label })}
            confirmLabel={t('meeting.takeOffYes')}
            cancelLabel={t('meeting.takeOffNo')}
            onConfirm={() => takeOff(c)}
          />
        </>
      )}
    </li>
  );
  return (
    <>
      <ul className="link-list">
        {meeting.invitees.people.map((p) => row({ kind: 'person', id: p.id, label: p.name }, withLinks(t, 'meeting.person', { name: p.name }, { organization: <OrgLink organization={p.organization} /> })))}
        {meeting.invitees.organizations.map((o) => row({ kind: 'organization', id: o.id, label: o.name }, withLinks(t, 'meeting.wholeOrganization', {}, { name: <OrgLink organization={o} /> })))}
      </ul>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <InlineResult result={result.result} testId="invitees-result" />
      {manage && (
        <details className="invite-more">
          <summary>{t('meeting.inviteMore')}</summary>
          <InviteePicker
            chosen={[]}
            taken={taken}
            legend={t('meeting.inviteMore')}
            legendHidden
            required={false}
            idPrefix="more-"
            onChange={(next) => {
              const c = next[0];
              if (!c) return;
              void act(() => api.post<Meeting>(`/api/v1/meetings/${meeting.id}/invitees`, c.kind === 'person' ? { userIds: [c.id] } : { organizationIds: [c.id] }), t('meeting.invitedMore', { name: c.label }));
            }}
          />
        </details>
      )}
    </>
  );
}

function Slots({ meeting, setMeeting }: { meeting: Meeting; setMeeting: SetMeeting }) {
  const t = useT();
  const me = useMe();
  const { busy, run } = useAction();
  const tz = meeting.event.timeZone;
  const answer = (slotId: string, value: 'yes' | 'no') =>
    run(async () => setMeeting(await request<Meeting>('PUT', `/api/v1/meetings/${meeting.id}/answers`, { answers: [{ slotId, answer: value }] })), t('meeting.answerSaved'));
  // Someone has not answered: the proposer is shown who, and confirms anyway or waits (issue 13).
  const [asking, setAsking] = useState<{ slotId: string; roomId: string | null } | null>(null);
  const waiting = [...meeting.notAnswered.people.map((p) => `${p.name}, ${p.organization.name}`), ...meeting.notAnswered.organizations.map((o) => t('meeting.notAnsweredOrganization', { name: o.name }))];
  const confirm = (slotId: string, roomId: string | null, anyway = false) => {
    if (!anyway && waiting.length > 0) return setAsking({ slotId, roomId });
    setAsking(null);
    return run(async () => setMeeting(await api.post<Meeting>(`/api/v1/meetings/${meeting.id}/confirm`, { slotId, ...(roomId ? { roomId } : {}), ...(anyway ? { anyway: true } : {}) })), t('meeting.confirmedNotice'));
  };
  const nobody = meeting.slots.every((x) => x.answers.length === 0);
  return (
    <section aria-labelledby="slots-title">
      <h2 id="slots-title">{t('meeting.times')}</h2>
      <ul className="meeting-slots">
        {meeting.slots.map((s, i) => {
          const mine = s.answers.find((a) => a.userId === me.id)?.answer;
          const isConfirmed = meeting.confirmedSlot?.id === s.id;
          return (
            <li key={s.id} className={isConfirmed ? 'meeting-slot meeting-slot--confirmed' : 'meeting-slot'} data-testid={`slot-${i}`}>
              <h3 className="meeting-slot__time">
                {dayIn(s.start, tz)}, {rangeIn(s.start, s.end, tz)} <span className="muted small">{zoneName(s.start, tz)}</span>
                {isConfirmed && <span className="badge badge--meeting-confirmed">{t('meeting.status.confirmed')}</span>}
              </h3>
              {differs(s.start, tz) && <p className="small muted">{t('event.yourTime', { time: `${dayIn(s.start, userTimeZone())}, ${rangeIn(s.start, s.end, userTimeZone())}`, zone: zoneName(s.start, userTimeZone()) })}</p>}
              <p className="small">
                {s.answers.length === 0
                  ? t('meeting.noAnswers')
                  : s.answers.map((a, n) => (
                      <Fragment key={a.userId}>
                        {n > 0 && ' · '}
                        {withLinks(t, a.answer === 'yes' ? 'meeting.answerYes' : 'meeting.answerNo', { name: a.name }, { organization: <OrgLink organization={{ id: a.organizationId, name: a.organization }} /> })}
                      </Fragment>
                    ))}
              </p>
              {meeting.permissions.answer && meeting.status === 'proposed' && (
                <div className="button-row" role="group" aria-label={t('meeting.yourAnswer', { n: i + 1 })}>
                  <button type="button" className="button button--small button--secondary" aria-pressed={mine === 'yes'} onClick={() => void answer(s.id, 'yes')} aria-disabled={busy || undefined}>
                    {t('meeting.accept')}
                    <span className="visually-hidden"> {t('meeting.timeN', { n: i + 1 })}</span>
                  </button>
                  <button type="button" className="button button--small button--secondary" aria-pressed={mine === 'no'} onClick={() => void answer(s.id, 'no')} aria-disabled={busy || undefined}>
                    {t('meeting.decline')}
                    <span className="visually-hidden"> {t('meeting.timeN', { n: i + 1 })}</span>
                  </button>
                </div>
              )}
              {meeting.permissions.confirm && <RoomChoice meeting={meeting} slot={s} busy={busy} onConfirm={(roomId) => void confirm(s.id, roomId)} />}
              {asking?.slotId === s.id && (
                <AskOnce
                  label={t('meeting.notAnsweredTitle')}
                  yes={t('meeting.confirmAnyway')}
                  no={t('meeting.waitForAnswers')}
                  onYes={() => void confirm(s.id, asking.roomId, true)}
                  onNo={() => setAsking(null)}
                  testId="confirm-anyway"
                >
                  <p>{nobody ? t('meeting.notAnsweredNobody') : t('meeting.notAnsweredSome')}</p>
                  <ul aria-label={t('meeting.notAnsweredTitle')}>
                    {waiting.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                </AskOnce>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Notes({ meeting, setMeeting }: { meeting: Meeting; setMeeting: SetMeeting }) {
  const t = useT();
  const [notes, setNotes] = useState(meeting.notes);
  const { busy, run } = useAction();
  return (
    <section aria-labelledby="notes-title">
      <h2 id="notes-title">{t('meeting.notes')}</h2>
      {meeting.notesUpdatedAt && <p className="small muted">{t('meeting.notesUpdated', { date: formatDateTime(meeting.notesUpdatedAt) })}</p>}
      {meeting.permissions.writeNotes ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => setMeeting(await request<Meeting>('PUT', `/api/v1/meetings/${meeting.id}/notes`, { notes })), t('meeting.notesSaved'));
          }}
        >
          <div className="field">
            <div className="field__label">
              <label htmlFor="meeting-notes">{t('meeting.notesLabel')}</label>
            </div>
            <textarea id="meeting-notes" rows={6} value={notes} maxLength={50000} onChange={(e) => setNotes(e.target.value)} />
          </div>
          <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
            {t('meeting.saveNotes')}
          </button>
        </form>
      ) : (
        <p className="prewrap">{meeting.notes || t('meeting.noNotes')}</p>
      )}
    </section>
  );
}

function Discussion({ meeting }: { meeting: Meeting }) {
  const t = useT();
  const messages = useResource<{ items: MeetingMessage[] }>(`/api/v1/meetings/${meeting.id}/messages`);
  const [body, setBody] = useState('');
  const { busy, run } = useAction();
  return (
    <section aria-labelledby="discussion-title" className="discussion">
      <h2 id="discussion-title">{t('meeting.discussion')}</h2>
      {messages.status === 'ready' &&
        (messages.data.items.length === 0 ? (
          <p className="muted">{t('meeting.noMessages')}</p>
        ) : (
          <ol className="comments">
            {messages.data.items.map((m) => (
              <li key={m.id} className="comment">
                <p className="comment__meta">
                  <strong>{withLinks(t, 'meeting.messageBy', { name: m.author.name }, { organization: <OrgLink organization={{ id: m.author.organizationId, name: m.author.organization }} /> })}</strong> <span className="muted small">{formatDateTime(m.createdAt)}</span>
                </p>
                <p className="prewrap">{m.body}</p>
              </li>
            ))}
          </ol>
        ))}
      {meeting.permissions.discuss && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!body.trim()) return;
            void run(async () => {
              const m = await api.post<MeetingMessage>(`/api/v1/meetings/${meeting.id}/messages`, { body });
              messages.setData((d) => ({ items: [...d.items, m] }));
              setBody('');
            });
          }}
        >
          <div className="field">
            <div className="field__label">
              <label htmlFor="meeting-message">{t('meeting.write')}</label>
            </div>
            <textarea id="meeting-message" rows={3} value={body} maxLength={5000} onChange={(e) => setBody(e.target.value)} />
          </div>
          <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
            {t('meeting.send')}
          </button>
        </form>
      )}
    </section>
  );
}

/** Issue 12: a conversation with every other organization in the meeting, linked to it. */
function WriteToMeetingOrganizations({ meeting }: { meeting: Meeting }) {
  const t = useT();
  const me = useMe();
  const others = [meeting.proposer.organization, ...meeting.invitees.people.map((p) => p.organization), ...meeting.invitees.organizations]
    .map((o) => o.id)
    .filter((id) => id !== me.organization.id);
  if (others.length === 0) return null;
  return (
    <p>
      <Link href={newConversationHref(others, { type: 'meeting', id: meeting.id })} className="button button--secondary">
        {t('conversations.writeAboutMeeting')}
      </Link>
    </p>
  );
}

export function MeetingPage() {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  const meeting = useResource<Meeting>(`/api/v1/meetings/${encodeURIComponent(id ?? '')}`);
  const { busy, run } = useAction();
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  if (meeting.status === 'loading') return <Page title={t('meeting.title')}><Loading /></Page>;
  if (meeting.status === 'error') return meeting.error.status === 404 ? <NotFoundPage /> : <Page title={t('meeting.title')}><LoadError error={meeting.error} retry={meeting.reload} /></Page>;
  const m = meeting.data;
  const setMeeting: SetMeeting = (next) => meeting.setData(() => next);
  const tz = m.event.timeZone;

  return (
    <Page title={m.topic}>
      <p className="lead">
        <span className={`badge badge--meeting-${m.status}`} data-testid="meeting-status">
          {t(`meeting.status.${m.status}`)}
        </span>{' '}
        {t(`meeting.mode.${m.mode}`)} · {m.event.name}
      </p>
      {m.confirmedSlot && (
        <div className="callout" data-testid="meeting-when">
          <p className="callout-title">
            {dayIn(m.confirmedSlot.start, tz)}, {rangeIn(m.confirmedSlot.start, m.confirmedSlot.end, tz)} ({tz})
          </p>
          <p>{m.mode === 'virtual' ? t('meeting.virtualSpace') : m.room ? t('meeting.bookedRoom', { room: m.room.name, venue: m.event.venue }) : m.event.venue}</p>
          {m.status === 'confirmed' && (
            <div className="button-row">
              <a className="button button--small button--secondary" href={`/api/v1/meetings/${m.id}/ics`} download>
                {t('event.ics')}
              </a>
              <button type="button" className="button button--small button--secondary" onClick={() => void run(() => request('PUT', `/api/v1/me/agenda/meetings/${m.id}`), t('meeting.addedToAgenda'))}>
                {t('event.addToAgenda')}
              </button>
            </div>
          )}
        </div>
      )}
      <dl className="details">
        <div>
          <dt>{t('meeting.proposer')}</dt>
          <dd>{withLinks(t, 'meeting.person', { name: m.proposer.name }, { organization: <OrgLink organization={m.proposer.organization} /> })}</dd>
        </div>
        <div>
          <dt>{t('meeting.invited')}</dt>
          <dd>
            <Invitees meeting={m} setMeeting={setMeeting} />
          </dd>
        </div>
        <div>
          <dt>{t('meeting.seats')}</dt>
          <dd data-testid="meeting-seats">{m.seats !== null ? t('meeting.seatsGiven', { count: m.seats }) : t('meeting.seatsCounted', { count: m.headCount })}</dd>
        </div>
        {m.posts.length > 0 && (
          <div>
            <dt>{t('meeting.about')}</dt>
            <dd>
              <ul className="link-list">
                {m.posts.map((p) => (
                  <li key={p.id}>
                    <Link href={`/posts/${p.id}`}>{p.title}</Link>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      <section aria-labelledby="agenda-title">
        <h2 id="agenda-title">{t('meeting.agenda')}</h2>
        <p className="prewrap">{m.agenda || t('meeting.noAgenda')}</p>
      </section>
      <WriteToMeetingOrganizations meeting={m} />
      <Slots meeting={m} setMeeting={setMeeting} />
      <Notes meeting={m} setMeeting={setMeeting} />
      <Discussion meeting={m} />
      {m.permissions.update && <ChangeMeeting key={m.revision} meeting={m} onChanged={setMeeting} />}
      {m.permissions.cancel && (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">{t('meeting.cancelTitle')}</h2>
          <p>{t('meeting.cancelIntro')}</p>
          {/* Cancelling tells everyone and frees the room: it asks once more before it does. */}
          {confirmingCancel ? (
            <div className="button-row" role="group" aria-label={t('meeting.cancelConfirmLabel')}>
              <button type="button" className="button button--danger" aria-disabled={busy || undefined} onClick={() => void run(async () => setMeeting(await api.post<Meeting>(`/api/v1/meetings/${m.id}/cancel`, {})), t('meeting.cancelled'))}>
                {t('meeting.cancelConfirm')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirmingCancel(false)}>
                {t('meeting.cancelKeep')}
              </button>
            </div>
          ) : (
            <button type="button" className="button button--danger" onClick={() => setConfirmingCancel(true)}>
              {t('meeting.cancel')}
            </button>
          )}
        </section>
      )}
    </Page>
  );
}
