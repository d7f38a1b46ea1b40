// /map: who does what where. The same filters as Browse (the same query string), a world map of
// the posts the user may see, every figure again in tables, and for a chosen country or UN M49
// region the organizations working there, their posts, and possible overlaps flagged there.
import { useMemo } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useResource } from '../api/use-resource.js';
import { compareText, formatNumber, useT, type MessageKey } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { parse, PostFilters, toQuery, type Filters } from '../exchange/post-filters.js';
import { regionTree, useTaxonomy, type Taxonomy } from '../exchange/taxonomy.js';
import type { MapFigures, Measure, PlaceDetail, PlaceFigures } from './types.js';
import { drawnCountries, WorldMap } from './world-map.js';
import './map.css';
import { OrgLink } from '../organizations/org-link.js';

const BASE = '/map';

interface View {
  filters: Filters;
  measure: Measure;
  place: string | null;
}

function parseView(search: string): View {
  const params = new URLSearchParams(search);
  const place = params.get('place');
  return { filters: parse(search), measure: params.get('measure') === 'projects' ? 'projects' : 'posts', place: place && /^([A-Z]{2}|\d{3})$/.test(place) ? place : null };
}

function viewQuery(view: View): string {
  const params = new URLSearchParams(toQuery(view.filters));
  if (view.measure === 'projects') params.set('measure', 'projects');
  if (view.place) params.set('place', view.place);
  return params.toString();
}

/** Browse with the same filters, narrowed to the place. */
function listHref(filters: Filters, place: string | null): string {
  const params = new URLSearchParams(toQuery(place ? { ...filters, multi: { ...filters.multi, country: /^[A-Z]{2}$/.test(place) ? [place] : [], region: /^\d{3}$/.test(place) ? [place] : [] } } : filters));
  const qs = params.toString();
  return qs ? `/posts?${qs}` : '/posts';
}

function FiguresTable({ caption, nameHeader, rows, names, measure, hrefOf, onSelect }: { caption: string; nameHeader: string; rows: PlaceFigures[]; names: Map<string, string>; measure: Measure; hrefOf: (code: string) => string; onSelect: (code: string) => void }) {
  const t = useT();
  const sorted = [...rows].sort((a, b) => b[measure] - a[measure] || compareText(names.get(a.code) ?? a.code, names.get(b.code) ?? b.code));
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            <th scope="col" className="num">{t('map.table.posts')}</th>
            <th scope="col" className="num">{t('map.table.projects')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.code}>
              <th scope="row">
                <a
                  href={hrefOf(row.code)}
                  onClick={(event) => {
                    event.preventDefault();
                    onSelect(row.code);
                  }}
                >
                  {names.get(row.code) ?? row.code}
                </a>
              </th>
              <td className="num">{formatNumber(row.posts)}</td>
              <td className="num">{formatNumber(row.projects)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function roleLabel(t: ReturnType<typeof useT>, role: string): string {
  if (role === 'lead' || role === 'coauthor') return t(`map.role.${role}` as MessageKey);
  return t(`partnerRole.${role}` as MessageKey);
}

function PlacePanel({ place, filters, onClose }: { place: string; filters: Filters; onClose: () => void }) {
  const t = useT();
  const query = toQuery(filters);
  const detail = useResource<PlaceDetail>(`/api/v1/map/places/${place}${query ? `?${query}` : ''}`);
  if (detail.status === 'loading') return <Loading />;
  if (detail.status === 'error') return <LoadError error={detail.error} retry={detail.reload} />;
  const d = detail.data;
  const shown = new Set(d.organizations.flatMap((o) => o.posts.filter((p) => p.role === 'lead').map((p) => p.id))).size;
  return (
    <section className="map-place card" aria-labelledby="map-place-heading">
      <h2 id="map-place-heading">{t('map.place.heading', { name: d.name })}</h2>
      <p>
        {t('map.place.figures', { count: d.posts, projects: d.projects })} · <Link href={listHref(filters, place)}>{t('map.asList')}</Link>
      </p>
      {d.truncated && (
        <p className="callout callout--warning">
          {t('map.place.truncated', { shown })} <Link href={listHref(filters, place)}>{t('map.place.allInList')}</Link>
        </p>
      )}
      <h3>{t('map.place.organizations')}</h3>
      {d.organizations.length === 0 ? (
        <p className="empty">{t('map.place.noOrganizations')}</p>
      ) : (
        <ul className="map-place__orgs">
          {d.organizations.map((o) => (
            <li key={o.id}>
              <p className="map-place__org">
                <Link href={`/organizations/${o.id}`}>{o.name}</Link> <span className="muted">({t(`category.${o.category}` as MessageKey)})</span>
              </p>
              <ul>
                {o.posts.map((p) => (
                  <li key={`${p.id}-${p.role}`}>
                    <Link href={`/posts/${p.id}`}>{p.title}</Link>{' '}
                    <span className="muted">
                      {t(`kind.${p.kind}` as MessageKey)}, {t(`postStatus.${p.status}` as MessageKey)}
                      {p.role !== 'lead' && `, ${roleLabel(t, p.role)}`}
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('map.place.overlaps')}</h3>
      <p className="muted">{t('map.place.overlapsIntro')}</p>
      {d.overlaps.length === 0 ? (
        <p className="empty">{t('map.place.noOverlaps')}</p>
      ) : (
        <ul className="map-place__overlaps">
          {d.overlaps.map((o) => (
            <li key={o.posts.map((p) => p.id).join('|')}>
              <Link href={`/posts/${o.posts[0]!.id}`}>{o.posts[0]!.title}</Link> <span className="muted">(<OrgLink organization={{ id: o.posts[0]!.organizationId, name: o.posts[0]!.organization }} />)</span> {t('map.place.and')}{' '}
              <Link href={`/posts/${o.posts[1]!.id}`}>{o.posts[1]!.title}</Link> <span className="muted">(<OrgLink organization={{ id: o.posts[1]!.organizationId, name: o.posts[1]!.organization }} />)</span>
              {' · '}
              {o.related ? t('map.place.related') : o.score !== null ? t('map.place.score', { percent: `${Math.round(o.score * 100)} %` }) : ''}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button--secondary" onClick={onClose}>
        {t('map.place.close')}
      </button>
    </section>
  );
}

function MapView({ taxonomy, view, go }: { taxonomy: Taxonomy; view: View; go: (next: View) => void }) {
  const t = useT();
  const query = toQuery(view.filters);
  const figures = useResource<MapFigures>(`/api/v1/map${query ? `?${query}` : ''}`);
  const names = useMemo(() => new Map<string, string>([...taxonomy.countries.map((c) => [c.code, c.name] as const), ...taxonomy.regions.map((r) => [r.code, r.name] as const)]), [taxonomy]);
  const regions = useMemo(() => regionTree(taxonomy.regions), [taxonomy]);
  const regionOf = useMemo(() => new Map(taxonomy.countries.map((c) => [c.code, c.region])), [taxonomy]);
  const parents = useMemo(() => new Map(taxonomy.regions.map((r) => [r.code, r.parent])), [taxonomy]);
  const hrefOf = (code: string) => `${BASE}?${viewQuery({ ...view, place: code })}`;
  const select = (code: string | null) => go({ ...view, place: code });
  const chosenRegion = view.place && /^\d{3}$/.test(view.place) ? view.place : null;
  // The countries inside the chosen region (through its sub-regions), outlined on the map.
  const highlight = useMemo(() => {
    if (!chosenRegion) return null;
    const inside = (region: string | null | undefined): boolean => {
      for (let r = region; r; r = parents.get(r) ?? null) if (r === chosenRegion) return true;
      return false;
    };
    return new Set(taxonomy.countries.filter((c) => inside(regionOf.get(c.code))).map((c) => c.code));
  }, [chosenRegion, parents, regionOf, taxonomy]);

  if (figures.status === 'loading') return <Loading />;
  if (figures.status === 'error') return <LoadError error={figures.error} retry={figures.reload} />;
  const data = figures.data;
  const drawn = drawnCountries();
  const notDrawn = data.countries.filter((c) => !drawn.has(c.code) && c[view.measure] > 0).length;

  return (
    <>
      <div className="map-controls">
        <fieldset className="map-controls__measure">
          <legend>{t('map.measure')}</legend>
          {(['posts', 'projects'] as const).map((m) => (
            <div className="radio" key={m}>
              <input type="radio" id={`measure-${m}`} name="measure" value={m} checked={view.measure === m} onChange={() => go({ ...view, measure: m })} />
              <label htmlFor={`measure-${m}`}>{t(`map.measure.${m}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field map-controls__region">
          <label htmlFor="map-region">{t('map.region')}</label>
          <select id="map-region" value={chosenRegion ?? ''} onChange={(event) => select(event.target.value || null)}>
            <option value="">{t('map.region.all')}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {`${'\u00a0\u00a0'.repeat(r.depth)}${r.name}`}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p role="status" data-testid="map-total">
        {t('map.total', { count: data.total.posts, projects: data.total.projects })} <Link href={listHref(view.filters, null)}>{t('map.asList')}</Link>
      </p>
      {(view.filters.multi.region.length > 0 || view.filters.multi.country.length > 0) && <p className="muted">{t('map.insideFilter')}</p>}
      <WorldMap figures={data.countries} measure={view.measure} names={names} selected={view.place} highlight={highlight} hrefOf={hrefOf} onSelect={select} />
      {notDrawn > 0 && <p className="muted">{t('map.notDrawn', { count: notDrawn })}</p>}
      {view.place && <PlacePanel key={`${view.place}|${query}`} place={view.place} filters={view.filters} onClose={() => select(null)} />}
      {data.countries.length === 0 ? (
        <p className="empty">{t('map.table.empty')}</p>
      ) : (
        <div className="map-tables">
          <FiguresTable caption={t('map.table.countries')} nameHeader={t('map.table.country')} rows={data.countries} names={names} measure={view.measure} hrefOf={hrefOf} onSelect={select} />
          {data.regions.length > 0 && <FiguresTable caption={t('map.table.regions')} nameHeader={t('map.table.regionName')} rows={data.regions} names={names} measure={view.measure} hrefOf={hrefOf} onSelect={select} />}
        </div>
      )}
    </>
  );
}

export function MapPage() {
  const t = useT();
  const search = useSearch();
  const [, navigate] = useLocation();
  const view = useMemo(() => parseView(search), [search]);
  const taxonomy = useTaxonomy();
  const go = (next: View) => {
    const qs = viewQuery(next);
    navigate(qs ? `${BASE}?${qs}` : BASE);
  };
  return (
    <Page title={t('map.title')}>
      <p>{t('map.intro')}</p>
      <div className="browse">
        {taxonomy.status === 'ready' && <PostFilters taxonomy={taxonomy.data} filters={view.filters} facets={undefined} apply={(filters) => go({ ...view, filters, place: view.place })} />}
        <section className="results" aria-label={t('map.title')}>
          {taxonomy.status === 'loading' && <Loading />}
          {taxonomy.status === 'error' && <LoadError error={taxonomy.error} retry={taxonomy.reload} />}
          {taxonomy.status === 'ready' && <MapView taxonomy={taxonomy.data} view={view} go={go} />}
        </section>
      </div>
    </Page>
  );
}
