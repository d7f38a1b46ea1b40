// A room's day as free and booked periods (the rooms page), apart so it can be tested without a page.
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export type Period<B> = { from: number; until: number; bookings: B[] };

/**
 * A room's opening hours cut into free and booked periods, in minutes of the venue's day.
 * Overlapping bookings share one period; parts of bookings outside the opening hours are left out.
 */
export function roomPeriods<B extends { startMin: number; endMin: number }>(opensAt: string, closesAt: string, bookings: B[]): Array<Period<B>> {
  const open = minutes(opensAt);
  const close = minutes(closesAt);
  const sorted = bookings
    .map((b) => ({ ...b, startMin: Math.max(b.startMin, open), endMin: Math.min(b.endMin, close) }))
    .filter((b) => b.endMin > b.startMin)
    .sort((a, b) => a.startMin - b.startMin);
  const periods: Array<Period<B>> = [];
  let at = open;
  for (const b of sorted) {
    const last = periods[periods.length - 1];
    if (last && last.bookings.length && b.startMin < last.until) {
      last.until = Math.max(last.until, b.endMin);
      last.bookings.push(b);
      at = last.until;
      continue;
    }
    if (b.startMin > at) periods.push({ from: at, until: b.startMin, bookings: [] });
    periods.push({ from: b.startMin, until: b.endMin, bookings: [b] });
    at = b.endMin;
  }
  if (at < close) periods.push({ from: at, until: close, bookings: [] });
  return periods;
}
