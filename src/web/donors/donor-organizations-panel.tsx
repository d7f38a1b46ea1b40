// The organizers' control of the donor flag: which organizations are flagged as donors (and may
// therefore mark interest and pledge even outside the full tier), flagging one, and removing it.
// Every change is audited on the server.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { isApiError, request } from '../api/client.js';
import type { ItemList, Organization } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { compareText, formatDate, useT } from '../i18n/i18n.js';
import { LoadError, Loading } from '../layout/page.js';
import type { DonorOrganization } from './types.js';

export function DonorOrganizationsPanel() {
  const t = useT();
  const selectId = useId();
  const donors = useResource<ItemList<DonorOrganization>>('/api/v1/donor-organizations');
  const organizations = useResource<ItemList<Organization>>('/api/v1/organizations');
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const flagged = useMemo(() => new Set((donors.data?.items ?? []).map((d) => d.id)), [donors.data]);
  const candidates = useMemo(() => (organizations.data?.items ?? []).filter((o) => !flagged.has(o.id)).sort((a, b) => compareText(a.name, b.name)), [organizations.data, flagged]);

  async function setFlag(id: string, name: string, donor: boolean) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      await request('PUT', `/api/v1/organizations/${encodeURIComponent(id)}/donor`, { donor });
      donors.reload();
      setChoice('');
      setMessage(t(donor ? 'donorFlag.flagged' : 'donorFlag.unflagged', { organization: name }));
    } catch (caught) {
      setError(isApiError(caught) ? caught.detail || caught.title : String(caught));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const org = candidates.find((o) => o.id === choice);
    if (!org) {
      setError(t('donorFlag.chooseFirst'));
      document.getElementById(selectId)?.focus();
      return;
    }
    void setFlag(org.id, org.name, true);
  }

  return (
    <section className="panel donor-orgs" aria-labelledby="donor-orgs-heading">
      <h2 id="donor-orgs-heading">{t('donorFlag.heading')}</h2>
      <p className="muted">{t('donorFlag.intro')}</p>
      {donors.status === 'loading' && <Loading />}
      {donors.status === 'error' && <LoadError error={donors.error} retry={donors.reload} />}
      {donors.status === 'ready' &&
        (donors.data.items.length === 0 ? (
          <p className="empty">{t('donorFlag.none')}</p>
        ) : (
          <ul className="donor-orgs__list">
            {donors.data.items.map((d) => (
              <li key={d.id}>
                <span>
                  {d.name} <span className="muted small">{t('donorFlag.since', { date: formatDate(d.flaggedAt), name: d.flaggedBy.name })}</span>
                </span>{' '}
                <button type="button" className="button button--small button--secondary" onClick={() => void setFlag(d.id, d.name, false)} aria-disabled={busy || undefined} aria-label={t('donorFlag.removeLabel', { organization: d.name })}>
                  {t('donorFlag.remove')}
                </button>
              </li>
            ))}
          </ul>
        ))}
      <form className="inline-form" onSubmit={submit} aria-label={t('donorFlag.formLabel')}>
        <div className="field">
          <div className="field__label">
            <label htmlFor={selectId}>{t('donorFlag.organization')}</label>
          </div>
          <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value)} aria-invalid={error ? true : undefined}>
            <option value="">{t('common.choose')}</option>
            {candidates.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
          {t('donorFlag.add')}
        </button>
      </form>
      <p role="status" className="form-actions__status">
        {busy ? t('common.sending') : message}
      </p>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
