// Which phase the event is in, and what participants can do now.
import { useT } from '../i18n/i18n.js';
import type { EventInfo } from './types.js';
import { longDate } from './time-format.js';

export function PhaseBanner({ event }: { event: EventInfo }) {
  const t = useT();
  return (
    <section className="callout event-phase" aria-labelledby="event-phase-title" data-testid="phase-banner">
      <h2 className="callout-title" id="event-phase-title">
        {t(`event.phase.${event.phase}`)}
      </h2>
      <p>{t(`event.phase.${event.phase}.now`, { start: longDate(event.startsOn), end: longDate(event.endsOn), until: longDate(event.followUpUntil) })}</p>
      <ol className="event-phase__steps">
        {event.phases.map((p) => (
          <li key={p.phase} aria-current={p.phase === event.phase ? 'step' : undefined}>
            <strong>{t(`event.phaseName.${p.phase}`)}</strong> <span className="muted small">{t('event.dateRange', { from: longDate(p.from), until: longDate(p.until) })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
