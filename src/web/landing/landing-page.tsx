// The public front page: what the Virtual Forum is, for whom, the two levels of access and how to
// join. Drawn from the Vienna Forum's aide-memoire on the Virtual Forum (2008).
// (This folder is not called `public/`: Vite copies src/web/public/ verbatim into the build.)
import { Link } from 'wouter';
import { useSession } from '../auth/session.js';
import { useT, type MessageKey } from '../i18n/i18n.js';
import { Page } from '../layout/page.js';

const WHO: MessageKey[] = ['landing.who.government', 'landing.who.international', 'landing.who.civilSociety', 'landing.who.business', 'landing.who.academia', 'landing.who.media', 'landing.who.individuals'];
const STEPS: MessageKey[] = ['landing.join.step1', 'landing.join.step2', 'landing.join.step3', 'landing.join.step4', 'landing.join.step5'];

export function LandingPage() {
  const t = useT();
  const { me } = useSession();
  return (
    <Page title={t('site.name')} heading={t('landing.heading')}>
      <p className="lead">{t('landing.lead')}</p>
      <p className="cta">
        {me ? (
          <Link href="/home" className="button button--primary">
            {t('landing.cta.home')}
          </Link>
        ) : (
          <>
            <Link href="/apply" className="button button--primary">
              {t('landing.cta.apply')}
            </Link>
            <Link href="/sign-in" className="button button--secondary">
              {t('landing.cta.signIn')}
            </Link>
          </>
        )}
      </p>

      <section aria-labelledby="about">
        <h2 id="about">{t('landing.what.heading')}</h2>
        <p>{t('landing.what.p1')}</p>
        <p>{t('landing.what.p2')}</p>
        <ul>
          <li>{t('landing.what.governments')}</li>
          <li>{t('landing.what.international')}</li>
          <li>{t('landing.what.donors')}</li>
          <li>{t('landing.what.csoBusiness')}</li>
        </ul>
        <p>{t('landing.what.p3')}</p>
      </section>

      <section aria-labelledby="who">
        <h2 id="who">{t('landing.who.heading')}</h2>
        <p>{t('landing.who.intro')}</p>
        <ul className="columns">
          {WHO.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="tiers">
        <h2 id="tiers">{t('landing.tiers.heading')}</h2>
        <p>{t('landing.tiers.intro')}</p>
        <div className="tier-cards">
          <div className="tier-card">
            <h3>{t('landing.tiers.full.heading')}</h3>
            <p className="muted">{t('landing.tiers.full.who')}</p>
            <p>{t('tier.full.explained')}</p>
          </div>
          <div className="tier-card">
            <h3>{t('landing.tiers.partial.heading')}</h3>
            <p className="muted">{t('landing.tiers.partial.who')}</p>
            <p>{t('tier.partial.explained')}</p>
          </div>
        </div>
      </section>

      <section aria-labelledby="join">
        <h2 id="join">{t('landing.join.heading')}</h2>
        <ol className="steps">
          {STEPS.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ol>
        {!me && (
          <p>
            <Link href="/apply">{t('landing.join.apply')}</Link>
          </p>
        )}
      </section>
    </Page>
  );
}
