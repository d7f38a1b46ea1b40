// One application: who applies and why, and the organizer's decision (approve, or reject with a
// reason that is mailed to the applicant).
import { useEffect, useId, useRef, useState } from 'react';
import { api, isApiError, type ApiError } from '../api/client.js';
import type { Application } from '../api/types.js';
import { ConfirmButton } from '../forms/confirm-button.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { SubmitButton, TextAreaField } from '../forms/fields.js';
import { checkRequired, fieldId, useForm, type FieldSpec } from '../forms/use-form.js';
import { formatCountry, formatDate, formatDateTime, useT } from '../i18n/i18n.js';

interface Props {
  application: Application;
  onChange: (application: Application) => void;
}

type RejectValues = { reason: string };

const isWebAddress = (value: string | null): value is string => !!value && /^https?:\/\//i.test(value);

export function ApplicationCard({ application, onChange }: Props) {
  const t = useT();
  const headingId = useId();
  const [rejecting, setRejecting] = useState(false);
  const [approving, setApproving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [decidedNow, setDecidedNow] = useState(false);
  const [focus, setFocus] = useState<'decision' | 'reject-button' | 'reason' | null>(null);
  const decisionRef = useRef<HTMLParagraphElement>(null);
  const rejectButtonRef = useRef<HTMLButtonElement>(null);
  const specs: Record<keyof RejectValues, FieldSpec> = { reason: { label: t('applications.reject.reason'), errorName: t('applications.reject.reason.errorName') } };
  const idPrefix = `a${application.id}-`;
  const form = useForm<RejectValues>({ reason: '' }, specs, { idPrefix });
  const { organization: org, focalPoint } = application;
  const pending = application.status === 'pending';

  useEffect(() => {
    if (focus === 'decision') decisionRef.current?.focus();
    else if (focus === 'reject-button') rejectButtonRef.current?.focus();
    else if (focus === 'reason') document.getElementById(fieldId('reason', idPrefix))?.focus();
    if (focus) setFocus(null);
  }, [focus, idPrefix]);

  async function approve() {
    if (approving) return;
    setApproving(true);
    setError(null);
    try {
      const result = await api.post<{ application: Application }>(`/api/v1/applications/${encodeURIComponent(application.id)}/approve`, {});
      onChange(result.application);
      setDecidedNow(true);
      setFocus('decision');
    } catch (caught) {
      if (isApiError(caught)) setError(caught);
      else throw caught;
    } finally {
      setApproving(false);
    }
  }

  async function reject(values: RejectValues) {
    const result = await api.post<{ application: Application }>(`/api/v1/applications/${encodeURIComponent(application.id)}/reject`, { reason: values.reason.trim() });
    setRejecting(false);
    onChange(result.application);
    setDecidedNow(true);
    setFocus('decision');
  }

  return (
    <article className="card application" aria-labelledby={headingId}>
      <h3 id={headingId} className="card__title">
        {org.name}
      </h3>
      <p className="muted">
        {t('applications.received', { date: formatDateTime(application.createdAt) })}
      </p>

      {pending && application.emailKnown && (
        <div className="callout callout--warning">
          <p>
            <strong>{t('common.warning')}</strong> {t('applications.emailKnown', { email: focalPoint.email })}
          </p>
        </div>
      )}

      <dl className="details">
        <div>
          <dt>{t('common.category')}</dt>
          <dd>{t(`category.${org.category}`)}</dd>
        </div>
        <div>
          <dt>{t('common.country')}</dt>
          <dd>{formatCountry(org.country)}</dd>
        </div>
        <div>
          <dt>{t('common.website')}</dt>
          <dd>
            {isWebAddress(org.website) ? (
              <a href={org.website} rel="noopener noreferrer nofollow" target="_blank">
                {org.website}
                <span className="visually-hidden"> {t('common.opensInNewTab')}</span>
              </a>
            ) : (
              (org.website ?? t('common.none'))
            )}
          </dd>
        </div>
        <div>
          <dt>{t('applications.focalPoint')}</dt>
          <dd>
            {focalPoint.name}, {focalPoint.title}
            <br />
            <a href={`mailto:${focalPoint.email}`}>{focalPoint.email}</a>
          </dd>
        </div>
      </dl>

      <h4 className="card__subtitle">{t('applications.motivation')}</h4>
      <p className="prewrap">{application.motivation}</p>

      {!pending && (
        <p className="decision" tabIndex={-1} ref={decisionRef}>
          <span className={`badge badge--${application.status}`}>{t(`applicationStatus.${application.status}`)}</span>
          {application.decidedAt && (
            <span className="decision__date">
              {t('applications.decidedOn', { date: formatDate(application.decidedAt) })}
            </span>
          )}
        </p>
      )}
      {application.status === 'rejected' && application.decisionReason && (
        <p>
          <strong>{t('applications.reasonGiven')}</strong> <span className="prewrap">{application.decisionReason}</span>
        </p>
      )}
      {decidedNow && <p>{t(application.status === 'approved' ? 'applications.approvedNote' : 'applications.rejectedNote', { email: focalPoint.email })}</p>}

      {error && (
        <div className="callout callout--error" role="alert">
          <p className="callout-title">{error.title}</p>
          {error.detail && <p>{error.detail}</p>}
        </div>
      )}

      {pending && !rejecting && (
        <div className="card__actions">
          <ConfirmButton
            label={t('applications.approve')}
            variant="primary"
            busy={approving}
            question={t('confirm.approve', { organization: org.name, email: focalPoint.email })}
            confirmLabel={t('confirm.approveYes')}
            onConfirm={approve}
          />
          <button
            type="button"
            ref={rejectButtonRef}
            className="button button--secondary"
            onClick={() => {
              setRejecting(true);
              setError(null);
              setFocus('reason');
            }}
            aria-describedby={headingId}
          >
            {t('applications.reject')}
          </button>
          <span role="status" className="form-actions__status">
            {approving ? t('common.sending') : ''}
          </span>
        </div>
      )}

      {pending && rejecting && (
        <form
          className="reject-form"
          noValidate
          aria-label={t('applications.reject.formLabel', { organization: org.name })}
          onSubmit={(event) => void form.submit(event, reject, { validate: (values) => checkRequired(values, specs, ['reason']) })}
        >
          <ErrorSummary problem={form.problem} attempt={form.attempt} />
          <TextAreaField {...form.field('reason')} required rows={4} hint={t('applications.reject.hint')} />
          <div className="button-row">
            <SubmitButton busy={form.submitting} variant="danger">
              {t('applications.reject.submit')}
            </SubmitButton>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setRejecting(false);
                setFocus('reject-button');
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </article>
  );
}
