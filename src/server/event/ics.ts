// A small iCalendar (RFC 5545) writer: just what the Forum's calendars need, written out by hand
// rather than pulled in as a dependency. Times are written in UTC ("Z" form, RFC 5545 3.3.5
// FORM #2), which every calendar shows in its user's own time zone, so no VTIMEZONE is needed;
// the venue's time zone is named in the description for people who read the file.
// Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character (3.1);
// text values escape backslash, semicolon, comma and newlines (3.3.11).

export interface IcsEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  /** RFC 5545 3.8.1.11: TENTATIVE, CONFIRMED or CANCELLED. */
  status?: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  /** Bumped on every change, so calendars replace their copy (3.8.7.4). */
  sequence?: number;
  lastModified?: Date;
  categories?: string[];
}

export interface IcsCalendar {
  name: string;
  events: IcsEvent[];
  /** When the file was produced (DTSTAMP of each event); defaults to now. */
  stamp?: Date;
}

export const ICS_PRODID = '-//UNODC UN.GIFT//Virtual Forum//EN';

/** 19970714T173000Z */
export function icsUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Escapes a TEXT value (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line into chunks of at most 75 octets, continuation lines starting with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets; continuations 74 plus their leading space.
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

function eventLines(event: IcsEvent, stamp: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${icsUtc(stamp)}`,
    `DTSTART:${icsUtc(event.start)}`,
    `DTEND:${icsUtc(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(',')}`);
  if (event.status) lines.push(`STATUS:${event.status}`);
  if (event.sequence !== undefined) lines.push(`SEQUENCE:${event.sequence}`);
  if (event.lastModified) lines.push(`LAST-MODIFIED:${icsUtc(event.lastModified)}`);
  lines.push('END:VEVENT');
  return lines;
}

/** The whole VCALENDAR as a string, CRLF line ends, folded. */
export function writeCalendar(calendar: IcsCalendar): string {
  const stamp = calendar.stamp ?? new Date();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICS_PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    ...calendar.events.flatMap((e) => eventLines(e, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** A file name safe for Content-Disposition. */
export const icsFileName = (base: string): string => `${base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'calendar'}.ics`;
