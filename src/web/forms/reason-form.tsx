// Confirming a moderation step: the organizer gives a reason (kept in the audit log) before an
// organization or an account is switched off, or a post or comment is hidden. Used inline, under
// the button that opened it.
import { useEffect } from 'react';
import { ErrorSummary } from '../forms/error-summary.js';
import { SubmitButton, TextAreaField } from '../forms/fields.js';
import { checkRequired, fieldId, useForm, type FieldSpec } from '../forms/use-form.js';
import { useT, type MessageKey } from '../i18n/i18n.js';

type ReasonValues = { reason: string };

export interface ReasonFormProps {
  /** Keeps field ids unique when several forms can be open on one page. */
  idPrefix: string;
  /** The form's accessible name, e.g. "Suspend La Strada International". */
  formLabel: string;
  /** What the step does, shown under the reason's label. */
  hint: string;
  /** The reason field's label and its name in error messages. */
  reasonLabel?: { label: MessageKey; errorName: MessageKey };
  submitLabel: string;
  /** Sends the suspension; an ApiError it throws is shown on the form. */
  onConfirm: (reason: string) => Promise<void>;
  onCancel: () => void;
}

/** A reason is at most this long on the server (it checks again). */
const REASON_MAX = 1000;

export function ReasonForm({ idPrefix, formLabel, hint, submitLabel, onConfirm, onCancel, reasonLabel = { label: 'suspend.reason', errorName: 'suspend.reason.errorName' } }: ReasonFormProps) {
  const t = useT();
  const specs: Record<keyof ReasonValues, FieldSpec> = { reason: { label: t(reasonLabel.label), errorName: t(reasonLabel.errorName) } };
  const form = useForm<ReasonValues>({ reason: '' }, specs, { idPrefix });

  // The form opens where the button was: the reason field takes the focus.
  useEffect(() => {
    document.getElementById(fieldId('reason', idPrefix))?.focus();
  }, [idPrefix]);

  return (
    <form
      className="reject-form reason-form"
      noValidate
      aria-label={formLabel}
      onSubmit={(event) => void form.submit(event, (values) => onConfirm(values.reason.trim()), { validate: (values) => checkRequired(values, specs, ['reason']) })}
    >
      <ErrorSummary problem={form.problem} attempt={form.attempt} />
      <TextAreaField {...form.field('reason')} required rows={3} maxLength={REASON_MAX} hint={hint} />
      <div className="button-row">
        <SubmitButton busy={form.submitting} variant="danger">
          {submitLabel}
        </SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
