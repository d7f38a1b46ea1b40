// /reset-password?token=… from the reset mail (valid one hour): choose a new password.
import { Link } from 'wouter';
import { useT } from '../i18n/i18n.js';
import { Page } from '../layout/page.js';
import { useLinkToken } from './link-token.js';
import { IncompleteLink, SetPasswordForm } from './set-password-form.js';

export function ResetPasswordPage() {
  const t = useT();
  const token = useLinkToken();
  const help = (
    <p>
      <Link href="/forgot-password">{t('reset.requestAgain')}</Link>
    </p>
  );
  return (
    <Page title={t('reset.title')} width="narrow">
      {token ? (
        <>
          <p className="lead">{t('reset.intro')}</p>
          <SetPasswordForm token={token} endpoint="/api/v1/password-resets/confirm" submitLabel={t('reset.submit')} doneNotice={t('reset.done')} linkHelp={help} />
        </>
      ) : (
        <IncompleteLink help={help} />
      )}
    </Page>
  );
}
