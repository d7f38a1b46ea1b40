// The iCalendar writer (RFC 5545) and the venue-time helpers, without the app.
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsUtc, writeCalendar } from './ics.js';
import { addDays, partsIn, zonedToUtc } from './time.js';
import { markClashes } from './agenda-routes.js';

/** Undoes folding (RFC 5545 3.1): a CRLF followed by one space or tab is removed. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('RFC 5545 text', () => {
  it('escapes backslash, semicolon, comma and newlines in TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('writes UTC date-times in the Z form', () => {
    expect(icsUtc(new Date('2008-02-13T08:30:00.000Z'))).toBe('20080213T083000Z');
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character, and unfolds to the original', () => {
    const line = `SUMMARY:${'Prévention – ü€ '.repeat(20)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const [i, part] of parts.entries()) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
      // No replacement characters: every chunk is valid UTF-8 on its own.
      expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
    }
    expect(unfold(folded)).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('writes a calendar with CRLF line ends, the required properties and one VEVENT per entry', () => {
    const text = writeCalendar({
      name: 'Test, calendar',
      stamp: new Date('2026-11-23T12:00:00Z'),
      events: [
        { uid: 'a@x', start: new Date('2008-02-13T08:30:00Z'), end: new Date('2008-02-13T11:30:00Z'), summary: '001: Opening; session', description: 'Line one\nLine two', location: 'Austria Center Vienna', status: 'CONFIRMED' },
        { uid: 'b@x', start: new Date('2008-02-14T08:00:00Z'), end: new Date('2008-02-14T09:00:00Z'), summary: 'Second', status: 'CANCELLED', sequence: 3 },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(text).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    expect(lines).toContain('X-WR-CALNAME:Test\\, calendar');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(2);
    expect(lines.filter((l) => l === 'DTSTAMP:20261123T120000Z')).toHaveLength(2);
    expect(lines).toContain('DTSTART:20080213T083000Z');
    expect(lines).toContain('SUMMARY:001: Opening\\; session');
    expect(lines).toContain('DESCRIPTION:Line one\\nLine two');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SEQUENCE:3');
    // Every content line is NAME[;params]:value.
    for (const l of lines) expect(l).toMatch(/^[A-Z][A-Z0-9-]*(;[^:]+)?:/);
  });
});

describe('venue time', () => {
  it('turns Vienna wall-clock times into UTC, in winter and in summer time', () => {
    expect(zonedToUtc('2008-02-13', '09:30', 'Europe/Vienna').toISOString()).toBe('2008-02-13T08:30:00.000Z');
    expect(zonedToUtc('2026-07-01', '09:30', 'Europe/Vienna').toISOString()).toBe('2026-07-01T07:30:00.000Z');
    // The night clocks go forward (29 March 2026, 02:00 → 03:00).
    expect(zonedToUtc('2026-03-29', '12:00', 'Europe/Vienna').toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(zonedToUtc('2026-03-28', '12:00', 'Europe/Vienna').toISOString()).toBe('2026-03-28T11:00:00.000Z');
    expect(zonedToUtc('2008-02-13', '09:30', 'America/New_York').toISOString()).toBe('2008-02-13T14:30:00.000Z');
  });

  it('reads an instant back as venue date and time', () => {
    expect(partsIn(new Date('2008-02-13T23:30:00Z'), 'Europe/Vienna')).toMatchObject({ date: '2008-02-14', time: '00:30' });
    expect(addDays('2008-02-28', 2)).toBe('2008-03-01');
  });
});

describe('clashes', () => {
  const item = (id: string, start: string, end: string, status = 'confirmed') => ({ id, start, end, status, clashesWith: [] as string[] });
  it('marks overlapping items, not ones that only touch, and ignores cancelled ones', () => {
    const items = markClashes([
      item('a', '2008-02-14T10:00:00.000Z', '2008-02-14T11:30:00.000Z'),
      item('b', '2008-02-14T11:00:00.000Z', '2008-02-14T12:00:00.000Z'),
      item('c', '2008-02-14T12:00:00.000Z', '2008-02-14T13:00:00.000Z'),
      item('d', '2008-02-14T09:00:00.000Z', '2008-02-14T16:00:00.000Z', 'cancelled'),
      item('e', '2008-02-14T08:00:00.000Z', '2008-02-14T18:00:00.000Z'),
    ]);
    const by = Object.fromEntries(items.map((i) => [i.id, [...i.clashesWith].sort()]));
    expect(by).toEqual({ a: ['b', 'e'], b: ['a', 'e'], c: ['e'], d: [], e: ['a', 'b', 'c'] });
  });
});
