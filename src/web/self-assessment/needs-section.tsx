// The needs governments marked (high-priority gaps in their latest submitted versions), by region
// and by measure, as the server allows: counts per measure and shared assessments by name for the
// full tier; aggregates per region, where at least 3 governments contributed, for everyone else.
import { useState } from 'react';
import { Link } from 'wouter';
import { useResource } from '../api/use-resource.js';
import { useT, type MessageKey } from '../i18n/i18n.js';
import { LoadError, Loading } from '../layout/page.js';
import { FRAMEWORK_PILLARS, PILLAR_CODES } from '../../shared/framework.js';
import { REGIONS } from '../../shared/taxonomy/geography.js';
import type { Needs } from './types.js';

const pillarName = (code: string) => FRAMEWORK_PILLARS.find((p) => p.code === code)?.name ?? code;

export function NeedsSection() {
  const t = useT();
  const [region, setRegion] = useState('');
  const [pillar, setPillar] = useState('');
  const [query, setQuery] = useState('');
  const needs = useResource<Needs>(`/api/v1/self-assessment/needs${query}`);
  const apply = () => {
    const params = new URLSearchParams();
    if (region) params.set('region', region);
    if (pillar) params.set('pillar', pillar);
    const q = params.toString();
    setQuery(q ? `?${q}` : '');
  };
  // Regions and their sub-regions, indented by level (Antarctica has no governments).
  const regionChoices = REGIONS.filter((r) => r.code !== '010' && r.level !== 'intermediate');
  const ordered = regionChoices.filter((r) => r.level === 'region').flatMap((top) => [top, ...regionChoices.filter((r) => r.parent === top.code)]);
  return (
    <section aria-labelledby="needs-heading">
      <h2 id="needs-heading">{t('sa.needs.title')}</h2>
      <p>{t('sa.needs.intro')}</p>
      <form className="sa-filters" onSubmit={(e) => (e.preventDefault(), apply())}>
        <div className="field">
          <label htmlFor="needs-region">{t('sa.needs.region')}</label>
          <select id="needs-region" value={region} onChange={(e) => setRegion(e.target.value)}>
            <option value="">{t('sa.needs.allRegions')}</option>
            {ordered.map((r) => (
              <option key={r.code} value={r.code}>
                {r.level === 'region' ? r.name : `\u2003${r.name}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="needs-pillar">{t('sa.needs.pillar')}</label>
          <select id="needs-pillar" value={pillar} onChange={(e) => setPillar(e.target.value)}>
            <option value="">{t('sa.needs.allPillars')}</option>
            {PILLAR_CODES.map((p) => (
              <option key={p} value={p}>
                {pillarName(p)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t('sa.needs.apply')}
        </button>
      </form>
      {needs.status === 'loading' && <Loading />}
      {needs.status === 'error' && <LoadError error={needs.error} retry={needs.reload} />}
      {needs.status === 'ready' && (
        <>
          {needs.data.detail === 'aggregates' && <p className="muted">{t('sa.needs.aggregatesOnly', { count: needs.data.minimumGovernments ?? 3 })}</p>}
          {needs.data.regions.length === 0 ? (
            <p>{t('sa.needs.none')}</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('sa.needs.byRegion')}>
              <table className="table">
                <caption>{t('sa.needs.byRegion')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sa.needs.region')}</th>
                    <th scope="col">{t('sa.needs.governments')}</th>
                    <th scope="col">{t('sa.needs.gaps')}</th>
                    {Object.keys(needs.data.regions[0]!.byPillar).map((p) => (
                      <th scope="col" key={p}>
                        {pillarName(p)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {needs.data.regions.map((r) => (
                    <tr key={r.region ?? 'all'}>
                      <th scope="row">{r.region ? r.name : t('sa.needs.allRegions')}</th>
                      <td>{r.governments}</td>
                      <td>{r.gaps}</td>
                      {Object.entries(r.byPillar).map(([p, n]) => (
                        <td key={p}>{n}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {needs.data.measures && needs.data.measures.length > 0 && (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('sa.needs.byMeasure')}>
              <table className="table">
                <caption>{t('sa.needs.byMeasure')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sa.needs.measure')}</th>
                    <th scope="col">{t('sa.needs.count')}</th>
                    {needs.data.regions.slice(1).map((r) => (
                      <th scope="col" key={r.region}>
                        {r.name}
                      </th>
                    ))}
                    <th scope="col">{t('sa.needs.named')}</th>
                  </tr>
                </thead>
                <tbody>
                  {needs.data.measures.map((m) => (
                    <tr key={m.code}>
                      <th scope="row">
                        {m.code}: {m.text}
                      </th>
                      <td>{m.governments}</td>
                      {needs.data.regions.slice(1).map((r) => (
                        <td key={r.region}>{m.byRegion[r.region!] ?? 0}</td>
                      ))}
                      <td>
                        {m.named.map((g, i) => (
                          <span key={g.id}>
                            {i > 0 && ', '}
                            <Link href={`/self-assessment/organizations/${g.id}`}>{g.name}</Link> ({t(`sa.status.${g.status}` as MessageKey)})
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
