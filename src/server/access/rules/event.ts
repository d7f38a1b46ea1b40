// The event: everyone signed in sees the programme (closed sessions included, marked as closed);
// a closed session can be put on a personal agenda only by its invited organizations and the
// organizers. Organizers configure the event, its phases, programme and rooms.
import { allow, isOrganizer } from '../engine.js';

export interface SessionFacts {
  closed: boolean;
  guestOrganizationIds: readonly string[];
}

declare module '../engine.js' {
  interface Resources {
    eventSession: SessionFacts;
    event: { id: string };
    room: { eventId: string };
  }
}

allow('eventSession', 'read', () => true);
allow('eventSession', 'attend', (actor, s) => !s.closed || isOrganizer(actor) || s.guestOrganizationIds.includes(actor.organizationId));
allow('eventSession', ['create', 'update', 'delete'], isOrganizer);
allow('event', ['create', 'update'], isOrganizer);
allow('room', ['create', 'update', 'delete', 'readBookings'], isOrganizer);
