import { useState } from 'react';
import { Link, Redirect, useLocation, useSearch } from 'wouter';
import { isApiError } from '../api/client.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { RequiredNote, SubmitButton, TextField } from '../forms/fields.js';
import { checkRequired, useForm, type FieldSpec } from '../forms/use-form.js';
import { useT } from '../i18n/i18n.js';
import { Loading, Page } from '../layout/page.js';
import { useNotice } from '../layout/notice.js';
import { safeNext } from './next.js';
import { useSession } from './session.js';

type SignInValues = { email: string; password: string; code: string };

export function SignInPage() {
  const t = useT();
  const session = useSession();
  const [, navigate] = useLocation();
  const notice = useNotice();
  const next = safeNext(new URLSearchParams(useSearch()).get('next'));
  // Issue 12: with two-step sign-in on, the server asks for a code after the right password.
  const [askCode, setAskCode] = useState(false);
  const [recovery, setRecovery] = useState(false);
  const specs: Record<keyof SignInValues, FieldSpec> = {
    email: { label: t('signIn.email') },
    password: { label: t('signIn.password') },
    code: { label: recovery ? t('signIn.recoveryCode') : t('signIn.code') },
  };
  const form = useForm<SignInValues>({ email: '', password: '', code: '' }, specs);

  if (session.state.status === 'loading') return <Loading />;
  // Already signed in (a second tab, the back button): nothing to do here. Not while the form is
  // sending, though: then the form itself navigates when it is done.
  if (session.state.status === 'signed-in' && !form.submitting) return <Redirect to={next} replace />;

  return (
    <Page title={t('signIn.title')} width="narrow">
      <ErrorSummary problem={form.problem} attempt={form.attempt} />
      <form
        noValidate
        onSubmit={(event) =>
          void form.submit(
            event,
            async (values) => {
              const code = values.code.trim();
              let me;
              try {
                me = await session.signIn(values.email.trim(), values.password, askCode ? (recovery ? { recoveryCode: code } : { totp: code }) : undefined);
              } catch (error) {
                if (isApiError(error) && error.type === '/problems/second-factor-required') {
                  setAskCode(true);
                  return;
                }
                throw error;
              }
              // Organizers and full-tier focal points are asked to set it up; with VF_REQUIRE_2FA=1, before anything else.
              if (me.secondFactor?.setup === 'required') navigate('/account#two-step');
              else {
                if (me.secondFactor?.setup === 'asked') notice.show(t('signIn.twoFactorAsked'), next.split(/[?#]/)[0]);
                navigate(next);
              }
            },
            { validate: (values) => checkRequired(values, specs, askCode ? ['email', 'password', 'code'] : ['email', 'password']) },
          )
        }
      >
        <RequiredNote />
        <TextField {...form.field('email')} type="email" required autoComplete="username" inputMode="email" spellCheck={false} />
        <TextField {...form.field('password')} type="password" required autoComplete="current-password" />
        {askCode && (
          <>
            <p role="status">{t('signIn.codeNeeded')}</p>
            <TextField {...form.field('code')} required autoComplete="one-time-code" spellCheck={false} hint={recovery ? t('signIn.recoveryHint') : t('signIn.codeHint')} />
            <button type="button" className="button button--small button--secondary" onClick={() => setRecovery(!recovery)}>
              {recovery ? t('signIn.useApp') : t('signIn.useRecovery')}
            </button>
          </>
        )}
        <SubmitButton busy={form.submitting} busyLabel={t('signIn.busy')}>
          {t('signIn.submit')}
        </SubmitButton>
      </form>
      <ul className="link-list">
        <li>
          <Link href="/forgot-password">{t('signIn.forgot')}</Link>
        </li>
        <li>
          {t('signIn.noAccount')} <Link href="/apply">{t('signIn.apply')}</Link>
        </li>
      </ul>
    </Page>
  );
}
