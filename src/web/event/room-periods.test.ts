// The room list's periods: exact opening times (the 08:30 bug) and bookings cut in between.
import { describe, expect, it } from 'vitest';
import { roomPeriods } from './room-periods.js';

const booking = (id: string, startMin: number, endMin: number) => ({ meetingId: id, topic: id, start: '', end: '', startMin, endMin });
const span = (p: { from: number; until: number; bookings: unknown[] }) => [p.from / 60, p.until / 60, p.bookings.length];

describe('roomPeriods', () => {
  it('starts a room that opens at 08:30 at 08:30, not 08:00', () => {
    expect(roomPeriods('08:30', '18:00', []).map(span)).toEqual([[8.5, 18, 0]]);
  });

  it('cuts free periods around bookings and joins overlapping ones', () => {
    const periods = roomPeriods('08:30', '18:00', [booking('b', 11 * 60, 12 * 60), booking('a', 10 * 60, 11 * 60 + 30), booking('c', 17 * 60, 19 * 60)]);
    expect(periods.map(span)).toEqual([
      [8.5, 10, 0],
      [10, 12, 2],
      [12, 17, 0],
      [17, 18, 1],
    ]);
  });
});
