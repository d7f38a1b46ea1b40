import { Link } from 'wouter';
import { useMe } from '../auth/session.js';
import { formatCountry, useT } from '../i18n/i18n.js';
import { Page } from '../layout/page.js';

export function HomePage() {
  const t = useT();
  const me = useMe();
  return (
    <Page title={t('home.title')} heading={t('home.heading', { name: me.name })}>
      <p className="lead">{t('home.signedInAs', { name: me.name, role: t(`role.${me.role}`), organization: me.organization.name })}</p>

      <section aria-labelledby="home-access" className="panel">
        <h2 id="home-access">{t('home.access.heading')}</h2>
        <p className="tier-line">{t('home.access.tier', { tier: t(`tier.${me.tier}`) })}</p>
        <p>{t(`tier.${me.tier}.explained`)}</p>
        <p className="muted">{t('home.access.why')}</p>
      </section>

      <section aria-labelledby="home-org">
        <h2 id="home-org">{t('home.organization.heading')}</h2>
        <dl className="details">
          <div>
            <dt>{t('common.organization')}</dt>
            <dd>{me.organization.name}</dd>
          </div>
          <div>
            <dt>{t('common.category')}</dt>
            <dd>{t(`category.${me.organization.category}`)}</dd>
          </div>
          <div>
            <dt>{t('common.country')}</dt>
            <dd>{formatCountry(me.organization.country)}</dd>
          </div>
          <div>
            <dt>{t('common.yourRole')}</dt>
            <dd>{t(`role.${me.role}`)}</dd>
          </div>
        </dl>
      </section>

      {me.role !== 'member' && (
        <section aria-labelledby="home-tasks">
          <h2 id="home-tasks">{t('home.tasks.heading')}</h2>
          <ul className="link-list">
            {me.role === 'organizer' && (
              <>
                <li>
                  <Link href="/organizer/applications">{t('home.tasks.applications')}</Link>
                </li>
                <li>
                  <Link href="/organizer/audit">{t('home.tasks.audit')}</Link>
                </li>
              </>
            )}
            {me.role === 'focal_point' && (
              <li>
                <Link href="/organization">{t('home.tasks.organization')}</Link>
              </li>
            )}
          </ul>
        </section>
      )}
    </Page>
  );
}
