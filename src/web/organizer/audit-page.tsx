// The audit log for organizers: who did what, when, from where. Newest first, paged by cursor.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useLocation, useSearch } from 'wouter';
import { api, isApiError, type ApiError } from '../api/client.js';
import type { AuditEvent, AuditPage as AuditPageData } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';

const BASE = '/organizer/audit';

/** A table cell; on narrow screens it shows its column's label, and an empty one is left out. */
function Cell({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === false || children === '';
  return (
    <td role="cell" data-label={label} className={empty ? 'cell--empty' : undefined}>
      {!empty && <div>{children}</div>}
    </td>
  );
}

const hasDetails = (details: unknown) =>
  details !== null && details !== undefined && !(typeof details === 'object' && !Array.isArray(details) && Object.keys(details).length === 0);

/** Details as `key: value` lines; nested values stay compact JSON. */
function Details({ details }: { details: unknown }) {
  if (details === null || details === undefined) return null;
  if (typeof details !== 'object' || Array.isArray(details)) return <code className="details-code">{JSON.stringify(details)}</code>;
  const entries = Object.entries(details as Record<string, unknown>);
  if (entries.length === 0) return null;
  return (
    <ul className="key-values">
      {entries.map(([key, value]) => (
        <li key={key}>
          <span className="muted">{key}:</span> <code className="details-code">{typeof value === 'string' ? value : JSON.stringify(value)}</code>
        </li>
      ))}
    </ul>
  );
}

export function AuditPage() {
  const t = useT();
  const [, navigate] = useLocation();
  const action = new URLSearchParams(useSearch()).get('action')?.trim() ?? '';
  const [draft, setDraft] = useState(action);
  const first = useResource<AuditPageData>(`/api/v1/audit?${new URLSearchParams(action ? { action } : {}).toString()}`);
  // Older pages, appended below the first; cleared whenever the first page is loaded again.
  const [more, setMore] = useState<{ forAction: string; items: AuditEvent[]; nextCursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);

  const extra = more && more.forAction === action && first.status === 'ready' ? more : null;
  const events = first.status === 'ready' ? [...first.data.items, ...(extra?.items ?? [])] : [];
  const nextCursor = extra ? extra.nextCursor : first.status === 'ready' ? first.data.nextCursor : null;

  function filter(event: FormEvent) {
    event.preventDefault();
    const value = draft.trim();
    setMore(null);
    navigate(value ? `${BASE}?action=${encodeURIComponent(value)}` : BASE);
  }

  async function loadMore() {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const params = new URLSearchParams({ cursor: nextCursor, ...(action ? { action } : {}) });
      const page = await api.get<AuditPageData>(`/api/v1/audit?${params.toString()}`);
      setMore({ forAction: action, items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor });
    } catch (error) {
      if (isApiError(error)) setMoreError(error);
      else throw error;
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <Page title={t('audit.title')}>
      <p className="lead">{t('audit.intro')}</p>
      <form className="inline-form" role="search" onSubmit={filter} aria-label={t('audit.filter.label')}>
        <div className="field">
          <div className="field__label">
            <label htmlFor="audit-action">{t('audit.filter.action')}</label>
          </div>
          <p className="field__hint" id="audit-action-hint">
            {t('audit.filter.hint')}
          </p>
          <input id="audit-action" name="action" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} aria-describedby="audit-action-hint" spellCheck={false} autoComplete="off" />
        </div>
        <button type="submit" className="button button--secondary">
          {t('audit.filter.submit')}
        </button>
      </form>

      {first.status === 'loading' && <Loading />}
      {first.status === 'error' && <LoadError error={first.error} retry={first.reload} />}
      {first.status === 'ready' &&
        (events.length === 0 ? (
          <p className="empty">{action ? t('audit.emptyFiltered', { action }) : t('audit.empty')}</p>
        ) : (
          <>
            <div className="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
              <table className="table table--stack" role="table">
                <caption id="audit-caption">{action ? t('audit.captionFiltered', { action, count: events.length }) : t('audit.caption', { count: events.length })}</caption>
                <thead role="rowgroup">
                  <tr role="row">
                    <th scope="col" role="columnheader">{t('audit.col.when')}</th>
                    <th scope="col" role="columnheader">{t('audit.col.who')}</th>
                    <th scope="col" role="columnheader">{t('audit.col.action')}</th>
                    <th scope="col" role="columnheader">{t('audit.col.target')}</th>
                    <th scope="col" role="columnheader">{t('audit.col.ip')}</th>
                    <th scope="col" role="columnheader">{t('audit.col.details')}</th>
                  </tr>
                </thead>
                <tbody role="rowgroup">
                  {events.map((event) => (
                    <tr key={event.id} role="row">
                      <Cell label={t('audit.col.when')}>
                        <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                      </Cell>
                      <Cell label={t('audit.col.who')}>
                        {event.actor ? (
                          <>
                            {event.actor.name}
                            <br />
                            <span className="muted small">{event.actor.email}</span>
                          </>
                        ) : (
                          <span className="muted">{t('audit.noActor')}</span>
                        )}
                      </Cell>
                      <Cell label={t('audit.col.action')}>
                        <code>{event.action}</code>
                      </Cell>
                      <Cell label={t('audit.col.target')}>
                        {event.targetType ? (
                          <>
                            {event.targetType}
                            {event.targetId && (
                              <>
                                <br />
                                <code className="muted small id">{event.targetId}</code>
                              </>
                            )}
                          </>
                        ) : null}
                      </Cell>
                      <Cell label={t('audit.col.ip')}>{event.ip || null}</Cell>
                      <Cell label={t('audit.col.details')}>{hasDetails(event.details) ? <Details details={event.details} /> : null}</Cell>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {moreError && <LoadError error={moreError} />}
            {nextCursor && (
              <p>
                <button type="button" className="button button--secondary" onClick={() => void loadMore()} aria-disabled={loadingMore || undefined}>
                  {t('audit.more')}
                </button>
                <span role="status" className="form-actions__status">
                  {loadingMore ? t('common.loading') : ''}
                </span>
              </p>
            )}
          </>
        ))}
    </Page>
  );
}
