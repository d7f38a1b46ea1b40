import { Link } from 'wouter';
import type { ItemList } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { useMe } from '../auth/session.js';
import { useTaxonomy } from '../exchange/taxonomy.js';
import { CONSOLE_TASKS } from '../organizer/console-tasks.js';
import type { Offer, PostList } from '../exchange/types.js';
import { formatCountry, formatDate, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { OrgLink } from '../organizations/org-link.js';
import { homePaths, homeRegion, latestPath } from './home-data.js';


interface Discussion {
  post: { id: string; title: string };
  comments: number;
  lastCommentAt: string;
  newSinceYours: number;
}

/** A short list of posts (newest first) with a link to see more. */
function PostsSection({ id, heading, url, empty, more }: { id: string; heading: string; url: string; empty: string; more: { href: string; label: string } }) {
  const t = useT();
  const list = useResource<PostList>(url);
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{empty}</p>
        ) : (
          <ul className="link-list">
            {list.data.items.map((post) => (
              <li key={post.id}>
                <Link href={`/posts/${post.id}`}>{post.title}</Link> <span className="muted small home-list__meta">{t(`kind.${post.kind}`)} · <OrgLink organization={post.organization} /> · {formatDate(post.createdAt)}</span>
              </li>
            ))}
          </ul>
        ))}
      <p>
        <Link href={more.href}>{more.label}</Link>
      </p>
    </section>
  );
}

/** What is new in the sub-region of the user's organization (UN M49), else everywhere. */
function NewNearYou() {
  const t = useT();
  const me = useMe();
  const taxonomy = useTaxonomy();
  if (taxonomy.status === 'loading') return <Loading />;
  const region = taxonomy.status === 'ready' ? homeRegion(me, taxonomy.data) : undefined;
  if (!region) {
    return <PostsSection id="home-latest" heading={t('home.latest.heading')} url={latestPath(undefined)} empty={t('home.latest.empty')} more={{ href: '/posts', label: t('home.latest.all') }} />;
  }
  return (
    <PostsSection
      id="home-latest"
      heading={t('home.region.heading', { region: region.name })}
      url={latestPath(region)}
      empty={t('home.region.empty', { region: region.name })}
      more={{ href: `/posts?region=${region.code}`, label: t('home.region.all', { region: region.name }) }}
    />
  );
}

interface PartnershipRequest {
  id: string;
  postId: string;
  postTitle: string;
  organization: { name: string };
  role: 'implementing_partner' | 'donor' | 'technical_adviser';
}

/** Organizations asking to join this organization's projects, for the lead to decide. */
function PartnershipRequests() {
  const t = useT();
  const list = useResource<{ items: PartnershipRequest[] }>(homePaths(useMe()).partnerships);
  return (
    <section aria-labelledby="home-partnerships">
      <h2 id="home-partnerships">{t('home.partnerships.heading')}</h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t('home.partnerships.empty')}</p>
        ) : (
          <ul className="link-list">
            {list.data.items.map((r) => (
              <li key={r.id}>
                <Link href={`/posts/${r.postId}`}>{r.postTitle}</Link>{' '}
                <span className="muted small home-list__meta">{t('home.partnerships.line', { organization: r.organization.name, role: t(`partnerRole.${r.role}`) })}</span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function Discussions() {
  const t = useT();
  const list = useResource<{ items: Discussion[] }>(homePaths(useMe()).discussions);
  return (
    <section aria-labelledby="home-discussions">
      <h2 id="home-discussions">{t('home.discussions.heading')}</h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t('home.discussions.empty')}</p>
        ) : (
          <ul className="link-list">
            {list.data.items.map((d) => (
              <li key={d.post.id}>
                <Link href={`/posts/${d.post.id}`}>{d.post.title}</Link>{' '}
                <span className="muted small home-list__meta">
                  {t('home.discussions.line', { count: d.comments, date: formatDate(d.lastCommentAt) })}
                  {d.newSinceYours > 0 && ` · ${t('home.discussions.new', { count: d.newSinceYours })}`}
                </span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function OffersAwaiting() {
  const t = useT();
  const list = useResource<ItemList<Offer>>(homePaths(useMe()).offers);
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

      <NewNearYou />
      <PostsSection
        id="home-own"
        heading={t('home.own.heading')}
        url={homePaths(me).own}
        empty={t('home.own.empty')}
        more={{ href: `/organizations/${me.organization.id}`, label: t('home.own.all') }}
      />
      <OffersAwaiting />
      <PartnershipRequests />
      <Discussions />

      {me.role !== 'member' && (
        <section aria-labelledby="home-tasks">
          <h2 id="home-tasks">{t('home.tasks.heading')}</h2>
          <ul className="link-list">
            {me.role === 'organizer' &&
              CONSOLE_TASKS.map((task) => (
                <li key={task.href}>
                  <Link href={task.href}>{t(task.title)}</Link>
                </li>
              ))}
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
