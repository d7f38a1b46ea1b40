// The proposer changes a meeting: its topic and agenda, or its times. New times clear the answers
// and free any room booked, and everyone invited is told (the server does both).
import { useState, type FormEvent } from 'react';
import { isApiError, request } from '../api/client.js';
import { useT } from '../i18n/i18n.js';
import { useNotice } from '../layout/notice.js';
import { SlotsEditor, slotsToIso, type SlotInput } from './slots-editor.js';
import { dateKey, timeIn } from './time-format.js';
import type { Meeting } from './types.js';

export function ChangeMeeting({ meeting, onChanged }: { meeting: Meeting; onChanged: (m: Meeting) => void }) {
  const t = useT();
  const notice = useNotice();
  const tz = meeting.event.timeZone;
  const [topic, setTopic] = useState(meeting.topic);
  const [agenda, setAgenda] = useState(meeting.agenda);
  const [seats, setSeats] = useState(meeting.seats === null ? '' : String(meeting.seats));
  const [slots, setSlots] = useState<SlotInput[]>(() => meeting.slots.map((s, i) => ({ key: i, date: dateKey(s.start, tz), start: timeIn(s.start, tz), end: timeIn(s.end, tz) })));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(e: FormEvent, body: Record<string, unknown>, done: string) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const next = await request<Meeting>('PATCH', `/api/v1/meetings/${meeting.id}`, { ...body, revision: meeting.revision });
      setErrors({});
      setMessage(null);
      onChanged(next);
      notice.show(done);
    } catch (error) {
      if (isApiError(error) && error.hasFieldErrors) {
        setErrors(error.fieldErrors);
        setMessage(t('form.problemTitle'));
      } else setMessage(isApiError(error) ? error.detail : t('error.unexpected.detailClient'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="panel change-meeting">
      <summary>{t('meeting.change')}</summary>
      {message && (
        <p className="callout callout--error" role="alert">
          {message}
        </p>
      )}
      <form onSubmit={(e) => void send(e, { topic, agenda }, t('meeting.changed'))}>
        <div className={errors['topic'] ? 'field field--error' : 'field'}>
          <div className="field__label">
            <label htmlFor="change-topic">{t('propose.topic')}</label>
          </div>
          {errors['topic'] && <p className="field__error">{errors['topic']}</p>}
          <input id="change-topic" value={topic} maxLength={200} onChange={(e) => setTopic(e.target.value)} />
        </div>
        <div className="field">
          <div className="field__label">
            <label htmlFor="change-agenda">{t('propose.agenda')}</label>
          </div>
          <textarea id="change-agenda" rows={4} value={agenda} maxLength={5000} onChange={(e) => setAgenda(e.target.value)} />
        </div>
        <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
          {t('meeting.saveChanges')}
        </button>
      </form>
      {meeting.mode === 'in_person' && (
        <form onSubmit={(e) => void send(e, { seats: seats.trim() ? Number(seats.trim()) : null }, t('meeting.seatsSaved'))}>
          <div className={errors['seats'] ? 'field field--error' : 'field'}>
            <div className="field__label">
              <label htmlFor="change-seats">{t('meeting.seatsLabel')}</label>
            </div>
            {errors['seats'] && <p className="field__error">{`${t('meeting.seatsLabel')}: ${errors['seats']}`}</p>}
            <input id="change-seats" inputMode="numeric" value={seats} onChange={(e) => setSeats(e.target.value)} />
          </div>
          <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
            {t('meeting.saveSeats')}
          </button>
        </form>
      )}
      <form onSubmit={(e) => void send(e, { slots: slotsToIso(slots, meeting.event) }, t('meeting.timesChanged'))}>
        <p className="callout callout--warning">{t('meeting.newTimesWarning')}</p>
        <SlotsEditor slots={slots} onChange={setSlots} mode={meeting.mode} event={meeting.event} errors={errors} idPrefix="change-" />
        <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
          {t('meeting.proposeNewTimes')}
        </button>
      </form>
    </details>
  );
}
