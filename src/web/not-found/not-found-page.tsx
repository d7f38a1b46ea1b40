// Shown for unknown addresses and for pages the user may not see: the two look the same, as the
// server's 404 does, so nothing reveals what exists.
import { Link } from 'wouter';
import { useSession } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { Page } from '../layout/page.js';

export function NotFoundPage() {
  const t = useT();
  const { me } = useSession();
  return (
    <Page title={t('notFound.title')} width="narrow">
      <p>{t('notFound.body')}</p>
      <p>{t('notFound.check')}</p>
      <p>
        <Link href={me ? '/home' : '/'}>{me ? t('notFound.home') : t('notFound.landing')}</Link>
      </p>
    </Page>
  );
}
