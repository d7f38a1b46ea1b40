// The proposed times of a meeting: day (an event day in person, any day virtually), from and to,
// in the venue's time zone; one to ten of them. Used to propose a meeting and to change its times.
import { useT } from '../i18n/i18n.js';
import { datesBetween, longDate, zonedToIso } from './time-format.js';

export interface SlotInput {
  key: number;
  date: string;
  start: string;
  end: string;
}

interface EventDates {
  startsOn: string;
  endsOn: string;
  timeZone: string;
}

let slotKeys = 1;
export const initialSlots: SlotInput[] = [{ key: 0, date: '', start: '10:00', end: '11:00' }];

const dayOf = (s: SlotInput, event: EventDates) => s.date || event.startsOn;

/** The slots as the API takes them: instants in UTC. */
export const slotsToIso = (slots: SlotInput[], event: EventDates) =>
  slots.map((s) => ({ start: zonedToIso(dayOf(s, event), s.start, event.timeZone), end: zonedToIso(dayOf(s, event), s.end, event.timeZone) }));

export function SlotsEditor({ slots, onChange, mode, event, errors, idPrefix = '' }: { slots: SlotInput[]; onChange: (next: SlotInput[]) => void; mode: 'in_person' | 'virtual'; event: EventDates; errors: Record<string, string>; idPrefix?: string }) {
  const t = useT();
  const eventDays = datesBetween(event.startsOn, event.endsOn);
  const slotError = (i: number, part: 'start' | 'end') => errors[`slots.${i}.${part}`];
  return (
        <fieldset className="field slots event-fieldset">
          <legend>{t('propose.slots')}</legend>
          <p className="field__hint">{t('propose.slotsHint', { zone: event.timeZone })}</p>
          {slots.map((s, i) => (
            <div className="slot-row" key={s.key} role="group" aria-label={t('propose.slotN', { n: i + 1 })}>
              <div className="field">
                <div className="field__label">
                  <label htmlFor={`${idPrefix}slot-${i}-date`}>{t('propose.date', { n: i + 1 })}</label>
                </div>
                {mode === 'in_person' ? (
                  <select id={`${idPrefix}slot-${i}-date`} value={dayOf(s, event)} onChange={(e) => onChange(slots.map((x) => (x.key === s.key ? { ...x, date: e.target.value } : x)))}>
                    {eventDays.map((d) => (
                      <option key={d} value={d}>
                        {longDate(d)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input id={`${idPrefix}slot-${i}-date`} type="date" value={dayOf(s, event)} onChange={(e) => onChange(slots.map((x) => (x.key === s.key ? { ...x, date: e.target.value } : x)))} />
                )}
              </div>
              {(['start', 'end'] as const).map((part) => (
                <div className={slotError(i, part) ? 'field field--error' : 'field'} key={part}>
                  <div className="field__label">
                    <label htmlFor={`${idPrefix}slot-${i}-${part}`}>{t(part === 'start' ? 'propose.from' : 'propose.to', { n: i + 1 })}</label>
                  </div>
                  {slotError(i, part) && (
                    <p className="field__error" id={`${idPrefix}slot-${i}-${part}-error`}>
                      {slotError(i, part)}
                    </p>
                  )}
                  <input
                    id={`${idPrefix}slot-${i}-${part}`}
                    type="time"
                    value={s[part]}
                    aria-describedby={slotError(i, part) ? `${idPrefix}slot-${i}-${part}-error` : undefined}
                    onChange={(e) => onChange(slots.map((x) => (x.key === s.key ? { ...x, [part]: e.target.value } : x)))}
                  />
                </div>
              ))}
              {slots.length > 1 && (
                <button type="button" className="link-button" onClick={() => onChange(slots.filter((x) => x.key !== s.key))}>
                  {t('propose.removeSlot', { n: i + 1 })}
                </button>
              )}
            </div>
          ))}
          {slots.length < 10 && (
            <button type="button" className="button button--secondary button--small" onClick={() => onChange([...slots, { key: slotKeys++, date: '', start: '14:00', end: '15:00' }])}>
              {t('propose.addSlot')}
            </button>
          )}
        </fieldset>
  );
}
