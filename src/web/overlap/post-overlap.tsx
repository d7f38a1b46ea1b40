// On a post's page: the posts the organizers linked to it, other posts that look like the same work
// and, for a technical-assistance request, the organizations that could help. Each list comes from
// the server already limited to what the reader may see.
import { Link } from 'wouter';
import { useResource } from '../api/use-resource.js';
import { useT } from '../i18n/i18n.js';
import { useTaxonomy } from '../exchange/taxonomy.js';
import { formatScore, ReasonLine } from './reasons.js';
import type { Match, PostRef, Suggestion } from './types.js';
import { OrgLink, withLinks } from '../organizations/org-link.js';

interface PostLike {
  id: string;
  kind: string;
}

function Related({ postId }: { postId: string }) {
  const t = useT();
  const related = useResource<{ items: { post: PostRef; markedAt: string }[] }>(`/api/v1/posts/${postId}/related`);
  if (related.status !== 'ready' || related.data.items.length === 0) return null;
  return (
    <section aria-labelledby="related-heading" className="overlap-section">
      <h2 id="related-heading">{t('overlap.post.relatedHeading')}</h2>
      <p className="small muted">{t('overlap.post.relatedIntro')}</p>
      <ul className="overlap-list">
        {related.data.items.map((r) => (
          <li key={r.post.id} className="overlap-item">
            <Link href={`/posts/${r.post.id}`}>{r.post.title}</Link>
            <p className="small muted">
              {t(`kind.${r.post.kind}`)} · {withLinks(t, 'overlap.post.by', {}, { organization: <OrgLink organization={r.post.organization} /> })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Similar({ postId }: { postId: string }) {
  const t = useT();
  const taxonomy = useTaxonomy();
  const similar = useResource<Suggestion[]>(`/api/v1/posts/${postId}/similar`);
  if (similar.status !== 'ready' || taxonomy.status !== 'ready') return null;
  return (
    <section aria-labelledby="similar-heading" className="overlap-section" data-testid="similar-posts">
      <h2 id="similar-heading">{t('overlap.post.similarHeading')}</h2>
      {similar.data.length === 0 ? (
        <p className="muted small">{t('overlap.post.similarEmpty')}</p>
      ) : (
        <ul className="overlap-list">
          {similar.data.map((s) => (
            <li key={s.post.id} className="overlap-item">
              <Link href={`/posts/${s.post.id}`}>{s.post.title}</Link>
              <p className="small muted">
                {t(`kind.${s.post.kind}`)} · {withLinks(t, 'overlap.post.by', {}, { organization: <OrgLink organization={s.post.organization} /> })} · <span className="overlap-score">{formatScore(t, s.score)}</span>
              </p>
              <ReasonLine reasons={s.reasons} taxonomy={taxonomy.data} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Matches({ postId }: { postId: string }) {
  const t = useT();
  const taxonomy = useTaxonomy();
  const matches = useResource<Match[]>(`/api/v1/posts/${postId}/matches`);
  if (matches.status !== 'ready' || taxonomy.status !== 'ready') return null;
  return (
    <section aria-labelledby="matches-heading" className="overlap-section" data-testid="matches">
      <h2 id="matches-heading">{t('matching.post.heading')}</h2>
      <p className="small muted">{t('matching.post.intro')}</p>
      {matches.data.length === 0 ? (
        <p className="muted small">{t('matching.post.empty')}</p>
      ) : (
        <ul className="overlap-list">
          {matches.data.map((m) => (
            <li key={m.organization.id} className="overlap-item">
              <Link href={`/organizations/${m.organization.id}`}>{m.organization.name}</Link>
              <p className="small muted">
                {t(`category.${m.organization.category}`)} · <span className="overlap-score">{formatScore(t, m.score)}</span>
              </p>
              {m.summary && <p className="small">{m.summary}</p>}
              <ReasonLine reasons={m.reasons} taxonomy={taxonomy.data} prefix="matching" />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function PostOverlap({ post }: { post: PostLike }) {
  return (
    <>
      <Related postId={post.id} />
      <Similar postId={post.id} />
      {post.kind === 'ta_request' && <Matches postId={post.id} />}
    </>
  );
}
