// Office space at the venue: which rooms fit a meeting (seats, opening hours, event days) and are
// free. Whether a room is free here is advice for the form; the booking itself is guarded by the
// exclusion constraint on room_bookings (migration 0006), which no race can get around.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { EventRow, RoomRow } from './event-model.js';
import { minutesOf, partsIn } from './time.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A half-open range literal for tstzrange, from two instants. */
export const rangeOf = (start: Date, end: Date): string => `[${start.toISOString()},${end.toISOString()})`;

/** Is [start, end) on one event day, inside the room's daily hours (venue time)? */
export function withinHours(event: Pick<EventRow, 'time_zone' | 'starts_on' | 'ends_on'>, room: Pick<RoomRow, 'opens_at' | 'closes_at'>, start: Date, end: Date): boolean {
  const a = partsIn(start, event.time_zone);
  const b = partsIn(end, event.time_zone);
  if (a.date < event.starts_on || a.date > event.ends_on) return false;
  // An end at midnight belongs to the same day as 24:00.
  const endMinutes = b.date === a.date ? b.minutes : b.minutes === 0 && end.getTime() - start.getTime() < 86_400_000 ? 24 * 60 : -1;
  return endMinutes > 0 && a.minutes >= minutesOf(room.opens_at) && endMinutes <= minutesOf(room.closes_at);
}

/** Rooms of the event with at least `seats` seats; with a time slot, only those open and free then. */
export async function availableRooms(db: Db, event: EventRow, seats: number, slot?: { start: Date; end: Date }, exceptMeetingId?: string): Promise<RoomRow[]> {
  let query = db.selectFrom('event_rooms as r').selectAll('r').where('r.event_id', '=', event.id).where('r.capacity', '>=', seats);
  if (slot) {
    const range = rangeOf(slot.start, slot.end);
    query = query.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('room_bookings as b')
            .select('b.id')
            .whereRef('b.room_id', '=', 'r.id')
            .where(sql<boolean>`b.during && ${range}::tstzrange`)
            .$if(Boolean(exceptMeetingId), (q) => q.where('b.meeting_id', '!=', exceptMeetingId!)),
        ),
      ),
    );
  }
  const rooms = await query.orderBy('r.capacity').orderBy('r.name').execute();
  return slot ? rooms.filter((r) => withinHours(event, r, slot.start, slot.end)) : rooms;
}

/** The bookings of the event's rooms that overlap one venue day. */
export async function bookingsOn(db: Db, event: EventRow, from: Date, to: Date) {
  return db
    .selectFrom('room_bookings as b')
    .innerJoin('event_rooms as r', 'r.id', 'b.room_id')
    .innerJoin('meetings as m', 'm.id', 'b.meeting_id')
    .innerJoin('meeting_slots as s', 's.id', 'm.confirmed_slot_id')
    .select(['b.room_id', 'b.meeting_id', 'm.topic', 's.starts_at', 's.ends_at'])
    .where('r.event_id', '=', event.id)
    .where(sql<boolean>`b.during && ${rangeOf(from, to)}::tstzrange`)
    .orderBy('s.starts_at')
    .execute();
}
