// Organizers: the venue's office space for one day, one room per row with its free and booked
// periods at their exact times (a room that opens at 08:30 is free from 08:30, not from 08:00),
// and a form to add a room. Periods rather than hour columns, so it reads the same on a phone.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, isApiError } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { useNotice } from '../layout/notice.js';
import { EventSelect } from './event-select.js';
import { datesBetween, longDate, timeIn } from './time-format.js';
import type { EventInfo, Room } from './types.js';
import { roomPeriods } from './room-periods.js';

interface Availability {
  event: EventInfo;
  date: string;
  rooms: { room: Room; bookings: { meetingId: string; topic: string; start: string; end: string }[] }[];
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

type Booking = Availability['rooms'][number]['bookings'][number];

function AddRoom({ eventId, onAdded }: { eventId: string; onAdded: () => void }) {
  const t = useT();
  const notice = useNotice();
  const [v, setV] = useState({ name: '', capacity: '4', equipment: '', opensAt: '09:00', closesAt: '18:00' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await api.post(`/api/v1/events/${eventId}/rooms`, {
        name: v.name.trim(),
        capacity: Number(v.capacity),
        equipment: v.equipment.split(',').map((x) => x.trim()).filter(Boolean),
        opensAt: v.opensAt,
        closesAt: v.closesAt,
      });
      setErrors({});
      setV({ ...v, name: '' });
      notice.show(t('rooms.added'));
      onAdded();
    } catch (error) {
      setErrors(isApiError(error) && error.hasFieldErrors ? error.fieldErrors : { name: isApiError(error) ? error.detail : t('error.unexpected.detailClient') });
    } finally {
      setBusy(false);
    }
  }
  const field = (name: keyof typeof v, label: string, type = 'text') => (
    <div className={errors[name] ? 'field field--error' : 'field'}>
      <div className="field__label">
        <label htmlFor={`room-${name}`}>{label}</label>
      </div>
      {errors[name] && (
        <p className="field__error" id={`room-${name}-error`} role="alert">
          {errors[name]}
        </p>
      )}
      <input id={`room-${name}`} type={type} value={v[name]} onChange={(e) => setV({ ...v, [name]: e.target.value })} aria-describedby={errors[name] ? `room-${name}-error` : undefined} />
    </div>
  );
  return (
    <section className="panel" aria-labelledby="add-room-title">
      <h2 id="add-room-title">{t('rooms.add')}</h2>
      <form noValidate onSubmit={(e) => void submit(e)} className="room-form">
        {field('name', t('rooms.name'))}
        {field('capacity', t('rooms.capacity'), 'number')}
        {field('equipment', t('rooms.equipment'))}
        {field('opensAt', t('rooms.opensAt'), 'time')}
        {field('closesAt', t('rooms.closesAt'), 'time')}
        <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
          {t('rooms.addButton')}
        </button>
      </form>
    </section>
  );
}

export function RoomsPage() {
  const t = useT();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const events = useResource<{ items: EventInfo[] }>('/api/v1/events');
  // By default the next event that is not over (the current one if it is still on).
  const upcoming = events.status === 'ready' ? [...events.data.items].filter((e) => e.phase !== 'closed').sort((a, b) => Number(b.current) - Number(a.current) || a.startsOn.localeCompare(b.startsOn)) : [];
  const chosenEvent = search.get('event') ?? (events.status === 'ready' ? (upcoming[0] ?? events.data.items[0])?.id : undefined);
  const date = search.get('date');
  const grid = useResource<Availability>(chosenEvent ? `/api/v1/rooms/availability?eventId=${encodeURIComponent(chosenEvent)}${date ? `&date=${date}` : ''}` : null);

  if (events.status === 'error') return <Page title={t('rooms.title')}><LoadError error={events.error} retry={events.reload} /></Page>;
  if (grid.status === 'error') return <Page title={t('rooms.title')}><LoadError error={grid.error} retry={grid.reload} /></Page>;
  if (events.status !== 'ready' || grid.status !== 'ready') return <Page title={t('rooms.title')}><Loading /></Page>;
  const { event, rooms } = grid.data;
  const tz = event.timeZone;
  // A booking's times in the venue's day (one that runs past midnight ends at 24:00).
  const inVenueDay = (b: Booking) => {
    const startMin = minutes(timeIn(b.start, tz));
    const endMin = minutes(timeIn(b.end, tz));
    return { ...b, startMin, endMin: endMin <= startMin ? 24 * 60 : endMin };
  };

  return (
    <Page title={t('rooms.title')}>
      <p className="lead">{t('rooms.intro', { zone: tz })}</p>
      <p>
        <Link href={`/organizer/event?event=${event.id}`}>{t('eventSettings.link')}</Link>
      </p>
      <EventSelect events={events.data.items} value={event.id} onChange={(id) => navigate(`/organizer/rooms?event=${id}`)} />
      <nav className="tabs" aria-label={t('event.days')}>
        <ul>
          {datesBetween(event.startsOn, event.endsOn).map((d) => (
            <li key={d}>
              <Link href={`/organizer/rooms?event=${event.id}&date=${d}`} aria-current={d === grid.data.date ? 'page' : undefined}>
                {longDate(d)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rooms.length === 0 ? (
        <p className="empty">{t('rooms.none')}</p>
      ) : (
        <ul className="room-list" data-testid="room-grid" aria-label={t('rooms.gridLabel', { date: longDate(grid.data.date) })}>
          {rooms.map(({ room, bookings }) => (
            <li key={room.id} className="room-list__room">
              <h2 className="room-list__name">
                {room.name}
                <span className="small muted room-grid__meta">
                  {t('rooms.meta', { count: room.capacity, hours: `${room.opensAt}–${room.closesAt}` })}
                  {room.equipment.length > 0 && ` · ${room.equipment.join(', ')}`}
                </span>
              </h2>
              <ol className="room-list__periods">
                {roomPeriods(
                  room.opensAt,
                  room.closesAt,
                  bookings.map(inVenueDay),
                ).map((period) => (
                  <li key={period.from} className={period.bookings.length ? 'room-period room-period--booked' : 'room-period room-period--free'}>
                    {period.bookings.length === 0 ? (
                      <>
                        <span className="room-period__time">
                          {hhmm(period.from)}–{hhmm(period.until)}
                        </span>{' '}
                        {t('rooms.free')}
                      </>
                    ) : (
                      period.bookings.map((b) => (
                        <Link key={b.meetingId} href={`/meetings/${b.meetingId}`}>
                          {timeIn(b.start, tz)}–{timeIn(b.end, tz)} {b.topic}
                        </Link>
                      ))
                    )}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      )}
      <AddRoom eventId={event.id} onAdded={grid.reload} />
    </Page>
  );
}
