// /requests-to-answer: open technical-assistance requests the user's organization may see and
// answer that fit its declared expertise, best fit first, with the reasons.
import { Link } from 'wouter';
import { useMe } from '../auth/session.js';
import { useResource } from '../api/use-resource.js';
import { formatDate, useT } from '../i18n/i18n.js';
import { useTaxonomy } from '../exchange/taxonomy.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { formatScore, ReasonLine } from '../overlap/reasons.js';
import type { Suggestion } from '../overlap/types.js';

export function RequestsToAnswerPage() {
  const t = useT();
  const me = useMe();
  const taxonomy = useTaxonomy();
  const list = useResource<{ hasProfile: boolean; items: Suggestion[] }>('/api/v1/me/requests-to-answer');
  return (
    <Page title={t('matching.requests.title')}>
      <p className="lead">{t('matching.requests.intro')}</p>
      {(list.status === 'loading' || taxonomy.status === 'loading') && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' && taxonomy.status === 'ready' && (
        <>
          {!list.data.hasProfile && (
            <div className="callout">
              <p>{t('matching.requests.noProfile')}</p>
              <p>{me.role === 'focal_point' ? <Link href="/organization#expertise-heading">{t('matching.requests.fillProfile')}</Link> : t('matching.requests.askFocalPoint')}</p>
            </div>
          )}
          {list.data.hasProfile && list.data.items.length === 0 && <p className="empty">{t('matching.requests.empty')}</p>}
          {list.data.items.length > 0 && (
            <ul className="overlap-list overlap-list--cards">
              {list.data.items.map((s) => (
                <li key={s.post.id} className="card">
                  <h2 className="card__title">
                    <Link href={`/posts/${s.post.id}`}>{s.post.title}</Link>
                  </h2>
                  <p className="small muted">
                    {t('overlap.post.by', { organization: s.post.organization.name })} · {formatDate(s.post.createdAt)} · <span className="overlap-score">{formatScore(t, s.score)}</span>
                  </p>
                  <p className="small">{s.post.summary}</p>
                  <ReasonLine reasons={s.reasons} taxonomy={taxonomy.data} prefix="matching" />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  );
}
