// Small pieces shared by the exchange pages: a post's summary card in lists and money/date lines.
import { Link } from 'wouter';
import { formatDate, formatNumber, useT } from '../i18n/i18n.js';
import { labels, type Taxonomy } from './taxonomy.js';
import type { Money, PostSummary } from './types.js';
import { OrgLink, withLinks } from '../organizations/org-link.js';

export function formatMoney(money: Money): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: money.currency }).format(Number(money.amount));
  } catch {
    return `${formatNumber(Number(money.amount))} ${money.currency}`;
  }
}

export function PostCard({ post, taxonomy }: { post: PostSummary; taxonomy: Taxonomy }) {
  const t = useT();
  const label = labels(taxonomy);
  const places = [...post.regions.map(label.region), ...post.countries.map(label.country)];
  const headingId = `post-${post.id}-title`;
  return (
    <article className="card post-card" aria-labelledby={headingId}>
      <h3 className="card__title" id={headingId}>
        <Link href={`/posts/${post.id}`}>{post.title}</Link>
      </h3>
      <p className="card__subtitle">
        {post.draft && (
          <>
            <span className="badge badge--draft">{t('post.draftBadge')}</span>{' '}
          </>
        )}
        <span className="tag">{t(`kind.${post.kind}`)}</span> <span className="badge">{t(`postStatus.${post.status}`)}</span>{' '}
        <span>{withLinks(t, 'browse.by', {}, { organization: <OrgLink organization={post.organization} /> })}</span>
      </p>
      {places.length > 0 && <p className="small muted">{places.join(' · ')}</p>}
      {/* The server escapes the text and only adds <mark> around matches. */}
      <p className="post-card__snippet" dangerouslySetInnerHTML={{ __html: post.snippet }} />
      <p className="small muted">
        {t('browse.posted', { date: formatDate(post.createdAt) })}
      </p>
    </article>
  );
}
