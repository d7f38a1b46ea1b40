// Every task of the organizers, in one list: the console page and the organizers' home page show it.
import type { MessageKey } from '../i18n/i18n.js';

export interface ConsoleTask {
  href: string;
  title: MessageKey;
  description: MessageKey;
}

export const CONSOLE_TASKS: readonly ConsoleTask[] = [
  { href: '/organizer/moderation', title: 'console.moderation', description: 'console.moderation.description' },
  { href: '/organizer/applications', title: 'console.applications', description: 'console.applications.description' },
  { href: '/organizer/organizations', title: 'console.organizations', description: 'console.organizations.description' },
  { href: '/organizer/hidden', title: 'console.hidden', description: 'console.hidden.description' },
  { href: '/organizer/overlaps', title: 'console.overlaps', description: 'console.overlaps.description' },
  { href: '/organizer/event', title: 'console.event', description: 'console.event.description' },
  { href: '/organizer/sessions', title: 'sessions.title', description: 'console.sessions.description' },
  { href: '/organizer/rooms', title: 'console.rooms', description: 'console.rooms.description' },
  { href: '/organizer/audit', title: 'console.audit', description: 'console.audit.description' },
  { href: '/organizer/iati', title: 'iati.nav', description: 'iati.console.description' },
  { href: '/organizer/deletions', title: 'console.deletions', description: 'console.deletions.description' },
];
