// /reset-password?token=… from the reset mail (valid one hour): choose a new password.
import { Link } from 'wouter';
import { useT } from '../i18n/i18n.js';
import { MailedLinkPage } from './set-password-form.js';

export function ResetPasswordPage() {
  const t = useT();
  return (
    <MailedLinkPage
      title={t('reset.title')}
      intro={t('reset.intro')}
      statusEndpoint="/api/v1/password-resets/status"
      endpoint="/api/v1/password-resets/confirm"
      submitLabel={t('reset.submit')}
      doneNotice={t('reset.done')}
      linkHelp={
        // A used reset link usually means the password was already changed: signing in comes first.
        <ul className="link-list">
          <li>
            <Link href="/sign-in">{t('link.help.signIn')}</Link>
          </li>
          <li>
            <Link href="/forgot-password">{t('reset.requestAgain')}</Link>
          </li>
        </ul>
      }
    />
  );
}
