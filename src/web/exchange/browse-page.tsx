// Browse and search the posts the user may see. The filters live in the query string, so a
// filtered view can be shared and the back button restores it. The search runs as you type: a
// moment after typing stops, the address is updated in place (not one history entry per word) and
// the list follows; the count of results is a live region, so screen readers hear the new count.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, isApiError, type ApiError } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { rememberBrowse, restoreBrowse, type LoadedPages } from './browse-memory.js';
import { PostCard } from './post-meta.js';
import { SaveSearch } from './save-search.js';
import { useTaxonomy } from './taxonomy.js';
import { MULTI, parse, PostFilters, savedFilters, toQuery, useStayOpen, type Filters } from './post-filters.js';
import { useMediaQuery } from '../layout/use-media.js';
import type { PostList } from './types.js';

const BASE = '/posts';
/** How long typing must pause before the search runs. */
export const SEARCH_DEBOUNCE_MS = 350;

export function BrowsePage() {
  const t = useT();
  const search = useSearch();
  const [, navigate] = useLocation();
  const wide = useMediaQuery('(min-width: 52rem)');
  const filters = useMemo(() => parse(search), [search]);
  const query = toQuery(filters);
  const taxonomy = useTaxonomy();
  // The last results stay on screen while the next ones load, so typing does not blank the list.
  const first = useResource<PostList>(`/api/v1/posts${query ? `?${query}` : ''}`, { keepWhileLoading: true });
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
    // The box keeps what is being typed (a trailing space, say) when the address is the search
    // just typed; another address (back, forward, a shared link) puts its own search in the box.
    setQ((typed) => (typed.trim() === filters.q ? typed : filters.q));
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

  function apply(next: Filters, options: { replace?: boolean } = {}) {
    const qs = toQuery(next);
    navigate(qs ? `${BASE}?${qs}` : BASE, options);
  }

  // Search as you type. The timer restarts with every key and with every filter change, and it
  // always applies the current filters with the typed text.
  useEffect(() => {
    if (q.trim() === filters.q) return;
    const timer = setTimeout(() => apply({ ...filters, q }, { replace: true }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, filters]);

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

  const chosenFilters = MULTI.reduce((n, key) => n + filters.multi[key].length, 0) + (filters.from || filters.to ? 1 : 0);
  const foldOpen = useStayOpen(chosenFilters > 0);

  return (
    <Page title={t('browse.title')}>
      <form role="search" className="search-form" onSubmit={submitSearch}>
        <div className="field">
          <div className="field__label">
            <label htmlFor="browse-q">{t('browse.search')}</label>
          </div>
          <div className="search-form__row">
            <input id="browse-q" name="q" type="search" value={q} onChange={(event) => setQ(event.target.value)} maxLength={200} aria-describedby="browse-q-hint" />
            <button type="submit" className="button button--primary">
              {t('browse.searchButton')}
            </button>
          </div>
          {/* Sighted readers see the list follow; kept out of the way so the phone's first screen shows a result. */}
          <p id="browse-q-hint" className="visually-hidden">
            {t('browse.searchHint')}
          </p>
        </div>
      </form>
      <div className="browse">
        {taxonomy.status === 'ready' &&
          (wide ? (
            <PostFilters taxonomy={taxonomy.data} filters={filters} facets={first.data?.facets} apply={apply} />
          ) : (
            // On a phone the filters fold away, so the first result is on the first screen.
            <details className="filters-fold" open={foldOpen}>
              <summary>{chosenFilters > 0 ? t('browse.filtersChosen', { count: chosenFilters }) : t('browse.filters')}</summary>
              <PostFilters taxonomy={taxonomy.data} filters={filters} facets={first.data?.facets} apply={apply} />
            </details>
          ))}
        {taxonomy.status === 'error' && <LoadError error={taxonomy.error} retry={taxonomy.reload} />}
        <section className="results" aria-labelledby="results-heading" aria-busy={first.refreshing || undefined}>
          <h2 id="results-heading" className="visually-hidden">
            {t('browse.results')}
          </h2>
          {(first.status === 'loading' || taxonomy.status === 'loading') && <Loading />}
          {first.status === 'error' && <LoadError error={first.error} retry={first.reload} />}
          {first.status === 'ready' && taxonomy.status === 'ready' && (
            <>
              <div className="results__head">
                <p className="results__total" role="status" data-testid="post-total">
                  {first.data.totalExact === false ? t('browse.totalAtLeast', { count: first.data.total }) : t('browse.total', { count: first.data.total })}
                </p>
                {first.data.total > 0 && (
                  <a className="results__export" href={`/api/v1/posts/export.csv${query ? `?${query}` : ''}`} download>
                    {t('browse.export')}
                  </a>
                )}
                {first.data.total > 0 && (
                  <a className="results__export" href={`/api/v1/iati/activities.xml${query ? `?${query}` : ''}`} download>
                    {t('iati.export.activities')}
                  </a>
                )}
                <Link className="results__export" href={`/map${query ? `?${query}` : ''}`}>
                  {t('browse.showOnMap')}
                </Link>
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
