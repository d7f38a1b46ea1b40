// Measures of the Forum's purpose, as charts with a table behind each: posts by kind, region and
// area; requests answered; cooperatively developed projects; funding sought, pledged and the gap;
// overlaps found and resolved. The server counts only posts the user may see.
import { useResource } from '../api/use-resource.js';
import { formatNumber, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { formatMoney } from '../exchange/post-meta.js';
import { useTaxonomy, type Taxonomy } from '../exchange/taxonomy.js';
import type { PostKind } from '../exchange/types.js';
import { BarChart, type Row } from './bar-chart.js';

export interface Statistics {
  posts: { total: number; byKind: Record<string, number>; byRegion: Record<string, number>; byArea: Record<string, number> };
  requests: { total: number; answered: number; unanswered: number; withdrawn: number };
  cooperation: { projects: number; posts: number };
  overlaps: { found: number; resolved: number; related: number; notDuplicate: number };
  funding: { projectsSeeking: number; projectsWithoutBudget: number; byCurrency: { currency: string; projects: number; sought: string; pledged: string; gap: string }[] };
}

const count = (label: string, n: number, key = label): Row => ({ key, label, values: [n], display: formatNumber(n), cells: [formatNumber(n)] });
const byValue = (a: Row, b: Row) => b.values[0]! - a.values[0]!;

function Figure({ value, label }: { value: number; label: string }) {
  return (
    <div className="stat">
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{formatNumber(value)}</dd>
    </div>
  );
}

function Charts({ s, taxonomy }: { s: Statistics; taxonomy: Taxonomy }) {
  const t = useT();
  const single = [{ key: 'n', label: t('stats.posts'), className: 'chart__bar' }];
  const kinds = taxonomy.postKinds.map((k) => count(t(`kind.${k.code as PostKind}`), s.posts.byKind[k.code] ?? 0, k.code));
  const regions = taxonomy.regions
    .filter((r) => r.parent === null && (s.posts.byRegion[r.code] ?? 0) > 0)
    .map((r) => count(r.name, s.posts.byRegion[r.code] ?? 0, r.code))
    .sort(byValue);
  const areas = taxonomy.areas.map((a) => count(a.label, s.posts.byArea[a.code] ?? 0, a.code)).sort(byValue);
  const requests = [count(t('stats.answered'), s.requests.answered, 'answered'), count(t('stats.unanswered'), s.requests.unanswered, 'unanswered'), count(t('stats.withdrawn'), s.requests.withdrawn, 'withdrawn')];
  const funding: Row[] = s.funding.byCurrency.map((c) => {
    const money = (amount: string) => formatMoney({ amount, currency: c.currency });
    return {
      key: c.currency,
      label: t('stats.fundingRow', { currency: c.currency, count: c.projects }),
      values: [Number(c.pledged), Number(c.gap)],
      display: money(c.sought),
      cells: [formatNumber(c.projects), money(c.sought), money(c.pledged), money(c.gap)],
    };
  });
  return (
    <>
      <section aria-labelledby="stats-summary">
        <h2 id="stats-summary">{t('stats.summary')}</h2>
        <dl className="stats-figures">
          <Figure value={s.posts.total} label={t('stats.totalPosts')} />
          <Figure value={s.requests.answered} label={t('stats.requestsAnswered')} />
          <Figure value={s.requests.unanswered} label={t('stats.requestsUnanswered')} />
          <Figure value={s.cooperation.projects} label={t('stats.cooperativeProjects')} />
          <Figure value={s.funding.projectsSeeking} label={t('stats.projectsSeeking')} />
          <Figure value={s.overlaps.found} label={t('stats.overlapsFound')} />
          <Figure value={s.overlaps.resolved} label={t('stats.overlapsResolved')} />
        </dl>
      </section>
      <section aria-labelledby="stats-posts">
        <h2 id="stats-posts">{t('stats.postsHeading')}</h2>
        <div className="charts">
          <BarChart testId="chart-kind" title={t('stats.byKind')} series={single} rows={kinds} headers={[t('stats.kind'), t('stats.posts')]} empty={t('stats.none')} />
          <BarChart testId="chart-region" title={t('stats.byRegion')} description={t('stats.byRegionNote')} series={single} rows={regions} headers={[t('stats.region'), t('stats.posts')]} empty={t('stats.none')} />
          <BarChart testId="chart-area" title={t('stats.byArea')} description={t('stats.byAreaNote')} series={single} rows={areas} headers={[t('stats.area'), t('stats.posts')]} empty={t('stats.none')} />
        </div>
      </section>
      <section aria-labelledby="stats-cooperation">
        <h2 id="stats-cooperation">{t('stats.cooperationHeading')}</h2>
        <div className="charts">
          <BarChart testId="chart-requests" title={t('stats.requests')} description={t('stats.requestsNote', { count: s.requests.total })} series={[{ key: 'n', label: t('stats.requestsLabel'), className: 'chart__bar' }]} rows={requests} headers={[t('stats.requestState'), t('stats.requestsLabel')]} empty={t('stats.none')} />
        </div>
        <p>{t('stats.cooperationText', { count: s.cooperation.projects, posts: s.cooperation.posts })}</p>
        <p>{t('stats.overlapsText', { count: s.overlaps.found, resolved: s.overlaps.resolved, related: s.overlaps.related, notDuplicate: s.overlaps.notDuplicate })}</p>
      </section>
      <section aria-labelledby="stats-funding">
        <h2 id="stats-funding">{t('stats.fundingHeading')}</h2>
        <BarChart
          testId="chart-funding"
          title={t('stats.funding')}
          description={t('stats.fundingNote')}
          series={[
            { key: 'pledged', label: t('stats.pledged'), className: 'chart__bar' },
            { key: 'gap', label: t('stats.gap'), className: 'chart__bar chart__bar--gap' },
          ]}
          rows={funding}
          headers={[t('stats.currency'), t('stats.projects'), t('stats.sought'), t('stats.pledged'), t('stats.gap')]}
          empty={t('stats.noFunding')}
        />
        {s.funding.projectsWithoutBudget > 0 && <p className="muted">{t('stats.withoutBudget', { count: s.funding.projectsWithoutBudget })}</p>}
      </section>
    </>
  );
}

export function StatisticsPage() {
  const t = useT();
  const stats = useResource<Statistics>('/api/v1/statistics');
  const taxonomy = useTaxonomy();
  return (
    <Page title={t('stats.title')}>
      <p className="lead">{t('stats.intro')}</p>
      {(stats.status === 'loading' || taxonomy.status === 'loading') && <Loading />}
      {stats.status === 'error' && <LoadError error={stats.error} retry={stats.reload} />}
      {taxonomy.status === 'error' && <LoadError error={taxonomy.error} retry={taxonomy.reload} />}
      {stats.status === 'ready' && taxonomy.status === 'ready' && <Charts s={stats.data} taxonomy={taxonomy.data} />}
    </Page>
  );
}
