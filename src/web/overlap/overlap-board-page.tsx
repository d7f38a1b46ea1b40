// /organizer/overlaps: the organizers' board of possible overlaps across all posts, grouped into
// clusters, with a verdict per pair: related (linked on both posts) or not a duplicate (never
// suggested again). New and edited posts are compared with all others in the background, or at once with "Compare more posts".
import { useState } from 'react';
import { Link } from 'wouter';
import { api, isApiError } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useT } from '../i18n/i18n.js';
import { useTaxonomy } from '../exchange/taxonomy.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { useNotice } from '../layout/notice.js';
import { formatScore, ReasonLine } from './reasons.js';
import type { Board, BoardPair, PostRef } from './types.js';
import { OrgLink, withLinks } from '../organizations/org-link.js';

function PairRow({ pair, posts, onMarked }: { pair: BoardPair; posts: Map<string, PostRef>; onMarked: (pair: BoardPair, mark: 'related' | 'not_duplicate') => void }) {
  const t = useT();
  const taxonomy = useTaxonomy();
  const notice = useNotice();
  const [busy, setBusy] = useState(false);
  const a = posts.get(pair.a);
  const b = posts.get(pair.b);
  if (!a || !b) return null;

  async function mark(verdict: 'related' | 'not_duplicate') {
    if (busy) return;
    setBusy(true);
    try {
      await api.post('/api/v1/overlaps/marks', { postA: pair.a, postB: pair.b, mark: verdict });
      notice.show(verdict === 'related' ? t('overlap.board.markedRelated', { a: a!.title, b: b!.title }) : t('overlap.board.markedNotDuplicate'));
      onMarked(pair, verdict);
    } catch (error) {
      notice.show(t('overlap.board.markFailed', { detail: isApiError(error) ? error.detail : '' }));
      setBusy(false);
    }
  }

  return (
    <li className="overlap-pair">
      <p>
        {t('overlap.board.pair', { a: a.title, b: b.title })} · <span className="overlap-score">{formatScore(t, pair.score)}</span>
      </p>
      {taxonomy.status === 'ready' && <ReasonLine reasons={pair.reasons} taxonomy={taxonomy.data} />}
      <div className="button-row" role="group" aria-label={`${t('overlap.board.pairActions')}: ${t('overlap.board.pair', { a: a.title, b: b.title })}`}>
        <button type="button" className="button button--small button--secondary" aria-disabled={busy || undefined} onClick={() => void mark('related')}>
          {t('overlap.board.markRelated')}
        </button>
        <button type="button" className="button button--small button--secondary" aria-disabled={busy || undefined} onClick={() => void mark('not_duplicate')}>
          {t('overlap.board.markNotDuplicate')}
        </button>
      </div>
    </li>
  );
}

export function OverlapBoardPage() {
  const t = useT();
  const notice = useNotice();
  const board = useResource<Board>('/api/v1/overlaps');
  const [scanning, setScanning] = useState(false);

  async function compareMore() {
    if (scanning) return;
    setScanning(true);
    try {
      await api.post('/api/v1/overlaps/scan');
      board.reload();
    } catch (error) {
      notice.show(t('overlap.board.scanFailed', { detail: isApiError(error) ? error.detail : '' }));
    } finally {
      setScanning(false);
    }
  }

  function removePair(pair: BoardPair) {
    board.setData((data) => ({
      ...data,
      clusters: data.clusters
        .map((c) => {
          const pairs = c.pairs.filter((p) => !(p.a === pair.a && p.b === pair.b));
          const ids = new Set(pairs.flatMap((p) => [p.a, p.b]));
          return { posts: c.posts.filter((p) => ids.has(p.id)), pairs };
        })
        .filter((c) => c.pairs.length > 0),
    }));
  }

  return (
    <Page title={t('overlap.board.title')}>
      <p className="lead">{t('overlap.board.intro')}</p>
      {board.status === 'loading' && <Loading />}
      {board.status === 'error' && <LoadError error={board.error} retry={board.reload} />}
      {board.status === 'ready' && (
        <>
          <p className="small muted" data-testid="overlap-progress">
            {board.data.pending > 0 ? t('overlap.board.progress', { count: board.data.pending }) : t('overlap.board.allChecked')}{' '}
            {board.data.pending > 0 && (
              <button type="button" className="link-button" aria-disabled={scanning || undefined} onClick={() => void compareMore()}>
                {t('overlap.board.checkMore')}
              </button>
            )}
          </p>
          {board.data.clusters.length === 0 && <p className="empty">{t('overlap.board.empty')}</p>}
          {board.data.clusters.map((cluster, index) => {
            const posts = new Map(cluster.posts.map((p) => [p.id, p]));
            const headingId = `cluster-${index}`;
            return (
              <section key={cluster.pairs.map((p) => p.a + p.b).join('|')} className="panel overlap-cluster" aria-labelledby={headingId}>
                <h2 id={headingId}>{t('overlap.board.clusterHeading', { number: index + 1, title: cluster.posts[0]?.title ?? '' })}</h2>
                <p className="small muted">{t('overlap.board.cluster', { count: cluster.posts.length })}</p>
                <ul className="overlap-list">
                  {cluster.posts.map((p) => (
                    <li key={p.id}>
                      <Link href={`/posts/${p.id}`}>{p.title}</Link>{' '}
                      <span className="small muted">
                        · {t(`kind.${p.kind}`)} · {withLinks(t, 'overlap.post.by', {}, { organization: <OrgLink organization={p.organization} /> })} · {t(`audience.${p.audience}`)}
                      </span>
                    </li>
                  ))}
                </ul>
                <ul className="overlap-pairs">
                  {cluster.pairs.map((pair) => (
                    <PairRow key={pair.a + pair.b} pair={pair} posts={posts} onMarked={removePair} />
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </Page>
  );
}
