// /self-assessment/trends: how ratings changed across submitted versions, per pillar and region,
// as stacked bars (a picture only) with the same figures in a table for every reader.
import { useState } from 'react';
import { Link } from 'wouter';
import { useResource } from '../api/use-resource.js';
import { useT, type MessageKey } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { FRAMEWORK_PILLARS, RATING_STATUSES } from '../../shared/framework.js';
import { REGIONS } from '../../shared/taxonomy/geography.js';
import type { Trends } from './types.js';
import './self-assessment.css';

const STATUSES = [...RATING_STATUSES, 'unrated'] as const;

export function TrendsPage() {
  const t = useT();
  const [region, setRegion] = useState('');
  const trends = useResource<Trends>(`/api/v1/self-assessment/trends${region ? `?region=${region}` : ''}`);
  return (
    <Page title={t('sa.trends.title')}>
      <p>{t('sa.trends.intro')}</p>
      <p>
        <Link href="/self-assessment">{t('sa.title')}</Link>
      </p>
      <div className="field">
        <label htmlFor="trends-region">{t('sa.needs.region')}</label>
        <select id="trends-region" value={region} onChange={(e) => setRegion(e.target.value)}>
          <option value="">{t('sa.needs.allRegions')}</option>
          {REGIONS.filter((r) => r.level === 'region').map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      {trends.status === 'loading' && <Loading />}
      {trends.status === 'error' && <LoadError error={trends.error} retry={trends.reload} />}
      {trends.status === 'ready' && trends.data.series.length === 0 && <p>{t('sa.trends.none')}</p>}
      {trends.status === 'ready' &&
        trends.data.series.length > 0 &&
        FRAMEWORK_PILLARS.map((p) => (
          <section key={p.code} aria-labelledby={`trend-${p.code}`}>
            <h2 id={`trend-${p.code}`}>{p.name}</h2>
            <div className="sa-bars" aria-hidden="true">
              {trends.data.series.map((s) => {
                const counts = s.pillars[p.code] ?? {};
                const total = Object.values(counts).reduce((a, b) => a + b, 0) || 1;
                return (
                  <div className="sa-bar-row" key={s.period}>
                    <span className="sa-bar-label">{s.period}</span>
                    <span className="sa-bar">
                      {STATUSES.map((st) => (counts[st] ? <span key={st} className={`sa-bar__part sa-bar__part--${st}`} style={{ width: `${(100 * counts[st]) / total}%` }} title={t(`sa.status.${st}` as MessageKey)} /> : null))}
                    </span>
                  </div>
                );
              })}
            </div>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('sa.trends.chart', { pillar: p.name })}>
              <table className="table">
                <caption>{t('sa.trends.chart', { pillar: p.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sa.trends.period')}</th>
                    <th scope="col">{t('sa.needs.governments')}</th>
                    {STATUSES.map((st) => (
                      <th scope="col" key={st}>
                        <span className={`sa-swatch sa-bar__part--${st}`} aria-hidden="true" /> {t(`sa.status.${st}` as MessageKey)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {trends.data.series.map((s) => (
                    <tr key={s.period}>
                      <th scope="row">{s.period}</th>
                      <td>{s.governments}</td>
                      {STATUSES.map((st) => (
                        <td key={st}>{s.pillars[p.code]?.[st] ?? 0}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
    </Page>
  );
}
