// Browse and search the posts the user may see. The filters live in the query string, so a
// filtered view can be shared and the back button restores it.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useLocation, useSearch } from 'wouter';
import { api, isApiError, type ApiError } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { compareText, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { rememberBrowse, restoreBrowse, type LoadedPages } from './browse-memory.js';
import { PostCard } from './post-meta.js';
import { SaveSearch } from './save-search.js';
import { regionTree, useTaxonomy, type Taxonomy } from './taxonomy.js';
import type { PostList } from './types.js';

const BASE = '/posts';
const MULTI = ['kind', 'region', 'country', 'area', 'theme', 'exploitation', 'status'] as const;
type Multi = (typeof MULTI)[number];

interface Filters {
  q: string;
  multi: Record<Multi, string[]>;
}

function parse(search: string): Filters {
  const params = new URLSearchParams(search);
  const multi = Object.fromEntries(MULTI.map((key) => [key, params.getAll(key).filter(Boolean)])) as Record<Multi, string[]>;
  return { q: params.get('q') ?? '', multi };
}

function toQuery(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  for (const key of MULTI) for (const value of filters.multi[key]) params.append(key, value);
  return params.toString();
}

/** The filters as the saved-search API takes them (only those set). */
function savedFilters(filters: Filters): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (filters.q.trim()) out['q'] = filters.q.trim();
  for (const key of MULTI) if (filters.multi[key].length) out[key] = filters.multi[key];
  return out;
}

interface Option {
  value: string;
  label: string;
  depth?: number;
}

function CheckboxGroup({ name, legend, options, selected, counts, onChange }: { name: Multi; legend: string; options: Option[]; selected: string[]; counts?: Record<string, number>; onChange: (values: string[]) => void }) {
  const t = useT();
  const id = useId();
  return (
    <details className="filter" open={selected.length > 0 || undefined}>
      <summary>
        {legend}
        {selected.length > 0 && ` (${selected.length})`}
      </summary>
      <fieldset className="filter__options">
        <legend className="visually-hidden">{legend}</legend>
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          const count = counts?.[option.value];
          return (
            <div className="checkbox" key={option.value} style={option.depth ? { paddingInlineStart: `${option.depth}rem` } : undefined}>
              <input
                type="checkbox"
                id={optionId}
                name={name}
                value={option.value}
                checked={selected.includes(option.value)}
                onChange={(event) => onChange(event.target.checked ? [...selected, option.value] : selected.filter((v) => v !== option.value))}
              />
              <label htmlFor={optionId}>{count !== undefined ? t('browse.withCount', { label: option.label, count }) : option.label}</label>
            </div>
          );
        })}
      </fieldset>
    </details>
  );
}

/** Countries: pick one at a time from the list; each chosen one can be removed again. */
function CountryFilter({ countries, selected, onChange }: { countries: Taxonomy['countries']; selected: string[]; onChange: (values: string[]) => void }) {
  const t = useT();
  const name = (code: string) => countries.find((c) => c.code === code)?.name ?? code;
  return (
    <details className="filter" open={selected.length > 0 || undefined}>
      <summary>
        {t('browse.country')}
        {selected.length > 0 && ` (${selected.length})`}
      </summary>
      <div className="filter__options">
        {selected.length > 0 && (
          <ul className="chosen-list" aria-label={t('browse.chosenCountries')}>
            {selected.map((code) => (
              <li key={code}>
                {name(code)}{' '}
                <button type="button" className="link-button" aria-label={t('browse.removeCountry', { country: name(code) })} onClick={() => onChange(selected.filter((c) => c !== code))}>
                  {t('browse.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <label htmlFor="filter-country">{t('browse.addCountry')}</label>
        <select id="filter-country" value="" onChange={(event) => event.target.value && onChange([...selected, event.target.value])}>
          <option value="">{t('common.choose')}</option>
          {countries
            .filter((c) => !selected.includes(c.code))
            .map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
        </select>
      </div>
    </details>
  );
}

function Filters({ taxonomy, filters, facets, apply }: { taxonomy: Taxonomy; filters: Filters; facets: PostList['facets'] | undefined; apply: (next: Filters) => void }) {
  const t = useT();
  const setMulti = (key: Multi) => (values: string[]) => apply({ ...filters, multi: { ...filters.multi, [key]: values } });
  const countries = useMemo(() => [...taxonomy.countries].sort((a, b) => compareText(a.name, b.name)), [taxonomy]);
  const statuses = taxonomy.postStatuses.map((s) => ({ value: s, label: t(`postStatus.${s}`) }));
  const hasAny = filters.q !== '' || MULTI.some((key) => filters.multi[key].length > 0);
  return (
    <section className="filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading">{t('browse.filters')}</h2>
      <CheckboxGroup name="kind" legend={t('browse.kind')} options={taxonomy.postKinds.map((k) => ({ value: k.code, label: t(`kind.${k.code}`) }))} selected={filters.multi.kind} counts={facets?.kind} onChange={setMulti('kind')} />
      <CheckboxGroup
        name="region"
        legend={t('browse.region')}
        options={regionTree(taxonomy.regions).map((r) => ({ value: r.code, label: r.name, depth: r.depth }))}
        selected={filters.multi.region}
        counts={facets?.region}
        onChange={setMulti('region')}
      />
      <CountryFilter countries={countries} selected={filters.multi.country} onChange={setMulti('country')} />
      <CheckboxGroup name="area" legend={t('browse.area')} options={taxonomy.areas.map((a) => ({ value: a.code, label: a.label }))} selected={filters.multi.area} counts={facets?.area} onChange={setMulti('area')} />
      <CheckboxGroup name="theme" legend={t('browse.theme')} options={taxonomy.themes.map((a) => ({ value: a.code, label: a.label }))} selected={filters.multi.theme} counts={facets?.theme} onChange={setMulti('theme')} />
      <CheckboxGroup name="exploitation" legend={t('browse.exploitation')} options={taxonomy.exploitation.map((a) => ({ value: a.code, label: a.label }))} selected={filters.multi.exploitation} onChange={setMulti('exploitation')} />
      <CheckboxGroup name="status" legend={t('browse.status')} options={statuses} selected={filters.multi.status} onChange={setMulti('status')} />
      {hasAny && (
        <button type="button" className="link-button" onClick={() => apply(parse(''))}>
          {t('browse.clear')}
        </button>
      )}
    </section>
  );
}

export function BrowsePage() {
  const t = useT();
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = useMemo(() => parse(search), [search]);
  const query = toQuery(filters);
  const taxonomy = useTaxonomy();
  const first = useResource<PostList>(`/api/v1/posts${query ? `?${query}` : ''}`);
  const [q, setQ] = useState(filters.q);
  // Coming back from a post: the pages loaded before and the place on the page.
  const [restored] = useState(() => restoreBrowse(query));
  const [more, setMore] = useState<LoadedPages | null>(restored?.more ?? null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const shownQuery = useRef(query);
  const scrollY = useRef(0);

  // Back/forward or a shared link to another list: the box shows its query, and extra pages go.
  useEffect(() => {
    if (shownQuery.current === query) return;
    shownQuery.current = query;
    setQ(filters.q);
    setMore(null);
    setMoreError(null);
  }, [filters.q, query]);

  // Remember where the reader is, for when they come back.
  useEffect(() => {
    const onScroll = () => {
      scrollY.current = window.scrollY;
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);
  const moreRef = useRef(more);
  moreRef.current = more;
  useEffect(() => () => rememberBrowse({ query: shownQuery.current, more: moreRef.current, scrollY: scrollY.current }), []);
  const ready = first.status === 'ready' && taxonomy.status === 'ready';
  useEffect(() => {
    if (ready && restored && restored.query === query) window.scrollTo(0, restored.scrollY);
  }, [ready, restored, query]);

  function apply(next: Filters) {
    const qs = toQuery(next);
    navigate(qs ? `${BASE}?${qs}` : BASE);
  }

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    apply({ ...filters, q });
  }

  const items = first.status === 'ready' ? [...first.data.items, ...(more?.items ?? [])] : [];
  const nextCursor = more ? more.nextCursor : first.status === 'ready' ? first.data.nextCursor : null;

  async function loadMore() {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const params = new URLSearchParams(query);
      params.set('cursor', nextCursor);
      const page = await api.get<PostList>(`/api/v1/posts?${params.toString()}`);
      setMore((previous) => ({ items: [...(previous?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (error) {
      if (isApiError(error)) setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <Page title={t('browse.title')}>
      <form role="search" className="search-form" onSubmit={submitSearch}>
        <div className="field">
          <div className="field__label">
            <label htmlFor="browse-q">{t('browse.search')}</label>
          </div>
          <div className="search-form__row">
            <input id="browse-q" name="q" type="search" value={q} onChange={(event) => setQ(event.target.value)} maxLength={200} />
            <button type="submit" className="button button--primary">
              {t('browse.searchButton')}
            </button>
          </div>
        </div>
      </form>
      <div className="browse">
        {taxonomy.status === 'ready' && <Filters taxonomy={taxonomy.data} filters={filters} facets={first.data?.facets} apply={apply} />}
        {taxonomy.status === 'error' && <LoadError error={taxonomy.error} retry={taxonomy.reload} />}
        <section className="results" aria-labelledby="results-heading">
          <h2 id="results-heading" className="visually-hidden">
            {t('browse.results')}
          </h2>
          {(first.status === 'loading' || taxonomy.status === 'loading') && <Loading />}
          {first.status === 'error' && <LoadError error={first.error} retry={first.reload} />}
          {first.status === 'ready' && taxonomy.status === 'ready' && (
            <>
              <div className="results__head">
                <p className="results__total" role="status" data-testid="post-total">
                  {t('browse.total', { count: first.data.total })}
                </p>
                {first.data.total > 0 && (
                  <a className="results__export" href={`/api/v1/posts/export.csv${query ? `?${query}` : ''}`} download>
                    {t('browse.export')}
                  </a>
                )}
              </div>
              <SaveSearch key={query} filters={savedFilters(filters)} suggestedName={filters.q.trim() || t('browse.save.defaultName')} />
              {items.length === 0 ? (
                <p className="empty">{t('browse.empty')}</p>
              ) : (
                <div className="cards">
                  {items.map((post) => (
                    <PostCard key={post.id} post={post} taxonomy={taxonomy.data} />
                  ))}
                </div>
              )}
              {moreError && <LoadError error={moreError} retry={() => void loadMore()} />}
              {nextCursor && (
                <div className="form-actions">
                  <button type="button" className="button button--secondary" onClick={() => void loadMore()} aria-disabled={loadingMore || undefined}>
                    {t('browse.loadMore')}
                  </button>
                  <span className="form-actions__status" role="status">
                    {loadingMore ? t('common.loading') : ''}
                  </span>
                </div>
              )}
            </>
          )}
        </section>
      </div>
    </Page>
  );
}
