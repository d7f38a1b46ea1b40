// The privacy guard in a form: when the server answers 422 /problems/personal-data-suspected, the
// form shows what looks like personal data and why, and a box to confirm it is not about a victim;
// the next send carries `confirmNoVictimData: true` and the organizers review it.
import { useCallback, useId, useState } from 'react';
import { isApiError } from '../api/client.js';
import { useT, type MessageKey } from '../i18n/i18n.js';
import type { Finding } from './types.js';

export const PERSONAL_DATA = 'personal-data-suspected';

export function findingsOf(error: unknown): Finding[] | null {
  if (!isApiError(error) || error.slug !== PERSONAL_DATA) return null;
  const raw = error.extensions['findings'];
  return Array.isArray(raw) ? (raw as Finding[]) : [];
}

export function usePrivacyGuard() {
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  /** Keeps the findings of a personal-data answer; true when it was one (the warning then says it all). */
  const capture = useCallback((error: unknown): boolean => {
    const found = findingsOf(error);
    if (found) setFindings(found);
    return found !== null;
  }, []);
  const reset = useCallback(() => {
    setFindings(null);
    setConfirmed(false);
  }, []);
  return { findings, confirmed, setConfirmed, capture, reset, extra: confirmed ? { confirmNoVictimData: true } : {} };
}

/** `label` names a field the catalogue does not (e.g. a self-assessment note by its measure). */
export function PrivacyWarning({ guard, label }: { guard: ReturnType<typeof usePrivacyGuard>; label?: (field: string) => string | null }) {
  const t = useT();
  const id = useId();
  if (!guard.findings) return null;
  const fieldLabel = (field: string) => {
    const own = label?.(field);
    if (own) return own;
    const key = `privacy.field.${field}` as MessageKey;
    return t(key) === key ? field : t(key);
  };
  return (
    <div className="callout callout--warning privacy-warning" role="alert" aria-labelledby={`${id}-title`}>
      <p className="callout-title" id={`${id}-title`}>
        {t('privacy.title')}
      </p>
      <p>{t('privacy.intro')}</p>
      <ul>
        {guard.findings.map((f, i) => (
          <li key={i}>{t('privacy.finding', { field: fieldLabel(f.field), text: f.text.length > 80 ? `${f.text.slice(0, 80)}…` : f.text, reason: f.reason })}</li>
        ))}
      </ul>
      <p>{t('privacy.advice')}</p>
      <div className="checkbox">
        <input type="checkbox" id={`${id}-confirm`} checked={guard.confirmed} onChange={(event) => guard.setConfirmed(event.target.checked)} />
        <label htmlFor={`${id}-confirm`}>{t('privacy.confirm')}</label>
      </div>
    </div>
  );
}
