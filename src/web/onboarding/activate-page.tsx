// /activate?token=… from the approval or invitation mail: choose a password, and you are in.
import { useT } from '../i18n/i18n.js';
import { Page } from '../layout/page.js';
import { useLinkToken } from './link-token.js';
import { IncompleteLink, SetPasswordForm, SignInOrResetLinks } from './set-password-form.js';

export function ActivatePage() {
  const t = useT();
  const token = useLinkToken();
  const help = (
    <>
      <p>{t('activate.help')}</p>
      <SignInOrResetLinks />
    </>
  );
  return (
    <Page title={t('activate.title')} width="narrow">
      {token ? (
        <>
          <p className="lead">{t('activate.intro')}</p>
          <SetPasswordForm token={token} endpoint="/api/v1/activations" submitLabel={t('activate.submit')} doneNotice={t('activate.done')} linkHelp={help} />
        </>
      ) : (
        <IncompleteLink help={help} />
      )}
    </Page>
  );
}
