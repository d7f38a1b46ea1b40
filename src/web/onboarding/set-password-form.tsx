// Choosing a password from an emailed link: account activation and password reset share it.
// Both answer with Me and a session cookie, so the user is signed in afterwards.
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { api, type ApiError } from '../api/client.js';
import type { Me } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { RequiredNote, SubmitButton, TextField } from '../forms/fields.js';
import { checkRequired, useForm, type FieldSpec } from '../forms/use-form.js';
import { useT, type MessageKey } from '../i18n/i18n.js';
import { useNotice } from '../layout/notice.js';

export const MIN_PASSWORD_LENGTH = 12;

type PasswordValues = { password: string; passwordRepeat: string };

export interface SetPasswordFormProps {
  token: string;
  endpoint: string;
  submitLabel: string;
  /** Shown on /home afterwards. */
  doneNotice: string;
  /** What to do when the link has expired or was used: a way forward for this kind of link. */
  linkHelp: ReactNode;
}

const LINK_PROBLEMS: Record<string, { title: MessageKey; body: MessageKey }> = {
  'link-expired': { title: 'link.expired.title', body: 'link.expired' },
  'link-used': { title: 'link.used.title', body: 'link.used' },
  'link-unknown': { title: 'link.unknown.title', body: 'link.unknown' },
};

export function SetPasswordForm({ token, endpoint, submitLabel, doneNotice, linkHelp }: SetPasswordFormProps) {
  const t = useT();
  const session = useSession();
  const notice = useNotice();
  const [, navigate] = useLocation();
  const specs: Record<keyof PasswordValues, FieldSpec> = {
    password: { label: t('password.new') },
    passwordRepeat: { label: t('password.repeat'), errorName: t('password.repeat.errorName') },
  };
  const form = useForm<PasswordValues>({ password: '', passwordRepeat: '' }, specs);

  function validate(values: PasswordValues) {
    const errors = checkRequired(values, specs, ['password', 'passwordRepeat']);
    if (!errors.password && values.password.length < MIN_PASSWORD_LENGTH) {
      errors.password = t('password.tooShort', { min: MIN_PASSWORD_LENGTH });
    }
    if (!errors.password && !errors.passwordRepeat && values.password !== values.passwordRepeat) {
      errors.passwordRepeat = t('password.mismatch');
    }
    return errors;
  }

  function describe(error: ApiError) {
    const keys = LINK_PROBLEMS[error.slug];
    if (!keys) return undefined;
    return {
      title: t(keys.title),
      detail: (
        <>
          <p>{t(keys.body)}</p>
          {linkHelp}
        </>
      ),
    };
  }

  async function send(values: PasswordValues) {
    const me = await api.post<Me>(endpoint, { token, password: values.password }, { expectUnauthenticated: true });
    session.adopt(me);
    notice.show(doneNotice, '/home');
    navigate('/home');
  }

  return (
    <>
      <ErrorSummary problem={form.problem} attempt={form.attempt} />
      <form noValidate onSubmit={(event) => void form.submit(event, send, { validate, describe })}>
        <RequiredNote />
        <TextField {...form.field('password')} type="password" required autoComplete="new-password" hint={t('password.hint', { min: MIN_PASSWORD_LENGTH })} />
        <TextField {...form.field('passwordRepeat')} type="password" required autoComplete="new-password" />
        <SubmitButton busy={form.submitting}>{submitLabel}</SubmitButton>
      </form>
    </>
  );
}

/** The page shown when a link arrives without its token (cut off by a mail program). */
export function IncompleteLink({ help }: { help: ReactNode }) {
  const t = useT();
  return (
    <div className="callout callout--warning">
      <p className="callout-title">{t('link.incomplete.title')}</p>
      <p>{t('link.incomplete')}</p>
      {help}
    </div>
  );
}

export function SignInOrResetLinks() {
  const t = useT();
  return (
    <ul className="link-list">
      <li>
        <Link href="/sign-in">{t('link.help.signIn')}</Link>
      </li>
      <li>
        <Link href="/forgot-password">{t('link.help.reset')}</Link>
      </li>
    </ul>
  );
}
