// The organizers' one moderation queue (/organizer/moderation): reports and the privacy guard's
// flags, one card per item with the item in context, oldest first; one decision per item.
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { RadioGroupField, SubmitButton, TextAreaField } from '../forms/fields.js';
import { useForm } from '../forms/use-form.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { useNotice } from '../layout/notice.js';
import { MODERATION_ACTIONS, type ModerationAction } from '../../shared/moderation.js';
import type { QueueItem } from './types.js';
import { OrgLink, withLinks } from '../organizations/org-link.js';

function DecisionForm({ item, onDecided }: { item: QueueItem; onDecided: () => void }) {
  const t = useT();
  const notice = useNotice();
  const specs = { action: { label: t('moderation.action') }, note: { label: t('moderation.note'), errorName: t('moderation.noteRequired') } };
  const form = useForm({ action: '', note: '' }, specs, { idPrefix: `decide-${item.target.id}-` });
  const first = item.reports[0]!;
  return (
    <form
      noValidate
      className="moderation-decision"
      aria-label={t('moderation.decide')}
      onSubmit={(event) =>
        void form.submit(
          event,
          async (values) => {
            await api.post(`/api/v1/reports/${first.id}/resolve`, { action: values.action, ...(values.note.trim() ? { note: values.note.trim() } : {}) });
            notice.show(t('moderation.decided'));
            onDecided();
          },
          {
            validate: (values) => ({
              ...(values.action ? {} : { action: t('validation.required', { name: specs.action.label }) }),
              ...(values.action && values.action !== 'dismiss' && values.note.trim().length < 5 ? { note: t('validation.required', { name: specs.note.errorName }) } : {}),
            }),
          },
        )
      }
    >
      <ErrorSummary problem={form.problem} attempt={form.attempt} />
      <RadioGroupField {...form.field('action')} required options={MODERATION_ACTIONS.filter((a) => item.context || a === 'dismiss').map((a) => ({ value: a, label: t(`moderationAction.${a}`) }))} />
      <TextAreaField {...form.field('note')} rows={3} maxLength={2000} hint={t('moderation.noteHint')} />
      <SubmitButton busy={form.submitting}>{t('moderation.submit')}</SubmitButton>
    </form>
  );
}

function QueueCard({ item, onDecided }: { item: QueueItem; onDecided: () => void }) {
  const t = useT();
  const headingId = useId();
  const c = item.context;
  return (
    <article className="card queue-card" aria-labelledby={headingId} data-testid="queue-item">
      <p className="muted small">{t(`reportTarget.${item.target.type}`)}</p>
      <h2 className="card__title" id={headingId}>
        {c ? <Link href={c.path}>{c.title}</Link> : t('moderation.gone')}
      </h2>
      {c && <p className="card__subtitle">{withLinks(t, 'moderation.by', { author: c.author.name }, { organization: <OrgLink organization={c.organization} /> })}</p>}
      {item.autoHidden ? (
        <p className="callout callout--warning">{t('moderation.autoHidden')}</p>
      ) : (
        c?.hidden && <p className="muted">{t('moderation.hidden', { reason: c.hidden.reason })}</p>
      )}
      {c && <blockquote className="queue-card__excerpt prewrap">{c.excerpt}</blockquote>}
      <h3>{t('moderation.reports')}</h3>
      <ul className="queue-card__reports">
        {item.reports.map((r) => (
          <li key={r.id}>
            <strong>{t(`reportReason.${r.reason}`)}</strong>
            {' · '}
            {r.reporter
              ? withLinks(t, 'moderation.reporter', { name: r.reporter.name }, { organization: r.reporter.organizationId ? <OrgLink organization={{ id: r.reporter.organizationId, name: r.reporter.organization }} /> : r.reporter.organization })
              : r.reporterWithheld
                ? t('moderation.reporterWithheld')
                : t('moderation.guard', { findings: [...new Set(r.findings.map((f) => t(`finding.${f.kind}`)))].join(', ') })}
            {' · '}
            <span className="muted small">{formatDateTime(r.createdAt)}</span>
            {r.detail && (r.reporter || r.reporterWithheld) && <p className="prewrap">{r.detail}</p>}
          </li>
        ))}
      </ul>
      {item.decision ? (
        <p>
          <span className="badge">{t(`moderationDone.${item.decision.action}`)}</span> {t('moderation.decision', { action: t(`moderationDone.${item.decision.action}`), date: formatDateTime(item.decision.decidedAt), name: item.decision.decidedBy || '–' })}
          {item.decision.note && <span className="prewrap"> “{item.decision.note}”</span>}
        </p>
      ) : (
        <DecisionForm item={item} onDecided={onDecided} />
      )}
    </article>
  );
}

export function ModerationPage() {
  const t = useT();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const list = useResource<{ items: QueueItem[]; total: number }>(`/api/v1/reports?status=${status}&limit=100`);
  return (
    <Page title={t('moderation.title')}>
      <p className="lead">{t('moderation.intro')}</p>
      <div className="tabs" role="group" aria-label={t('moderation.title')}>
        {(['open', 'resolved'] as const).map((s) => (
          <button key={s} type="button" className={s === status ? 'button button--small button--primary' : 'button button--small button--secondary'} aria-pressed={s === status} onClick={() => setStatus(s)}>
            {t(`moderation.tab.${s}`)}
          </button>
        ))}
      </div>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t(`moderation.empty.${status}`)}</p>
        ) : (
          <>
            {status === 'open' && <p className="results__total" role="status">{t('moderation.count', { count: list.data.total })}</p>}
            <div className="cards">
              {list.data.items.map((item) => (
                <QueueCard key={`${item.target.type}:${item.target.id}`} item={item} onDecided={() => list.setData((d) => ({ items: d.items.filter((i) => i !== item), total: d.total - 1 }))} />
              ))}
            </div>
          </>
        ))}
    </Page>
  );
}

export type { ModerationAction };
