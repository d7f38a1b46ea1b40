import { Link } from 'wouter';
import type { ItemList } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { useMe } from '../auth/session.js';
import type { Offer, PostList } from '../exchange/types.js';
import { formatCountry, formatDate, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';

function LatestPosts() {
  const t = useT();
  const list = useResource<PostList>('/api/v1/posts?limit=5');
  return (
    <section aria-labelledby="home-latest">
      <h2 id="home-latest">{t('home.latest.heading')}</h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t('home.latest.empty')}</p>
        ) : (
          <ul className="link-list">
            {list.data.items.map((post) => (
              <li key={post.id}>
                <Link href={`/posts/${post.id}`}>{post.title}</Link> <span className="muted small home-list__meta">{`${t(`kind.${post.kind}`)} · ${post.organization.name} · ${formatDate(post.createdAt)}`}</span>
              </li>
            ))}
          </ul>
        ))}
      <p>
        <Link href="/posts">{t('home.latest.all')}</Link>
      </p>
    </section>
  );
}

function OffersAwaiting() {
  const t = useT();
  const list = useResource<ItemList<Offer>>('/api/v1/offers?direction=received&status=pending');
  return (
    <section aria-labelledby="home-offers">
      <h2 id="home-offers">{t('home.offers.heading')}</h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t('home.offers.empty')}</p>
        ) : (
          <ul className="link-list">
            {list.data.items.map((offer) => (
              <li key={offer.id}>
                <Link href={`/posts/${offer.postId}`}>{offer.postTitle}</Link> <span className="muted small home-list__meta">{t('home.offers.line', { organization: offer.organization.name, summary: offer.summary })}</span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

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

      <LatestPosts />
      <OffersAwaiting />

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
