// The donor view: projects seeking funding that the user may see, filtered by region, country,
// area and remaining gap, with saved searches that mail the user when a new project matches.
// The filters live in the query string, so a view can be shared and the back button restores it.
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, isApiError } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { SubmitButton, TextField } from '../forms/fields.js';
import { checkRequired, useForm } from '../forms/use-form.js';
import { compareText, formatDate, useT } from '../i18n/i18n.js';
import { useNotice } from '../layout/notice.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { regionTree, labels, useTaxonomy, type Taxonomy } from '../exchange/taxonomy.js';
import { FundingBar, FundingFigures } from './funding-panel.js';
import type { FundingProject, FundingProjectList, SavedSearch } from './types.js';
import { OrgLink, withLinks } from '../organizations/org-link.js';

interface Filters {
  region: string;
  country: string;
  area: string;
  minGap: string;
  currency: string;
}
const EMPTY: Filters = { region: '', country: '', area: '', minGap: '', currency: '' };
const KEYS = Object.keys(EMPTY) as (keyof Filters)[];

function parse(search: string): Filters {
  const params = new URLSearchParams(search);
  return Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as unknown as Filters;
}
function toQuery(f: Filters): string {
  const params = new URLSearchParams();
  for (const k of KEYS) if (f[k].trim()) params.set(k, k === 'currency' ? f[k].trim().toUpperCase() : f[k].trim());
  return params.toString();
}
/** The filters as a saved search stores them. */
function toSaved(f: Filters): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (f.region) out.region = [f.region];
  if (f.country) out.country = [f.country];
  if (f.area) out.area = [f.area];
  if (f.minGap.trim()) out.minGap = f.minGap.trim();
  if (f.currency.trim()) out.currency = f.currency.trim().toUpperCase();
  return out;
}
function fromSaved(filters: SavedSearch['filters']): string {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
  return toQuery({ region: first(filters.region), country: first(filters.country), area: first(filters.area), minGap: first(filters.minGap), currency: first(filters.currency) });
}

/** A saved browse search as the browse page's query string (repeated keys for lists). */
function browseQuery(filters: SavedSearch['filters']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return params.toString();
}

function FilterForm({ taxonomy, filters, apply }: { taxonomy: Taxonomy; filters: Filters; apply: (f: Filters) => void }) {
  const t = useT();
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [filters]);
  const countries = useMemo(() => [...taxonomy.countries].sort((a, b) => compareText(a.name, b.name)), [taxonomy]);
  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  function submit(event: FormEvent) {
    event.preventDefault();
    apply(draft);
  }
  const select = (key: 'region' | 'country' | 'area', label: string, any: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <div className="field__label">
        <label htmlFor={`donor-${key}`}>{label}</label>
      </div>
      <select id={`donor-${key}`} value={draft[key]} onChange={(e) => set(key)(e.target.value)}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form className="donor-filters" role="search" aria-label={t('donorView.filters')} onSubmit={submit}>
      {select('region', t('donorView.region'), t('donorView.anyRegion'), regionTree(taxonomy.regions).map((r) => ({ value: r.code, label: `${'\u2003'.repeat(r.depth)}${r.name}` })))}
      {select('country', t('donorView.country'), t('donorView.anyCountry'), countries.map((c) => ({ value: c.code, label: c.name })))}
      {select('area', t('donorView.area'), t('donorView.anyArea'), taxonomy.areas.map((a) => ({ value: a.code, label: a.label })))}
      <div className="donor-filters__gap">
        <TextField id="donor-minGap" name="minGap" label={t('donorView.minGap')} value={draft.minGap} onChange={set('minGap')} error={undefined} maxLength={16} />
        <TextField id="donor-currency" name="currency" label={t('donorView.currency')} value={draft.currency} onChange={set('currency')} error={undefined} maxLength={3} spellCheck={false} hint={t('donorView.currencyHint')} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary">
          {t('donorView.apply')}
        </button>
        {toQuery(filters) && (
          <button type="button" className="button button--secondary" onClick={() => apply(EMPTY)}>
            {t('donorView.clear')}
          </button>
        )}
      </div>
    </form>
  );
}

function ProjectCard({ project, taxonomy }: { project: FundingProject; taxonomy: Taxonomy }) {
  const t = useT();
  const label = labels(taxonomy);
  const headingId = `funding-${project.id}`;
  const places = [...project.regions.map(label.region), ...project.countries.map(label.country)];
  return (
    <article className="card funding-card" aria-labelledby={headingId}>
      <h3 className="card__title" id={headingId}>
        <Link href={`/posts/${project.id}`}>{project.title}</Link>
      </h3>
      <p className="card__subtitle">
        <span className="tag">{t(`kind.${project.kind}`)}</span> <span className="badge">{t(`postStatus.${project.status}`)}</span> <span>{withLinks(t, 'browse.by', {}, { organization: <OrgLink organization={project.organization} /> })}</span>
      </p>
      {places.length > 0 && <p className="small muted">{places.join(' · ')}</p>}
      <FundingBar totals={project.funding} />
      <FundingFigures totals={project.funding} />
      <p className="small muted">{t('browse.posted', { date: formatDate(project.createdAt) })}</p>
    </article>
  );
}

function SaveSearchForm({ filters, onSaved }: { filters: Filters; onSaved: (s: SavedSearch) => void }) {
  const t = useT();
  const notice = useNotice();
  const specs = { name: { label: t('savedSearch.name') } };
  const form = useForm({ name: '' }, specs, { idPrefix: 'save-' });
  return (
    <form
      className="panel"
      noValidate
      aria-labelledby="save-search-heading"
      onSubmit={(event) =>
        void form.submit(
          event,
          async (values) => {
            const saved = await api.post<SavedSearch>('/api/v1/saved-searches', { name: values.name.trim(), scope: 'funding', filters: toSaved(filters) });
            form.reset({ name: '' });
            notice.show(t('savedSearch.saved', { name: saved.name }));
            onSaved(saved);
          },
          { validate: (values) => checkRequired(values, specs, ['name']) },
        )
      }
    >
      <h2 id="save-search-heading">{t('savedSearch.saveHeading')}</h2>
      <p className="muted">{t('savedSearch.saveHint')}</p>
      <ErrorSummary problem={form.problem} attempt={form.attempt} />
      <TextField {...form.field('name')} required maxLength={120} />
      <SubmitButton busy={form.submitting}>{t('savedSearch.save')}</SubmitButton>
    </form>
  );
}

function SavedSearchItem({ search, onDeleted }: { search: SavedSearch; onDeleted: () => void }) {
  const t = useT();
  const nameId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const query = search.scope === 'funding' ? fromSaved(search.filters) : browseQuery(search.filters);
  const href = `${search.scope === 'funding' ? '/funding' : '/posts'}${query ? `?${query}` : ''}`;
  async function remove() {
    if (busy) return;
    setBusy(true);
    try {
      await api.delete(`/api/v1/saved-searches/${search.id}`);
      onDeleted();
    } catch (caught) {
      setError(isApiError(caught) ? caught.detail || caught.title : String(caught));
      setBusy(false);
    }
  }
  return (
    <li className="saved-search">
      <p className="saved-search__name" id={nameId}>
        <Link href={href}>{search.name}</Link> <span className="tag">{t(`savedSearch.scope.${search.scope}`)}</span>
      </p>
      <p className="small muted">{t('savedSearch.meta', { date: formatDate(search.createdAt), count: search.notifiedCount })}</p>
      <button type="button" className="button button--small button--secondary" onClick={() => void remove()} aria-disabled={busy || undefined} aria-describedby={nameId}>
        {t('savedSearch.delete')}
      </button>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function SavedSearches({ filters }: { filters: Filters }) {
  const t = useT();
  const notice = useNotice();
  const list = useResource<{ items: SavedSearch[] }>('/api/v1/saved-searches');
  return (
    <section aria-labelledby="saved-searches" className="saved-searches">
      <h2 id="saved-searches" tabIndex={-1}>
        {t('savedSearch.heading')}
      </h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t('savedSearch.empty')}</p>
        ) : (
          <ul className="saved-search-list">
            {list.data.items.map((s) => (
              <SavedSearchItem
                key={s.id}
                search={s}
                onDeleted={() => {
                  list.setData((d) => ({ items: d.items.filter((x) => x.id !== s.id) }));
                  notice.show(t('savedSearch.deleted', { name: s.name }));
                  document.getElementById('saved-searches')?.focus();
                }}
              />
            ))}
          </ul>
        ))}
      <SaveSearchForm filters={filters} onSaved={(s) => list.setData((d) => ({ items: [s, ...d.items] }))} />
    </section>
  );
}

export function FundingPage() {
  const t = useT();
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = useMemo(() => parse(search), [search]);
  const query = toQuery(filters);
  const taxonomy = useTaxonomy();
  const projects = useResource<FundingProjectList>(`/api/v1/funding/projects${query ? `?${query}` : ''}`);
  const [more, setMore] = useState<{ items: FundingProject[]; nextOffset: number | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  useEffect(() => {
    setMore(null);
    setMoreError(null);
  }, [query]);
  const items = projects.status === 'ready' ? [...projects.data.items, ...(more?.items ?? [])] : [];
  const nextOffset = more ? more.nextOffset : projects.status === 'ready' ? projects.data.nextOffset : null;
  async function loadMore() {
    if (loadingMore || nextOffset === null) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await api.get<FundingProjectList>(`/api/v1/funding/projects?${query ? `${query}&` : ''}offset=${nextOffset}`);
      setMore((m) => ({ items: [...(m?.items ?? []), ...next.items], nextOffset: next.nextOffset }));
    } catch (caught) {
      setMoreError(isApiError(caught) ? caught.detail || caught.title : String(caught));
    } finally {
      setLoadingMore(false);
    }
  }
  return (
    <Page title={t('donorView.title')}>
      <p className="lead">{t('donorView.intro')}</p>
      {taxonomy.status === 'ready' ? <FilterForm taxonomy={taxonomy.data} filters={filters} apply={(f) => navigate(toQuery(f) ? `/funding?${toQuery(f)}` : '/funding')} /> : <Loading />}
      <section aria-labelledby="funding-results" className="funding-results">
        <h2 id="funding-results">{t('donorView.results')}</h2>
        {projects.status === 'loading' && <Loading />}
        {projects.status === 'error' && <LoadError error={projects.error} retry={projects.reload} />}
        {projects.status === 'ready' && taxonomy.status === 'ready' && (
          <>
            <p className="results__total" role="status">
              {t('donorView.count', { count: projects.data.total })}
            </p>
            {items.length === 0 ? (
              <p className="empty">{t('donorView.empty')}</p>
            ) : (
              <div className="cards">
                {items.map((p) => (
                  <ProjectCard key={p.id} project={p} taxonomy={taxonomy.data} />
                ))}
              </div>
            )}
            {nextOffset !== null && (
              <p>
                <button type="button" className="button button--secondary" onClick={() => void loadMore()} aria-disabled={loadingMore || undefined}>
                  {loadingMore ? t('common.loading') : t('donorView.more', { count: projects.data.total - items.length })}
                </button>
              </p>
            )}
            {moreError && (
              <p className="field__error" role="alert">
                {moreError}
              </p>
            )}
          </>
        )}
      </section>
      <SavedSearches filters={filters} />
    </Page>
  );
}
