// Ask for a password-reset link. The answer never says whether the email has an account.
import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api/client.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { RequiredNote, SubmitButton, TextField } from '../forms/fields.js';
import { checkEmail, checkRequired, useForm, type FieldSpec } from '../forms/use-form.js';
import { useT } from '../i18n/i18n.js';
import { Page } from '../layout/page.js';

type ForgotValues = { email: string };

export function ForgotPasswordPage() {
  const t = useT();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const specs: Record<keyof ForgotValues, FieldSpec> = { email: { label: t('forgot.email') } };
  const form = useForm<ForgotValues>({ email: '' }, specs);

  if (sentTo !== null) {
    return (
      <Page title={t('forgot.done.title')} width="narrow">
        <p>{t('forgot.done.body', { email: sentTo })}</p>
        <p>{t('forgot.done.next')}</p>
        <ul className="link-list">
          <li>
            <button type="button" className="link-button" onClick={() => setSentTo(null)}>
              {t('forgot.done.again')}
            </button>
          </li>
          <li>
            <Link href="/sign-in">{t('forgot.done.signIn')}</Link>
          </li>
        </ul>
      </Page>
    );
  }

  function validate(values: ForgotValues) {
    const errors = checkRequired(values, specs, ['email']);
    const email = checkEmail(values.email, specs.email.label);
    if (email && !errors.email) errors.email = email;
    return errors;
  }

  return (
    <Page title={t('forgot.title')} width="narrow">
      <p className="lead">{t('forgot.intro')}</p>
      <ErrorSummary problem={form.problem} attempt={form.attempt} />
      <form
        noValidate
        onSubmit={(event) =>
          void form.submit(
            event,
            async (values) => {
              await api.post('/api/v1/password-resets', { email: values.email.trim() });
              setSentTo(values.email.trim());
            },
            { validate },
          )
        }
      >
        <RequiredNote />
        <TextField {...form.field('email')} type="email" required autoComplete="email" inputMode="email" spellCheck={false} />
        <SubmitButton busy={form.submitting}>{t('forgot.submit')}</SubmitButton>
      </form>
      <p>
        <Link href="/sign-in">{t('forgot.back')}</Link>
      </p>
    </Page>
  );
}
