// The shapes the event API answers with (src/server/event/*).
export type Phase = 'upcoming' | 'preparation' | 'event' | 'follow_up' | 'closed';
export type SessionType = 'plenary' | 'panel' | 'workshop' | 'special_event' | 'side_event' | 'exhibition' | 'break' | 'social';

export interface EventInfo {
  id: string;
  name: string;
  venue: string;
  timeZone: string;
  description: string;
  opensOn: string;
  startsOn: string;
  endsOn: string;
  followUpUntil: string;
  current: boolean;
  today: string;
  phase: Phase;
  phases: { phase: 'preparation' | 'event' | 'follow_up'; from: string; until: string }[];
}

export interface Session {
  id: string;
  eventId: string;
  code: string;
  title: string;
  theme: string | null;
  type: SessionType;
  start: string;
  end: string;
  room: string | null;
  closed: boolean;
  closedNote: string | null;
  description: string;
  speakers: { name: string; affiliation: string }[];
  inAgenda: boolean;
  permissions: { attend: boolean; update: boolean };
}

export interface Room {
  id: string;
  eventId: string;
  name: string;
  capacity: number;
  equipment: string[];
  opensAt: string;
  closesAt: string;
}

export interface Person {
  id: string;
  name: string;
  organization: { id: string; name: string };
}

export interface Meeting {
  id: string;
  event: { id: string; name: string; venue: string; timeZone: string; startsOn: string; endsOn: string };
  topic: string;
  agenda: string;
  notes: string;
  notesUpdatedAt: string | null;
  mode: 'in_person' | 'virtual';
  status: 'proposed' | 'confirmed' | 'cancelled';
  revision: number;
  proposer: Person;
  invitees: { people: Person[]; organizations: { id: string; name: string }[] };
  headCount: number;
  seats: number | null;
  notAnswered: { people: Person[]; organizations: { id: string; name: string }[] };
  posts: { id: string; title: string; kind: string }[];
  slots: { id: string; start: string; end: string; answers: { userId: string; name: string; organization: string; organizationId: string; answer: 'yes' | 'no' }[] }[];
  confirmedSlot: { id: string; start: string; end: string } | null;
  room: { id: string; name: string; capacity: number } | null;
  createdAt: string;
  updatedAt: string;
  permissions: { answer: boolean; confirm: boolean; update: boolean; cancel: boolean; writeNotes: boolean; discuss: boolean };
}

export interface AgendaItem {
  kind: 'session' | 'meeting';
  id: string;
  title: string;
  code: string | null;
  start: string;
  end: string;
  where: string | null;
  status: 'confirmed' | 'cancelled';
  event: { id: string; name: string; timeZone: string };
  clashesWith: string[];
}

export interface MeetingMessage {
  id: string;
  author: { id: string; name: string; organization: string; organizationId: string };
  body: string;
  createdAt: string;
}
