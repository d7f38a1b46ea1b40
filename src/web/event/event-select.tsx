// Choosing among events (the current one first); the choice lives in the address (?event=).
import { useId } from 'react';
import { useT } from '../i18n/i18n.js';
import type { EventInfo } from './types.js';

export function EventSelect({ events, value, onChange }: { events: EventInfo[]; value: string; onChange: (id: string) => void }) {
  const t = useT();
  const id = useId();
  if (events.length < 2) return null;
  return (
    <div className="field event-select">
      <div className="field__label">
        <label htmlFor={id}>{t('event.choose')}</label>
      </div>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {events.map((e) => (
          <option key={e.id} value={e.id}>
            {e.current ? t('event.currentOption', { name: e.name }) : e.name}
          </option>
        ))}
      </select>
    </div>
  );
}
