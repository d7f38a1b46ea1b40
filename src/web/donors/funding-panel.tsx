// The funding panel of a project's page: budget, what is pledged and the remaining gap; interest
// and pledges for those who may fund; the pledges themselves for those who may see them.
import { useId, useState } from 'react';
import { api, isApiError, request } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { SubmitButton, TextAreaField, TextField } from '../forms/fields.js';
import { checkRequired, useForm } from '../forms/use-form.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { useNotice } from '../layout/notice.js';
import { LoadError, Loading } from '../layout/page.js';
import { formatMoney } from '../exchange/post-meta.js';
import { normalizeAmount, parseAmount } from '../../shared/money.js';
import type { Post } from '../exchange/types.js';
import { PROJECT_KINDS } from '../../shared/funding.js';
import type { Funding, FundingTotals, Pledge } from './types.js';
import { Detail } from '../layout/detail.js';
import { useAction } from '../forms/use-action.js';
import { OrgLink, withLinks } from '../organizations/org-link.js';

const isProject = (kind: string) => (PROJECT_KINDS as readonly string[]).includes(kind);

/** Pledged out of target as a bar; the numbers themselves are always given in text next to it. */
export function FundingBar({ totals }: { totals: FundingTotals }) {
  if (!totals.target || !totals.pledged) return null;
  const target = Number(totals.target.amount);
  const share = target > 0 ? Math.min(1, Number(totals.pledged.amount) / target) : 0;
  return (
    <svg className="funding-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width="100" height="8" className="funding-bar__gap" />
      <rect x="0" y="0" width={(share * 100).toFixed(2)} height="8" className="funding-bar__pledged" />
    </svg>
  );
}

export function FundingFigures({ totals, budget }: { totals: FundingTotals; budget?: Funding['budget'] }) {
  const t = useT();
  return (
    <dl className="details funding-figures">
      {budget && (
        <Detail term={t('funding.budget')}>{formatMoney(budget)}</Detail>
      )}
      {totals.target && (
        <Detail term={t('funding.target')}>{formatMoney(totals.target)}</Detail>
      )}
      {totals.pledged && (
        <Detail term={t('funding.pledged')} testId="funding-pledged">{formatMoney(totals.pledged)}</Detail>
      )}
      {totals.gap && (
        <div>
          <dt>{t('funding.gap')}</dt>
          <dd data-testid="funding-gap">
            <strong>{formatMoney(totals.gap)}</strong>
          </dd>
        </div>
      )}
      {totals.otherCurrencies.length > 0 && (
        <div>
          <dt>{t('funding.otherCurrencies')}</dt>
          <dd>
            {totals.otherCurrencies.map(formatMoney).join(', ')} <span className="muted small">{t('funding.otherCurrenciesNote')}</span>
          </dd>
        </div>
      )}
      <div>
        <dt>{t('funding.counts')}</dt>
        <dd>
          {t('funding.pledgeCount', { count: totals.pledgeCount })} · {t('funding.interestCount', { count: totals.interestCount })}
        </dd>
      </div>
    </dl>
  );
}

function PledgeCard({ pledge, onChange }: { pledge: Pledge; onChange: () => void }) {
  const t = useT();
  const notice = useNotice();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function act(action: 'confirm' | 'withdraw') {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.post<Pledge>(`/api/v1/pledges/${pledge.id}/${action}`, {});
      notice.show(t(action === 'confirm' ? 'funding.pledgeConfirmed' : 'funding.pledgeWithdrawn'));
      onChange();
    } catch (caught) {
      setError(isApiError(caught) ? caught.detail || caught.title : String(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <li className="card pledge" aria-labelledby={headingId}>
      <p className="card__title" id={headingId}>
        {withLinks(t, 'funding.pledgeLine', { amount: formatMoney(pledge.amount) }, { organization: <OrgLink organization={pledge.organization} /> })}
      </p>
      <p className="card__subtitle">
        <span className={`badge badge--pledge-${pledge.status}`}>{t(`pledgeStatus.${pledge.status}`)}</span>{' '}
        <span className="muted small">{t('funding.pledgedBy', { name: pledge.author.name, date: formatDateTime(pledge.createdAt) })}</span>
      </p>
      {pledge.conditions && (
        <p>
          <span className="muted">{t('funding.conditions')}: </span>
          {pledge.conditions}
        </p>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {(pledge.permissions.confirm || pledge.permissions.withdraw) && (
        <div className="button-row">
          {pledge.permissions.confirm && (
            <button type="button" className="button button--small button--primary" onClick={() => void act('confirm')} aria-disabled={busy || undefined} aria-describedby={headingId}>
              {t('funding.confirm')}
            </button>
          )}
          {pledge.permissions.withdraw && (
            <button type="button" className="button button--small button--secondary" onClick={() => void act('withdraw')} aria-disabled={busy || undefined} aria-describedby={headingId}>
              {t('funding.withdraw')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function PledgeForm({ postId, currency, onPledged }: { postId: string; currency: string; onPledged: () => void }) {
  const t = useT();
  const notice = useNotice();
  const specs = { amount: { label: t('funding.amount') }, currency: { label: t('funding.currency') }, conditions: { label: t('funding.conditionsField') } };
  const initial = { amount: '', currency, conditions: '' };
  const form = useForm(initial, specs, { idPrefix: 'pledge-' });
  return (
    <section aria-labelledby="pledge-heading" className="panel">
      <h3 id="pledge-heading">{t('funding.pledgeHeading')}</h3>
      <p className="muted">{t('funding.pledgeIntro')}</p>
      <form
        noValidate
        onSubmit={(event) =>
          void form.submit(
            event,
            async (values) => {
              await api.post<Pledge>(`/api/v1/posts/${postId}/pledges`, {
                amount: normalizeAmount(values.amount),
                currency: (values.currency.trim() || parseAmount(values.amount)?.currency || '').toUpperCase(),
                ...(values.conditions.trim() ? { conditions: values.conditions.trim() } : {}),
              });
              form.reset({ amount: '', currency: values.currency, conditions: '' });
              notice.show(t('funding.pledgeSent'));
              onPledged();
            },
            { validate: (values) => checkRequired(values, specs, ['amount', 'currency']) },
          )
        }
      >
        <ErrorSummary problem={form.problem} attempt={form.attempt} />
        <div className="funding-form__money">
          <TextField {...form.field('amount')} required maxLength={24} hint={t('funding.amountHint')} inputMode="decimal" />
          <TextField {...form.field('currency')} required maxLength={3} hint={t('funding.currencyHint')} spellCheck={false} />
        </div>
        <TextAreaField {...form.field('conditions')} rows={3} maxLength={2000} hint={t('funding.conditionsHint')} />
        <SubmitButton busy={form.submitting}>{t('funding.pledgeSubmit')}</SubmitButton>
      </form>
    </section>
  );
}

function InterestButton({ funding, onChange }: { funding: Funding; onChange: (f: Funding) => void }) {
  const t = useT();
  const notice = useNotice();
  const { busy, error, run } = useAction();
  const toggle = () =>
    run(async () => {
      const path = `/api/v1/posts/${funding.postId}/interest`;
      const next = funding.myInterest ? await api.delete<Funding>(path) : await request<Funding>('PUT', path, {});
      onChange(next);
      notice.show(t(next.myInterest ? 'funding.interestMarked' : 'funding.interestRemoved'));
    });
  return (
    <div className="button-row">
      <button type="button" className={funding.myInterest ? 'button button--secondary' : 'button button--primary'} onClick={() => void toggle()} aria-disabled={busy || undefined} aria-pressed={funding.myInterest}>
        {t('funding.interestButton')}
      </button>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Panel({ post }: { post: Post }) {
  const t = useT();
  const funding = useResource<Funding>(`/api/v1/posts/${encodeURIComponent(post.id)}/funding`);
  const reload = () => void api.get<Funding>(`/api/v1/posts/${encodeURIComponent(post.id)}/funding`).then((f) => funding.setData(() => f), () => undefined);
  if (funding.status === 'error' && funding.error.status === 404) return null;
  const data = funding.data;
  // Nothing to say about a project that neither seeks money nor has any pledge or interest.
  // (The server would take a pledge on any project; the form is offered where money is sought.)
  if (funding.status === 'ready' && data && !data.seekingFunding && data.totals.pledgeCount === 0 && data.totals.interestCount === 0) return null;
  return (
    <section aria-labelledby="funding-heading" className="funding-panel">
      <h2 id="funding-heading">{t('funding.heading')}</h2>
      {funding.status === 'loading' && <Loading />}
      {funding.status === 'error' && <LoadError error={funding.error} retry={funding.reload} />}
      {funding.status === 'ready' && data && (
        <>
          {data.seekingFunding ? <p className="lead">{t('funding.seeking')}</p> : <p className="muted">{t('funding.notSeeking')}</p>}
          <FundingBar totals={data.totals} />
          <FundingFigures totals={data.totals} budget={data.budget} />
          {data.permissions.interest && <InterestButton funding={data} onChange={(f) => funding.setData(() => f)} />}
          {data.pledges.length > 0 && (
            <>
              <h3>{data.permissions.readAll ? t('funding.allPledges') : t('funding.yourPledges')}</h3>
              <ul className="cards pledges">
                {data.pledges.map((p) => (
                  <PledgeCard key={p.id} pledge={p} onChange={reload} />
                ))}
              </ul>
            </>
          )}
          {data.permissions.readAll && data.interests.length > 0 && (
            <>
              <h3>{t('funding.interested')}</h3>
              <ul className="funding-interests">
                {data.interests.map((i) => (
                  <li key={i.organization.id}>
                    {i.organization.name}
                    {i.note && <span className="muted"> – {i.note}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {data.permissions.pledge && data.seekingFunding && <PledgeForm postId={post.id} currency={data.totals.target?.currency ?? data.budget?.currency ?? 'USD'} onPledged={reload} />}
        </>
      )}
    </section>
  );
}

/** Mounted on every post page; shows itself on projects only. */
export function FundingPanel({ post }: { post: Post }) {
  if (!isProject(post.kind)) return null;
  return <Panel key={post.id} post={post} />;
}
