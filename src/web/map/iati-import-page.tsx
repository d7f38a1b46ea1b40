// /organizer/iati: organizers load an IATI activities file for an organization. "Check the file"
// asks the server what would happen (dryRun) without saving; "Import" saves. Schema errors and
// the elements not imported are listed as the server states them.
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { currentCsrfToken } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { compareText, useT, type MessageKey } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';

interface ImportResult {
  dryRun: boolean;
  organization: { id: string; name: string };
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  activities: { iatiIdentifier: string; title: string; action: string; postId: string | null; reason: string | null; notImported: { element: string; detail: string }[] }[];
}
interface Refusal {
  title: string;
  detail: string;
  schemaErrors?: { line: number | null; message: string }[];
}

export function IatiImportPage() {
  const t = useT();
  const organizations = useResource<{ items: { id: string; name: string; status: string }[] }>('/api/v1/organizations');
  const [organizationId, setOrganizationId] = useState('');
  const [audience, setAudience] = useState<'all' | 'full'>('all');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  async function send(dryRun: boolean) {
    if (busy) return;
    if (!organizationId) return setRefusal({ title: t('iati.chooseOrganization'), detail: '' });
    if (!file) return setRefusal({ title: t('iati.chooseFile'), detail: '' });
    setBusy(true);
    setRefusal(null);
    try {
      const response = await fetch(`/api/v1/iati/imports?${new URLSearchParams({ organizationId, audience, dryRun: String(dryRun) }).toString()}`, {
        method: 'POST',
        headers: { 'content-type': 'application/xml', accept: 'application/json, application/problem+json', 'x-csrf-token': currentCsrfToken() ?? '' },
        body: await file.text(),
        credentials: 'same-origin',
      });
      const body = (await response.json().catch(() => ({ title: t('error.server.title'), detail: t('error.server.detail') }))) as ImportResult & Refusal;
      if (response.ok) setResult(body);
      else {
        setResult(null);
        setRefusal(body);
      }
    } catch {
      setRefusal({ title: t('error.network.title'), detail: t('error.network.detail') });
    } finally {
      setBusy(false);
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };

  return (
    <Page title={t('iati.title')} width="narrow">
      <p>{t('iati.intro')}</p>
      <p>
        {t('iati.exports')} <a href="/api/v1/iati/activities.xml" download>{t('iati.exportActivities')}</a> · <a href="/api/v1/iati/organisation.xml" download>{t('iati.exportOrganisations')}</a>
      </p>
      {organizations.status === 'loading' && <Loading />}
      {organizations.status === 'error' && <LoadError error={organizations.error} retry={organizations.reload} />}
      {organizations.status === 'ready' && (
        <form onSubmit={submit} className="form">
          <div className="field">
            <label htmlFor="iati-organization">{t('iati.organization')}</label>
            <select id="iati-organization" value={organizationId} onChange={(event) => setOrganizationId(event.target.value)} required>
              <option value="">{t('common.choose')}</option>
              {organizations.data.items
                .filter((o) => o.status === 'active')
                .sort((a, b) => compareText(a.name, b.name))
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="iati-audience">{t('iati.audience')}</label>
            <select id="iati-audience" value={audience} onChange={(event) => setAudience(event.target.value as 'all' | 'full')}>
              <option value="all">{t('audience.all')}</option>
              <option value="full">{t('audience.full')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="iati-file">{t('iati.file')}</label>
            <input id="iati-file" type="file" accept=".xml,application/xml,text/xml" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
          </div>
          <div className="form-actions">
            <button type="button" className="button button--secondary" onClick={() => void send(true)} aria-disabled={busy || undefined}>
              {t('iati.preview')}
            </button>
            <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
              {t('iati.import')}
            </button>
            <span className="form-actions__status" role="status">
              {busy ? t('common.loading') : ''}
            </span>
          </div>
        </form>
      )}
      {refusal && (
        <div className="callout callout--error" role="alert">
          <p className="callout-title">{refusal.schemaErrors ? t('iati.invalid') : refusal.title}</p>
          {refusal.detail && <p>{refusal.detail}</p>}
          {refusal.schemaErrors && (
            <ul>
              {refusal.schemaErrors.map((e, i) => (
                <li key={i}>
                  {e.line !== null && `${t('iati.line', { line: e.line })}: `}
                  {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {result && (
        <section aria-labelledby="iati-result" className="card">
          <h2 id="iati-result">{result.dryRun ? t('iati.result.dryRun') : t('iati.result.done')}</h2>
          <p role="status">{t('iati.result.counts', { created: result.created, updated: result.updated, unchanged: result.unchanged, skipped: result.skipped })}</p>
          <ul>
            {result.activities.map((a) => (
              <li key={`${a.iatiIdentifier}-${a.action}`}>
                <strong>{a.postId && !result.dryRun ? <Link href={`/posts/${a.postId}`}>{a.title || a.iatiIdentifier}</Link> : a.title || a.iatiIdentifier}</strong> <span className="muted">({a.iatiIdentifier}: {t(`iati.action.${a.action}` as MessageKey)})</span>
                {a.reason && <p>{a.reason}</p>}
                {a.notImported.length > 0 && (
                  <details>
                    <summary>{t('iati.notImported', { count: a.notImported.length })}</summary>
                    <ul>
                      {a.notImported.map((n, i) => (
                        <li key={i}>
                          <code>{n.element}</code>: {n.detail}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
