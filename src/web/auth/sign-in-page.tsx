import { Link, Redirect, useLocation, useSearch } from 'wouter';
import { ErrorSummary } from '../forms/error-summary.js';
import { RequiredNote, SubmitButton, TextField } from '../forms/fields.js';
import { checkRequired, useForm, type FieldSpec } from '../forms/use-form.js';
import { useT } from '../i18n/i18n.js';
import { Loading, Page } from '../layout/page.js';
import { safeNext } from './next.js';
import { useSession } from './session.js';

type SignInValues = { email: string; password: string };

export function SignInPage() {
  const t = useT();
  const session = useSession();
  const [, navigate] = useLocation();
  const next = safeNext(new URLSearchParams(useSearch()).get('next'));
  const specs: Record<keyof SignInValues, FieldSpec> = {
    email: { label: t('signIn.email') },
    password: { label: t('signIn.password') },
  };
  const form = useForm<SignInValues>({ email: '', password: '' }, specs);

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
              await session.signIn(values.email.trim(), values.password);
              navigate(next);
            },
            { validate: (values) => checkRequired(values, specs, ['email', 'password']) },
          )
        }
      >
        <RequiredNote />
        <TextField {...form.field('email')} type="email" required autoComplete="username" inputMode="email" spellCheck={false} />
        <TextField {...form.field('password')} type="password" required autoComplete="current-password" />
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
