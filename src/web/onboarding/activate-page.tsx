// /activate?token=… from the approval or invitation mail: choose a password, and you are in.
import { useT } from '../i18n/i18n.js';
import { MailedLinkPage, SignInOrResetLinks } from './set-password-form.js';

export function ActivatePage() {
  const t = useT();
  return (
    <MailedLinkPage
      title={t('activate.title')}
      intro={t('activate.intro')}
      statusEndpoint="/api/v1/activations/status"
      endpoint="/api/v1/activations"
      submitLabel={t('activate.submit')}
      doneNotice={t('activate.done')}
      linkHelp={
        <>
          <p>{t('activate.help')}</p>
          <SignInOrResetLinks />
        </>
      }
    />
  );
}
