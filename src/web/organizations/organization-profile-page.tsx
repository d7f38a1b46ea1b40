// /organizations/:id: who an organization is (category, country, website) and what it has posted
// that the viewer may see. An organization the viewer may not see looks like any unknown address.
import { Link, useParams } from 'wouter';
import type { Organization } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { useSession } from '../auth/session.js';
import type { PostList } from '../exchange/types.js';
import { formatCountry, formatDate, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { NotFoundPage } from '../not-found/not-found-page.js';
import { ExpertiseSection } from '../matching/expertise-section.js';

const POST_LIMIT = 20;

const isWebAddress = (value: string | null): value is string => !!value && /^https?:\/\//i.test(value);

export function OrganizationProfilePage() {
  const t = useT();
  const { id = '' } = useParams<{ id: string }>();
  const { me } = useSession();
  const org = useResource<Organization>(`/api/v1/organizations/${encodeURIComponent(id)}`);

  if (org.status === 'error' && (org.error.status === 404 || org.error.status === 400)) return <NotFoundPage />;
  if (org.status !== 'ready') {
    return <Page title={t('common.loading')}>{org.status === 'error' ? <LoadError error={org.error} retry={org.reload} /> : <Loading />}</Page>;
  }
  const data = org.data;
  return (
    <Page title={data.name}>
      <dl className="details">
        <div>
          <dt>{t('common.category')}</dt>
          <dd>{t(`category.${data.category}`)}</dd>
        </div>
        <div>
          <dt>{t('common.country')}</dt>
          <dd>{formatCountry(data.country)}</dd>
        </div>
        <div>
          <dt>{t('common.website')}</dt>
          <dd>
            {isWebAddress(data.website) ? (
              <a href={data.website} rel="noopener noreferrer nofollow" target="_blank">
                {data.website}
                <span className="visually-hidden"> {t('common.opensInNewTab')}</span>
              </a>
            ) : (
              (data.website ?? t('common.none'))
            )}
          </dd>
        </div>
        {data.status && (
          <div>
            <dt>{t('organizations.status')}</dt>
            <dd>
              <span className={`badge badge--${data.status}`}>{t(`organizationStatus.${data.status}`)}</span>
            </dd>
          </div>
        )}
      </dl>
      {/* Issue 12: write to the organization (not to your own). */}
      {me && me.organization.id !== data.id && (
        <p>
          <Link href={`/conversations/new?to=${data.id}`} className="button button--secondary">
            {t('organization.write')}
          </Link>
        </p>
      )}
      <ExpertiseSection organizationId={data.id} />
      {/* Only once the organization is known: the posts filter wants a valid id. */}
      <OrganizationPosts organizationId={data.id} />
    </Page>
  );
}

function OrganizationPosts({ organizationId }: { organizationId: string }) {
  const t = useT();
  const list = useResource<PostList>(`/api/v1/posts?organization=${encodeURIComponent(organizationId)}&limit=${POST_LIMIT}`);
  return (
    <section aria-labelledby="profile-posts">
      <h2 id="profile-posts">{t('profile.posts.heading')}</h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t('profile.posts.empty')}</p>
        ) : (
          <>
            <p className="muted">
              {list.data.total > list.data.items.length
                ? t('profile.posts.latest', { count: list.data.items.length, total: list.data.total })
                : t('profile.posts.count', { count: list.data.total })}
            </p>
            <ul className="link-list">
              {list.data.items.map((post) => (
                <li key={post.id}>
                  <Link href={`/posts/${post.id}`}>{post.title}</Link>{' '}
                  <span className="muted small home-list__meta">{`${t(`kind.${post.kind}`)} · ${t(`postStatus.${post.status}`)} · ${formatDate(post.createdAt)}`}</span>
                </li>
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}
