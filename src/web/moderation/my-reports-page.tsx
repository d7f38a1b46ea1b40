// Your reports (/reports) and what became of them, in general terms.
import { useResource } from '../api/use-resource.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import type { ReportReason, ReportTargetType } from '../../shared/moderation.js';

interface MyReport {
  id: string;
  target: { type: ReportTargetType; id: string };
  reason: ReportReason;
  createdAt: string;
  status: 'open' | 'reviewed';
  outcome: 'no_action' | 'removed' | 'author_asked_to_edit' | null;
}

export function MyReportsPage() {
  const t = useT();
  const list = useResource<{ items: MyReport[] }>('/api/v1/me/reports');
  return (
    <Page title={t('myReports.title')} width="narrow">
      <p className="lead">{t('myReports.intro')}</p>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t('myReports.empty')}</p>
        ) : (
          <ul className="plain-list">
            {list.data.items.map((r) => (
              <li key={r.id}>
                <strong>{t(`reportTarget.${r.target.type}`)}</strong> · {t(`reportReason.${r.reason}`)} · <span className="muted">{formatDateTime(r.createdAt)}</span>
                <br />
                {r.outcome ? t(`myReports.outcome.${r.outcome}`) : t('myReports.waiting')}
              </li>
            ))}
          </ul>
        ))}
    </Page>
  );
}
