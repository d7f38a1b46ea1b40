// The audit log for organizers: each event as a sentence naming who did what to what, with links;
// filtered by person, organization, kind and dates (the filters live in the URL, so a filtered
// view can be shared and reloaded), newest first, paged by cursor, and downloadable as CSV.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { AUDIT_KINDS, AUDIT_KIND_LABELS, auditDetailText, NO_ACTOR, sentenceOf, sentenceParts } from '../../shared/audit.js';
import { api, isApiError, type ApiError } from '../api/client.js';
import type { AuditChoices, AuditEvent, AuditPage as AuditPageData, AuditRef } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';

const BASE = '/organizer/audit';
const FILTERS = ['actor', 'organization', 'kind', 'from', 'to', 'action'] as const;
type FilterName = (typeof FILTERS)[number];
type Filters = Record<FilterName, string>;

const readFilters = (search: string): Filters => {
  const params = new URLSearchParams(search);
  return Object.fromEntries(FILTERS.map((name) => [name, params.get(name)?.trim() ?? ''])) as Filters;
};
const queryOf = (filters: Filters): URLSearchParams => new URLSearchParams(FILTERS.filter((name) => filters[name]).map((name) => [name, filters[name]]));

/** A table cell; on narrow screens it shows its column's label, and an empty one is left out. */
function Cell({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === false || children === '';
  return (
    <td role="cell" data-label={label} className={empty ? 'cell--empty' : undefined}>
      {!empty && <div>{children}</div>}
    </td>
  );
}

function RefLink({ to }: { to: AuditRef | null }) {
  if (!to) return <span className="muted">(no longer on the Forum)</span>;
  return to.url ? <Link href={to.url}>{to.name}</Link> : <>{to.name}</>;
}

/** The event's sentence from the shared table, with the person, and what was touched, as links. */
function Sentence({ event }: { event: AuditEvent }) {
  const parts = sentenceParts(sentenceOf(event.action, event.target !== null));
  return (
    <>
      {parts.map((part, i) => {
        if ('text' in part) return <span key={i}>{part.text}</span>;
        if ('detail' in part) return <strong key={i}>{auditDetailText(event.details, part.detail)}</strong>;
        if (part.slot === 'actor') {
          const actor = event.actor;
          if (!actor) return <span key={i}>{NO_ACTOR}</span>;
          return (
            <span key={i}>
              <Link href={`${BASE}?actor=${actor.id}`}>{actor.name}</Link>
              {actor.organization && (
                <>
                  {' ('}
                  <Link href={`/organizations/${actor.organization.id}`}>{actor.organization.name}</Link>
                  {')'}
                </>
              )}
            </span>
          );
        }
        return <RefLink key={i} to={event[part.slot]} />;
      })}
    </>
  );
}

/** Details that the sentence does not already say, as "key: value" lines. */
const SAID = new Set(['postA', 'postB', 'organizationId', 'email', 'threshold']);
function Details({ event }: { event: AuditEvent }) {
  const t = useT();
  const entries = Object.entries(event.details).filter(([key]) => !SAID.has(key));
  return (
    <ul className="key-values">
      {entries.map(([key, value]) => (
        <li key={key}>
          <span className="muted">{key}:</span> {typeof value === 'string' ? value : <code className="details-code">{JSON.stringify(value)}</code>}
        </li>
      ))}
      <li className="muted small">
        {t('audit.code')} <code>{event.action}</code>
      </li>
    </ul>
  );
}

export function AuditPage() {
  const t = useT();
  const [, navigate] = useLocation();
  const search = useSearch();
  const current = readFilters(search);
  const query = queryOf(current).toString();
  const [draft, setDraft] = useState<Filters>(current);
  const [draftFor, setDraftFor] = useState(query);
  // Back and forward change the URL: the form follows it.
  if (draftFor !== query) {
    setDraftFor(query);
    setDraft(current);
  }
  const first = useResource<AuditPageData>(`/api/v1/audit${query ? `?${query}` : ''}`);
  const choices = useResource<AuditChoices>('/api/v1/audit/choices');
  // Older pages, appended below the first; cleared whenever the first page is loaded again.
  const [more, setMore] = useState<{ forQuery: string; items: AuditEvent[]; nextCursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);

  const extra = more && more.forQuery === query && first.status === 'ready' ? more : null;
  const events = first.status === 'ready' ? [...first.data.items, ...(extra?.items ?? [])] : [];
  const nextCursor = extra ? extra.nextCursor : first.status === 'ready' ? first.data.nextCursor : null;
  const filtered = query !== '';
  // A refused filter (a bad date, a start after the end) is shown on its field.
  const fieldErrors = first.status === 'error' && first.error.status === 400 ? first.error.fieldErrors : {};

  function apply(event: FormEvent) {
    event.preventDefault();
    setMore(null);
    const next = queryOf(Object.fromEntries(FILTERS.map((name) => [name, draft[name].trim()])) as Filters).toString();
    navigate(next ? `${BASE}?${next}` : BASE);
  }

  async function loadMore() {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const params = queryOf(current);
      params.set('cursor', nextCursor);
      const page = await api.get<AuditPageData>(`/api/v1/audit?${params.toString()}`);
      setMore({ forQuery: query, items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor });
    } catch (error) {
      if (isApiError(error)) setMoreError(error);
      else throw error;
    } finally {
      setLoadingMore(false);
    }
  }

  const people = choices.status === 'ready' ? choices.data.people : [];
  const organizations = choices.status === 'ready' ? choices.data.organizations : [];
  // The kinds are the shared table's: the select is complete before the people and organizations arrive.
  const kinds = AUDIT_KINDS.map((code) => ({ code, label: AUDIT_KIND_LABELS[code] }));
  const bind = (name: FilterName) => ({
    id: `audit-${name}`,
    name,
    value: draft[name],
    'aria-invalid': fieldErrors[name] ? true : undefined,
    'aria-describedby': fieldErrors[name] ? `audit-${name}-error` : undefined,
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: e.target.value })),
  });
  const label = (name: FilterName) => t(`audit.filter.${name}`);
  const field = (name: FilterName, control: ReactNode) => (
    <div className={fieldErrors[name] ? 'field field--error' : 'field'} key={name}>
      <div className="field__label">
        <label htmlFor={`audit-${name}`}>{label(name)}</label>
      </div>
      {fieldErrors[name] && (
        <p id={`audit-${name}-error`} className="field__error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>“{label(name)}” {fieldErrors[name]}
        </p>
      )}
      {control}
    </div>
  );
  // A person or organization named in the URL but not (or not yet) among the choices stays selectable.
  const withCurrent = <T extends { id: string; name: string }>(list: T[], id: string, fallback: T): T[] => (id && !list.some((x) => x.id === id) ? [fallback, ...list] : list);

  return (
    <Page title={t('audit.title')}>
      <p className="lead">{t('audit.intro')}</p>
      <form className="filters audit-filters" role="search" onSubmit={apply} aria-label={t('audit.filter.label')}>
        {field(
          'actor',
          <select {...bind('actor')}>
            <option value="">{t('audit.filter.anyone')}</option>
            {withCurrent(people, draft.actor, { id: draft.actor, name: t('audit.filter.chosen'), organization: '' }).map((p) => (
              <option key={p.id} value={p.id}>
                {p.organization ? `${p.name} (${p.organization})` : p.name}
              </option>
            ))}
          </select>,
        )}
        {field(
          'organization',
          <select {...bind('organization')}>
            <option value="">{t('audit.filter.anyOrganization')}</option>
            {withCurrent(organizations, draft.organization, { id: draft.organization, name: t('audit.filter.chosen') }).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>,
        )}
        {field(
          'kind',
          <select {...bind('kind')}>
            <option value="">{t('audit.filter.anyKind')}</option>
            {kinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>,
        )}
        {field('from', <input type="date" {...bind('from')} />)}
        {field('to', <input type="date" {...bind('to')} />)}
        <div className="audit-filters__actions">
          <button type="submit" className="button button--primary">
            {t('audit.filter.submit')}
          </button>
          {filtered && (
            <Link href={BASE} className="button button--secondary" onClick={() => setMore(null)}>
              {t('audit.filter.clear')}
            </Link>
          )}
          {first.status !== 'error' && (
            <a className="button button--secondary" href={`/api/v1/audit.csv${query ? `?${query}` : ''}`} download>
              {filtered ? t('audit.csvFiltered') : t('audit.csv')}
            </a>
          )}
        </div>
      </form>
      {current.action && (
        <p className="muted">
          {t('audit.filter.actionNote')} <code>{current.action}</code>
        </p>
      )}

      {first.status === 'loading' && <Loading />}
      {first.status === 'error' && <LoadError error={first.error} retry={first.error.status === 400 ? undefined : first.reload} />}
      {first.status === 'ready' &&
        (events.length === 0 ? (
          <p className="empty">{filtered ? t('audit.emptyFiltered') : t('audit.empty')}</p>
        ) : (
          <>
            <div className="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
              <table className="table table--stack audit-table" role="table">
                <caption id="audit-caption">{filtered ? t('audit.captionFiltered', { count: events.length }) : t('audit.caption', { count: events.length })}</caption>
                <thead role="rowgroup">
                  <tr role="row">
                    <th scope="col" role="columnheader">{t('audit.col.when')}</th>
                    <th scope="col" role="columnheader">{t('audit.col.what')}</th>
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
                      <Cell label={t('audit.col.what')}>
                        <Sentence event={event} />
                      </Cell>
                      <Cell label={t('audit.col.ip')}>{event.ip || null}</Cell>
                      <Cell label={t('audit.col.details')}>
                        <Details event={event} />
                      </Cell>
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
