// Choosing a password from an emailed link: account activation and password reset share it.
// Both answer with Me and a session cookie, so the user is signed in afterwards.
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { api, isAbort, isApiError, type ApiError } from '../api/client.js';
import type { Me } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { RequiredNote, SubmitButton, TextField } from '../forms/fields.js';
import { checkRequired, useForm, type FieldSpec } from '../forms/use-form.js';
import { useT, type MessageKey } from '../i18n/i18n.js';
import { useNotice } from '../layout/notice.js';
import { Loading, Page } from '../layout/page.js';
import { useLinkToken } from './link-token.js';

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

export interface MailedLinkPageProps {
  title: string;
  intro: string;
  /** GET endpoint that says whether the link can still be used, without using it. */
  statusEndpoint: string;
  endpoint: string;
  submitLabel: string;
  doneNotice: string;
  /** The way forward when the link cannot be used (sign in, ask for a new link). */
  linkHelp: ReactNode;
}

type LinkCheck = { state: 'checking' } | { state: 'usable' } | { state: 'spent'; slug: string };

/**
 * An /activate or /reset-password page. The link is checked as soon as the page opens (the check
 * does not use it), so a used, expired or unknown link says so at once, with the way forward,
 * instead of showing a password form that can only fail. If the check itself cannot be made (no
 * network), the form is shown: the redemption checks the link again and explains the same way.
 */
export function MailedLinkPage({ title, intro, statusEndpoint, endpoint, submitLabel, doneNotice, linkHelp }: MailedLinkPageProps) {
  const t = useT();
  const token = useLinkToken();
  const [check, setCheck] = useState<LinkCheck>({ state: 'checking' });
  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    api
      .get(`${statusEndpoint}?token=${encodeURIComponent(token)}`, { signal: controller.signal, expectUnauthenticated: true })
      .then(() => setCheck({ state: 'usable' }))
      .catch((error: unknown) => {
        if (isAbort(error) || controller.signal.aborted) return;
        setCheck(isApiError(error) && LINK_PROBLEMS[error.slug] ? { state: 'spent', slug: error.slug } : { state: 'usable' });
      });
    return () => controller.abort();
  }, [token, statusEndpoint]);

  if (!token) {
    return (
      <Page title={title} width="narrow">
        <IncompleteLink help={linkHelp} />
      </Page>
    );
  }
  if (check.state === 'spent') {
    // The page's heading says what happened: that is what the person needs to know first.
    const keys = LINK_PROBLEMS[check.slug]!;
    return (
      <Page title={t(keys.title)} width="narrow">
        <div className="callout callout--warning" role="alert">
          <p>{t(keys.body)}</p>
          {linkHelp}
        </div>
      </Page>
    );
  }
  return (
    <Page title={title} width="narrow">
      {check.state === 'checking' ? (
        <Loading label={t('link.checking')} />
      ) : (
        <>
          <p className="lead">{intro}</p>
          <SetPasswordForm token={token} endpoint={endpoint} submitLabel={submitLabel} doneNotice={doneNotice} linkHelp={linkHelp} />
        </>
      )}
    </Page>
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
