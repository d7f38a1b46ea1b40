// What coordination shows on a post page (mounted once in exchange/post-page.tsx): where a project
// stands in its lifecycle and, for those allowed, moving it on; the partners and co-authors; the
// lead's management of co-authors and its answers to requests to join; and the request form.
// Everything comes from GET /api/v1/posts/:id/coordination, which already leaves out what the user
// may not see.
import { useState } from 'react';
import { PARTNER_ROLES } from '../../shared/coordination.js';
import { api, isApiError } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useMe } from '../auth/session.js';
import { ConfirmButton } from '../forms/confirm-button.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { RadioGroupField, SelectField, SubmitButton, TextAreaField } from '../forms/fields.js';
import { checkRequired, useForm } from '../forms/use-form.js';
import { compareText, formatDate, formatDateTime, useT } from '../i18n/i18n.js';
import { LoadError, Loading } from '../layout/page.js';
import { useNotice } from '../layout/notice.js';
import type { Post } from '../exchange/types.js';
import type { Coordination, OrganizationRef, PartnershipRequest } from './types.js';
import { OrgLink } from '../organizations/org-link.js';

type Reload = () => void;

function Lifecycle({ post, data, onMoved }: { post: Post; data: Coordination; onMoved: Reload }) {
  const t = useT();
  const notice = useNotice();
  const lifecycle = data.lifecycle!;
  const currentIndex = lifecycle.steps.indexOf(data.status as (typeof lifecycle.steps)[number]);
  const specs = { status: { label: t('coordination.moveTo') } };
  const form = useForm({ status: '' }, specs, { idPrefix: 'lifecycle-' });
  return (
    <section aria-labelledby="lifecycle-heading" className="coord-lifecycle">
      <h2 id="lifecycle-heading">{t('coordination.lifecycle')}</h2>
      <ol className="coord-stepper" aria-label={t('coordination.lifecycleSteps')} data-testid="lifecycle">
        {lifecycle.steps.map((step, index) => {
          const state = currentIndex === -1 ? 'todo' : index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'todo';
          return (
            <li key={step} className={`coord-step coord-step--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="coord-step__marker" aria-hidden="true">
                {state === 'done' ? '✓' : index + 1}
              </span>
              <span className="coord-step__label">
                {t(`postStatus.${step}`)}
                {state !== 'todo' && <span className="visually-hidden"> {t(state === 'done' ? 'coordination.stepDone' : 'coordination.stepCurrent')}</span>}
              </span>
            </li>
          );
        })}
      </ol>
      {data.status === 'withdrawn' && (
        <div className="callout callout--warning">
          <p>{t('coordination.withdrawnNote')}</p>
        </div>
      )}
      {data.permissions.changeStatus &&
        (lifecycle.next.length === 0 ? (
          <p className="muted">{t('coordination.noMoves')}</p>
        ) : (
          <form
            noValidate
            className="coord-inline-form"
            onSubmit={(event) =>
              void form.submit(
                event,
                async (values) => {
                  await api.post<Post>(`/api/v1/posts/${post.id}/status`, { status: values.status, revision: post.revision });
                  form.reset({ status: '' });
                  notice.show(t('coordination.moved', { status: t(`postStatus.${values.status as 'idea'}`) }));
                  onMoved();
                },
                { validate: (values) => checkRequired(values, specs, ['status']) },
              )
            }
          >
            <ErrorSummary problem={form.problem} attempt={form.attempt} />
            <SelectField {...form.field('status')} required placeholder={t('common.choose')} options={lifecycle.next.map((s) => ({ value: s, label: t(`postStatus.${s}`) }))} />
            <SubmitButton busy={form.submitting}>{t('coordination.moveButton')}</SubmitButton>
          </form>
        ))}
    </section>
  );
}

function Partners({ post, data, onChange }: { post: Post; data: Coordination; onChange: Reload }) {
  const t = useT();
  const notice = useNotice();
  const [error, setError] = useState<string | null>(null);
  const rows: { organization: OrganizationRef; role: string; code: string | null; since: string | null }[] = [
    { organization: data.lead, role: t('coordination.lead'), code: null, since: null },
    ...data.coauthors.map((c) => ({ organization: c.organization, role: t('coordination.coauthor'), code: null, since: c.addedAt })),
    ...data.partners
      .filter((p) => p.organization.id !== data.lead.id || p.role !== 'requester')
      .map((p) => ({ organization: p.organization, role: t(`partnerRole.${p.role}`), code: p.role, since: p.since })),
  ];
  const removable = (code: string | null) => data.permissions.managePartners && code !== null && (PARTNER_ROLES as readonly string[]).includes(code);

  async function remove(organization: OrganizationRef, code: string) {
    setError(null);
    try {
      await api.delete(`/api/v1/posts/${post.id}/partners/${organization.id}/${code}`);
      notice.show(t('coordination.partnerRemoved', { organization: organization.name }));
      onChange();
    } catch (e) {
      setError(isApiError(e) ? e.detail || e.title : String(e));
    }
  }

  return (
    <section aria-labelledby="partners-heading" className="coord-partners">
      <h2 id="partners-heading">
        {t('coordination.partners')}{' '}
        {data.cooperative && (
          <span className="badge badge--active coord-badge" title={t('coordination.cooperativeExplained')} data-testid="cooperative">
            {t('coordination.cooperative')}
          </span>
        )}
      </h2>
      {data.cooperative && <p className="visually-hidden">{t('coordination.cooperativeExplained')}</p>}
      <ul className="coord-partner-list" data-testid="partners">
        {rows.map((row) => (
          <li key={`${row.organization.id}-${row.role}`}>
            <strong><OrgLink organization={row.organization} /></strong> <span className="tag">{row.role}</span>
            {row.since && <span className="small muted"> {t('coordination.partnerSince', { date: formatDate(row.since) })}</span>}
            {removable(row.code) && (
              <>
                {' '}
                <ConfirmButton
                  small
                  label={t('coordination.removeButton')}
                  ariaLabel={t('coordination.removePartner', { organization: row.organization.name, role: row.role })}
                  question={t('confirm.removePartner', { organization: row.organization.name, role: row.role })}
                  confirmLabel={t('confirm.removeYes')}
                  onConfirm={() => remove(row.organization, row.code!)}
                />
              </>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {rows.length === 1 && <p className="muted small">{t('coordination.noPartners')}</p>}
    </section>
  );
}

function Coauthors({ post, data, onChange }: { post: Post; data: Coordination; onChange: Reload }) {
  const t = useT();
  const notice = useNotice();
  const directory = useResource<{ items: OrganizationRef[] }>('/api/v1/organizations');
  const [removeError, setRemoveError] = useState<string | null>(null);
  const specs = { organizationId: { label: t('coordination.coauthorOrganization') } };
  const form = useForm({ organizationId: '' }, specs, { idPrefix: 'coauthor-' });
  const taken = new Set([data.lead.id, ...data.coauthors.map((c) => c.organization.id)]);
  // Only organizations that can see the project: on a post for the full tier, the full tier alone.
  const choices = (directory.data?.items ?? [])
    .filter((o) => !taken.has(o.id) && (post.audience === 'all' || o.tier === 'full'))
    .sort((a, b) => compareText(a.name, b.name))
    .map((o) => ({ value: o.id, label: o.name }));

  async function remove(organization: OrganizationRef) {
    setRemoveError(null);
    try {
      await api.delete(`/api/v1/posts/${post.id}/coauthors/${organization.id}`);
      notice.show(t('coordination.coauthorRemoved', { organization: organization.name }));
      onChange();
    } catch (error) {
      setRemoveError(isApiError(error) ? error.detail || error.title : String(error));
    }
  }

  return (
    <section aria-labelledby="coauthors-heading" className="panel coord-coauthors">
      <h2 id="coauthors-heading">{t('coordination.coauthors')}</h2>
      <p>{t('coordination.coauthorsIntro')}</p>
      {data.coauthors.length === 0 ? (
        <p className="muted">{t('coordination.noCoauthors')}</p>
      ) : (
        <ul className="coord-coauthor-list">
          {data.coauthors.map((c) => (
            <li key={c.organization.id}>
              <span><OrgLink organization={c.organization} /></span>{' '}
              <ConfirmButton
                small
                label={t('coordination.removeButton')}
                ariaLabel={t('coordination.removeCoauthor', { organization: c.organization.name })}
                question={t('confirm.removeCoauthor', { organization: c.organization.name })}
                confirmLabel={t('confirm.removeYes')}
                onConfirm={() => remove(c.organization)}
              />
            </li>
          ))}
        </ul>
      )}
      {removeError && (
        <p className="field__error" role="alert">
          {removeError}
        </p>
      )}
      <h3>{t('coordination.addCoauthor')}</h3>
      {directory.status === 'error' && <LoadError error={directory.error} retry={directory.reload} />}
      <form
        noValidate
        onSubmit={(event) =>
          void form.submit(
            event,
            async (values) => {
              await api.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: values.organizationId });
              const name = choices.find((c) => c.value === values.organizationId)?.label ?? '';
              form.reset({ organizationId: '' });
              notice.show(t('coordination.coauthorAdded', { organization: name }));
              onChange();
            },
            { validate: (values) => checkRequired(values, specs, ['organizationId']) },
          )
        }
      >
        <ErrorSummary problem={form.problem} attempt={form.attempt} />
        <SelectField
          {...form.field('organizationId')}
          required
          placeholder={t('common.choose')}
          hint={t(post.audience === 'full' ? 'coordination.coauthorHintFull' : 'coordination.coauthorHintAll')}
          options={choices}
        />
        <SubmitButton busy={form.submitting}>{t('coordination.addCoauthorButton')}</SubmitButton>
      </form>
    </section>
  );
}

function LeaveCoauthorship({ post, onLeft }: { post: Post; onLeft: Reload }) {
  const t = useT();
  const me = useMe();
  const notice = useNotice();
  const [error, setError] = useState<string | null>(null);
  async function leave() {
    setError(null);
    try {
      await api.delete(`/api/v1/posts/${post.id}/coauthors/${me.organization.id}`);
      notice.show(t('coordination.left'));
      onLeft();
    } catch (e) {
      setError(isApiError(e) ? e.detail || e.title : String(e));
    }
  }
  return (
    <p className="coord-leave">
      {t('coordination.leaveIntro')}{' '}
      <ConfirmButton small label={t('coordination.leave')} question={t('confirm.leave')} confirmLabel={t('confirm.leaveYes')} onConfirm={leave} />
      {error && (
        <span className="field__error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </p>
  );
}

function RequestCard({ request, onDecided }: { request: PartnershipRequest; onDecided: (request: PartnershipRequest, action: 'accept' | 'decline' | 'withdraw') => void }) {
  const t = useT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noteId = `request-${request.id}-note`;
  const canDecide = request.permissions.accept || request.permissions.decline;

  async function act(action: 'accept' | 'decline' | 'withdraw') {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const body = action !== 'withdraw' && note.trim() ? { note: note.trim() } : {};
      onDecided(await api.post<PartnershipRequest>(`/api/v1/partnership-requests/${request.id}/${action}`, body), action);
    } catch (e) {
      setError(isApiError(e) ? e.detail || e.title : String(e));
    } finally {
      setBusy(false);
    }
  }

  const headingId = `request-${request.id}-title`;
  return (
    <article className="card coord-request" aria-labelledby={headingId} data-testid="partnership-request">
      <h3 className="card__title" id={headingId}>
        {t('coordination.requestBy', { organization: request.organization.name, role: t(`partnerRole.${request.role}`).toLowerCase() })}
      </h3>
      <p className="card__subtitle">
        {t('coordination.requestedOn', { name: request.requestedBy.name, date: formatDateTime(request.createdAt) })}{' '}
        <span className={`badge badge--${request.status === 'accepted' ? 'active' : request.status === 'pending' ? 'pending' : 'deactivated'}`}>{t(`partnershipStatus.${request.status}`)}</span>
      </p>
      <p className="prewrap">{request.message}</p>
      {request.decisionNote && <p className="muted">{t('coordination.decisionNote', { note: request.decisionNote })}</p>}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {canDecide && (
        <div className="field">
          <div className="field__label">
            <label htmlFor={noteId}>{t('coordination.noteField', { organization: request.organization.name })}</label>
          </div>
          <textarea id={noteId} rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
        </div>
      )}
      {(canDecide || request.permissions.withdraw) && (
        <div className="button-row">
          {request.permissions.accept && (
            <button type="button" className="button button--primary" aria-disabled={busy || undefined} onClick={() => void act('accept')}>
              {t('coordination.accept')}
            </button>
          )}
          {request.permissions.decline && (
            <button type="button" className="button button--secondary" aria-disabled={busy || undefined} onClick={() => void act('decline')}>
              {t('coordination.decline')}
            </button>
          )}
          {request.permissions.withdraw && (
            <button type="button" className="button button--secondary" aria-disabled={busy || undefined} onClick={() => void act('withdraw')}>
              {t('coordination.withdraw')}
            </button>
          )}
        </div>
      )}
    </article>
  );
}

function Requests({ data, onChange }: { data: Coordination; onChange: Reload }) {
  const t = useT();
  const notice = useNotice();
  const lead = data.permissions.decidePartnerships;
  if (!lead && data.requests.length === 0) return null;
  const ordered = [...data.requests].sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending'));
  function decided(request: PartnershipRequest, action: 'accept' | 'decline' | 'withdraw') {
    notice.show(t(action === 'accept' ? 'coordination.accepted' : action === 'decline' ? 'coordination.declined' : 'coordination.withdrawn', { organization: request.organization.name }));
    onChange();
  }
  return (
    <section aria-labelledby="requests-heading" className="coord-requests">
      <h2 id="requests-heading">{t(lead ? 'coordination.requests' : 'coordination.yourRequests')}</h2>
      {ordered.length === 0 ? (
        <p className="empty">{t('coordination.noRequests')}</p>
      ) : (
        <div className="cards">
          {ordered.map((r) => (
            <RequestCard key={r.id} request={r} onDecided={decided} />
          ))}
        </div>
      )}
    </section>
  );
}

function RequestForm({ post, onSent }: { post: Post; onSent: Reload }) {
  const t = useT();
  const notice = useNotice();
  const specs = { role: { label: t('coordination.role') }, message: { label: t('coordination.message') } };
  const form = useForm({ role: '', message: '' }, specs, { idPrefix: 'partnership-' });
  return (
    <section aria-labelledby="ask-heading" className="panel coord-ask">
      <h2 id="ask-heading">{t('coordination.askToJoin')}</h2>
      <p>{t('coordination.askIntro')}</p>
      <form
        noValidate
        onSubmit={(event) =>
          void form.submit(
            event,
            async (values) => {
              await api.post(`/api/v1/posts/${post.id}/partnership-requests`, { role: values.role, message: values.message.trim() });
              form.reset({ role: '', message: '' });
              notice.show(t('coordination.requestSent'));
              onSent();
            },
            { validate: (values) => checkRequired(values, specs, ['role', 'message']) },
          )
        }
      >
        <ErrorSummary problem={form.problem} attempt={form.attempt} />
        <RadioGroupField {...form.field('role')} required options={PARTNER_ROLES.map((r) => ({ value: r, label: t(`partnerRole.${r}`) }))} />
        <TextAreaField {...form.field('message')} required rows={4} maxLength={5000} hint={t('coordination.messageHint')} />
        <SubmitButton busy={form.submitting}>{t('coordination.sendRequest')}</SubmitButton>
      </form>
    </section>
  );
}

/** The coordination block of a post page. `onPostChange` refreshes the post (status, revision). */
export function ProjectCoordination({ post, onPostChange }: { post: Post; onPostChange: () => void }) {
  const resource = useResource<Coordination>(`/api/v1/posts/${post.id}/coordination`);
  const { reload } = resource;
  const changed = () => {
    reload();
    onPostChange();
  };
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <LoadError error={resource.error} retry={reload} />;
  const data = resource.data;
  if (!data.isProject) return data.partners.length > 0 ? <Partners post={post} data={data} onChange={changed} /> : null;
  return (
    <div className="coord" data-testid="coordination">
      <Lifecycle key={`${data.status}-${post.revision}`} post={post} data={data} onMoved={changed} />
      <Partners post={post} data={data} onChange={changed} />
      {data.permissions.leaveCoauthorship && <LeaveCoauthorship post={post} onLeft={changed} />}
      {data.permissions.manageCoauthors && <Coauthors post={post} data={data} onChange={changed} />}
      <Requests data={data} onChange={changed} />
      {data.permissions.requestPartnership && <RequestForm post={post} onSent={changed} />}
    </div>
  );
}
