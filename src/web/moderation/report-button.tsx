// "Report": a participant tells the organizers that a post, comment, offer or document is wrong,
// with a reason. Shown on what others wrote; the reported person is never told who reported.
import { useState } from 'react';
import { api, isApiError } from '../api/client.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { RadioGroupField, SubmitButton, TextAreaField } from '../forms/fields.js';
import { useForm } from '../forms/use-form.js';
import { useT } from '../i18n/i18n.js';
import { REPORT_REASONS, type ReportTargetType } from '../../shared/moderation.js';

export function ReportButton({ type, id, authorId, meId }: { type: ReportTargetType; id: string; authorId: string; meId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const what = t(`reportTarget.${type}`).toLowerCase();
  const specs = { reason: { label: t('report.reason') }, detail: { label: t('report.detail'), errorName: t('report.detailRequired') } };
  const form = useForm({ reason: '', detail: '' }, specs, { idPrefix: `report-${id}-` });
  if (authorId === meId) return null;
  if (done) {
    return (
      <p className="report__done" role="status">
        {done}
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" className="button button--small button--secondary report__button" onClick={() => setOpen(true)} aria-label={t('report.buttonFor', { what })}>
        {t('report.button')}
      </button>
    );
  }
  return (
    <form
      className="report__form panel"
      aria-label={t('report.formLabel', { what })}
      noValidate
      onSubmit={(event) =>
        void form.submit(
          event,
          async (values) => {
            try {
              await api.post('/api/v1/reports', { target: { type, id }, reason: values.reason, ...(values.detail.trim() ? { detail: values.detail.trim() } : {}) });
              setDone(t('report.sent'));
            } catch (error) {
              if (isApiError(error) && error.slug === 'already-reported') setDone(t('report.already'));
              else throw error;
            }
          },
          {
            validate: (values) => ({
              ...(values.reason ? {} : { reason: t('validation.required', { name: specs.reason.label }) }),
              ...(values.reason === 'other' && values.detail.trim().length < 5 ? { detail: t('validation.required', { name: specs.detail.errorName }) } : {}),
            }),
          },
        )
      }
    >
      <ErrorSummary problem={form.problem} attempt={form.attempt} />
      <p className="field__hint">{t('report.hint')}</p>
      <RadioGroupField {...form.field('reason')} required options={REPORT_REASONS.map((r) => ({ value: r, label: t(`reportReason.${r}`) }))} />
      <TextAreaField {...form.field('detail')} rows={3} maxLength={2000} />
      <div className="form-actions">
        <SubmitButton busy={form.submitting}>{t('report.send')}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
