// One post: what it is, who may see it, its tags, description and history; the discussion; and,
// for technical-assistance requests, the offers.
import { useCallback, useState } from 'react';
import { Link, useParams } from 'wouter';
import { api, isApiError } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { usePostChanges } from '../notifications/live-post.js';
import { FollowButton } from '../notifications/follow-button.js';
import { useMe } from '../auth/session.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { SubmitButton, TextAreaField, TextField } from '../forms/fields.js';
import { checkRequired, useForm } from '../forms/use-form.js';
import { formatDate, formatDateTime, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { InlineResult, useInlineResult } from '../layout/inline-result.js';
import { NotFoundPage } from '../not-found/not-found-page.js';
import { FundingPanel } from '../donors/funding-panel.js';
import { PostOverlap } from '../overlap/post-overlap.js';
import { CommentModeration, PostModeration } from './moderation.js';
import { formatMoney } from './post-meta.js';
import { MeetAboutPost } from '../event/meet-about-post.js';
import { labels, useTaxonomy, type Taxonomy } from './taxonomy.js';
import type { Comment, Offer, Post } from './types.js';
import { ProjectCoordination } from '../coordination/coordination-panel.js';
import { RevisionHistory } from '../coordination/revision-history.js';
import { Detail } from '../layout/detail.js';
import { useAction } from '../forms/use-action.js';
import { ConfirmButton } from '../forms/confirm-button.js';
import { isProjectKind } from '../../shared/coordination.js';
import { PrivacyWarning, usePrivacyGuard } from '../moderation/privacy-warning.js';
import { ReportButton } from '../moderation/report-button.js';
import { DocumentsSection } from '../library/documents-section.js';
import { PublicMark } from '../map/public-mark.js';
import { newConversationHref } from '../network/conversation-link.js';
import { OrgLink, withLinks } from '../organizations/org-link.js';

/** Issue 13: who sees a draft, and the lead organization's "Publish" (asked once: everyone is told). */
function DraftCallout({ post, onPublished }: { post: Post; onPublished: (post: Post) => void }) {
  const t = useT();
  const action = useAction();
  return (
    <div className="callout callout--warning" data-testid="draft-callout">
      <p>
        <span className="badge badge--draft">{t('post.draftBadge')}</span> {t('post.draftExplained')}
      </p>
      {post.permissions.publish ? (
        <ConfirmButton
          label={t('post.publish')}
          variant="primary"
          busy={action.busy}
          question={t('confirm.publish')}
          confirmLabel={t('confirm.publishYes')}
          onConfirm={() => action.run(async () => onPublished(await api.post<Post>(`/api/v1/posts/${post.id}/publish`, {})))}
        />
      ) : (
        <p className="small">{t('post.draftLeadPublishes', { organization: post.organization.name })}</p>
      )}
      {action.error && (
        <p className="field__error" role="alert">
          {action.error}
        </p>
      )}
    </div>
  );
}

/** A reason typed by an organizer, to sit inside a sentence that brings its own full stop. */
const withoutFullStop = (text: string) => text.trim().replace(/[.。!?…]+$/u, '');

function Tags({ term, values }: { term: string; values: string[] }) {
  if (values.length === 0) return null;
  return (
    <div>
      <dt>{term}</dt>
      <dd>
        <ul className="tag-list">
          {values.map((value) => (
            <li key={value} className="tag">
              {value}
            </li>
          ))}
        </ul>
      </dd>
    </div>
  );
}

function PostDetails({ post, taxonomy }: { post: Post; taxonomy: Taxonomy }) {
  const t = useT();
  const label = labels(taxonomy);
  const dates =
    post.startsOn && post.endsOn
      ? t('post.dateRange', { start: formatDate(post.startsOn), end: formatDate(post.endsOn) })
      : post.startsOn
        ? t('post.from', { date: formatDate(post.startsOn) })
        : post.endsOn
          ? t('post.until', { date: formatDate(post.endsOn) })
          : null;
  return (
    <dl className="details">
      <Detail term={t('post.kind')}>{t(`kind.${post.kind}`)}</Detail>
      <Detail term={t('post.status')} testId="post-status">{t(`postStatus.${post.status}`)}</Detail>
      <div>
        <dt>{t('post.organization')}</dt>
        <dd>
          <Link href={`/organizations/${post.organization.id}`}>{post.organization.name}</Link>
        </dd>
      </div>
      <Detail term={t('post.author')}>{post.author.name}</Detail>
      <Detail term={t('post.audience')}>{post.draft ? t('post.audienceDraft') : post.hidden ? t('post.audienceHidden') : t(`audience.${post.audience}.explained`)}</Detail>
      <Tags term={t('post.regions')} values={post.regions.map(label.region)} />
      <Tags term={t('post.countries')} values={post.countries.map(label.country)} />
      <Tags term={t('post.areas')} values={post.areas.map(label.area)} />
      <Tags term={t('post.themes')} values={post.themes.map(label.theme)} />
      <Tags term={t('post.exploitation')} values={post.exploitation.map(label.exploitation)} />
      {post.budget && (
        <Detail term={t('post.budget')}>{formatMoney(post.budget)}</Detail>
      )}
      {post.budget && post.fundingSought !== null && (
        <Detail term={t('post.fundingSought')}>{formatMoney({ amount: post.fundingSought, currency: post.budget.currency })}</Detail>
      )}
      {dates && (
        <Detail term={t('post.dates')}>{dates}</Detail>
      )}
      <Detail term={t('post.created')}>{formatDateTime(post.createdAt)}</Detail>
      {post.updatedAt !== post.createdAt && (
        <Detail term={t('post.updated')}>{formatDateTime(post.updatedAt)}</Detail>
      )}
    </dl>
  );
}

function CommentForm({ postId, parentId, onPosted, label, button, idPrefix }: { postId: string; parentId?: string; onPosted: (comment: Comment) => void; label: string; button: string; idPrefix: string }) {
  const specs = { body: { label } };
  const form = useForm({ body: '' }, specs, { idPrefix });
  const privacy = usePrivacyGuard();
  return (
    <form
      noValidate
      onSubmit={(event) =>
        void form.submit(
          event,
          async (values) => {
            const comment = await api
              .post<Comment>(`/api/v1/posts/${postId}/comments`, { body: values.body, ...(parentId ? { parentId } : {}), ...privacy.extra })
              .catch((error: unknown) => {
                privacy.capture(error);
                throw error;
              });
            form.reset({ body: '' });
            privacy.reset();
            onPosted(comment);
          },
          { validate: (values) => checkRequired(values, specs, ['body']) },
        )
      }
    >
      <ErrorSummary problem={form.problem} attempt={form.attempt} />
      <TextAreaField {...form.field('body')} required rows={4} maxLength={5000} />
      <PrivacyWarning guard={privacy} />
      <SubmitButton busy={form.submitting}>{button}</SubmitButton>
    </form>
  );
}

function CommentItem({ comment, onChange }: { comment: Comment; onChange: (comment: Comment) => void }) {
  const t = useT();
  const me = useMe();
  return (
    <div className="comment__body-wrap">
      <p className="comment__meta">
        <strong>{withLinks(t, 'post.commentBy', { name: comment.author.name }, { organization: <OrgLink organization={comment.organization} /> })}</strong> <span className="muted small">{formatDateTime(comment.createdAt)}</span>
      </p>
      {comment.hidden && <p className="muted">{comment.body ? t('post.commentHiddenWithReason', { reason: withoutFullStop(comment.hidden.reason) }) : t('post.commentHidden')}</p>}
      {/* Sanitized by the server; a hidden comment's text reaches only organizers and its author. */}
      {comment.bodyHtml && <div className={comment.hidden ? 'prose comment__hidden-text' : 'prose'} dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />}
      <CommentModeration comment={comment} onChange={onChange} />
      <ReportButton type="comment" id={comment.id} authorId={comment.author.id} meId={me.id} />
    </div>
  );
}

function Discussion({ post }: { post: Post }) {
  const t = useT();
  const done = useInlineResult();
  const list = useResource<{ items: Comment[] }>(`/api/v1/posts/${post.id}/comments`);
  const [replyTo, setReplyTo] = useState<string | null>(null);
  // A comment written elsewhere appears without a reload.
  usePostChanges(post.id, (change) => {
    if (change === 'comment') void api.get<{ items: Comment[] }>(`/api/v1/posts/${post.id}/comments`).then((fresh) => list.setData(() => fresh), () => undefined);
  });

  function replaced(updated: Comment) {
    list.setData((data) => ({ items: data.items.map((c) => (c.id === updated.id ? updated : c)) }));
  }

  function added(comment: Comment) {
    list.setData((data) => ({ items: [...data.items, comment] }));
    setReplyTo(null);
    done.show(t('post.commentPosted'));
  }

  const items = list.data?.items ?? [];
  const top = items.filter((c) => c.parentId === null);
  return (
    <section aria-labelledby="discussion-heading" className="discussion">
      <h2 id="discussion-heading">{t('post.discussion')}</h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' && top.length === 0 && <p className="empty">{t('post.noComments')}</p>}
      {top.length > 0 && (
        <ol className="comments">
          {top.map((comment) => {
            const replies = items.filter((c) => c.parentId === comment.id);
            return (
              <li key={comment.id} className="comment" id={`comment-${comment.id}`}>
                <CommentItem comment={comment} onChange={replaced} />
                {replies.length > 0 && (
                  <ol className="comments comments--replies">
                    {replies.map((reply) => (
                      <li key={reply.id} className="comment" id={`comment-${reply.id}`}>
                        <CommentItem comment={reply} onChange={replaced} />
                      </li>
                    ))}
                  </ol>
                )}
                {post.permissions.comment &&
                  (replyTo === comment.id ? (
                    <CommentForm postId={post.id} parentId={comment.id} onPosted={added} label={t('post.yourReply')} button={t('post.postReply')} idPrefix={`reply-${comment.id}-`} />
                  ) : (
                    <button type="button" className="button button--small button--secondary" onClick={() => setReplyTo(comment.id)} aria-label={t('post.replyTo', { name: comment.author.name })}>
                      {t('post.reply')}
                    </button>
                  ))}
              </li>
            );
          })}
        </ol>
      )}
      <InlineResult result={done.result} testId="comments-result" />
      {post.permissions.comment && (
        <section aria-labelledby="add-comment-heading" className="panel">
          <h3 id="add-comment-heading">{t('post.addComment')}</h3>
          <CommentForm postId={post.id} onPosted={added} label={t('post.yourComment')} button={t('post.postComment')} idPrefix="comment-" />
        </section>
      )}
    </section>
  );
}

type OfferAction = 'accept' | 'decline' | 'withdraw';

function OfferCard({ offer, onChange }: { offer: Offer; onChange: (offer: Offer, action: OfferAction) => void }) {
  const t = useT();
  const me = useMe();
  const { busy, error, run } = useAction();
  const decide = (action: OfferAction) => run(async () => onChange(await api.post<Offer>(`/api/v1/offers/${offer.id}/${action}`), action));
  return (
    <article className="card" aria-labelledby={`offer-${offer.id}`}>
      <h3 className="card__title" id={`offer-${offer.id}`}>
        {offer.summary}
      </h3>
      <p className="card__subtitle">{withLinks(t, 'post.commentBy', { name: offer.author.name }, { organization: <OrgLink organization={offer.organization} /> })}</p>
      <dl className="details offer__details">
        <Detail term={t('post.offerStatus')}>{t(`offerStatus.${offer.status}`)}</Detail>
        {offer.cost && (
          <Detail term={t('post.offerCost')}>{formatMoney(offer.cost)}</Detail>
        )}
        {offer.timeframe && (
          <Detail term={t('post.offerTimeframe')}>{offer.timeframe}</Detail>
        )}
      </dl>
      {offer.hidden && <p className="muted">{t('post.hidden', { reason: withoutFullStop(offer.hidden.reason) })}</p>}
      <div className="prose" dangerouslySetInnerHTML={{ __html: offer.bodyHtml }} />
      <ReportButton type="offer" id={offer.id} authorId={offer.author.id} meId={me.id} />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {(offer.permissions.accept || offer.permissions.decline || offer.permissions.withdraw) && (
        <div className="button-row">
          {offer.permissions.accept && (
            <ConfirmButton
              label={t('post.acceptOffer')}
              variant="primary"
              busy={busy}
              question={t('confirm.acceptOffer', { organization: offer.organization.name })}
              confirmLabel={t('confirm.acceptOfferYes')}
              onConfirm={() => decide('accept')}
            />
          )}
          {offer.permissions.decline && (
            <ConfirmButton
              label={t('post.declineOffer')}
              busy={busy}
              question={t('confirm.declineOffer', { organization: offer.organization.name })}
              confirmLabel={t('confirm.declineOfferYes')}
              onConfirm={() => decide('decline')}
            />
          )}
          {offer.permissions.withdraw && (
            <button type="button" className="button button--secondary" onClick={() => void decide('withdraw')} aria-disabled={busy || undefined}>
              {t('post.withdrawOffer')}
            </button>
          )}
        </div>
      )}
    </article>
  );
}

function OfferForm({ post, onSent }: { post: Post; onSent: (offer: Offer) => void }) {
  const t = useT();
  const specs = { summary: { label: t('post.offerSummary') }, body: { label: t('post.offerBody') }, timeframe: { label: t('post.offerTimeframeField') } };
  const form = useForm({ summary: '', body: '', timeframe: '' }, specs, { idPrefix: 'offer-' });
  const privacy = usePrivacyGuard();
  return (
    <section aria-labelledby="make-offer-heading" className="panel">
      <h3 id="make-offer-heading">{t('post.makeOffer')}</h3>
      <form
        noValidate
        onSubmit={(event) =>
          void form.submit(
            event,
            async (values) => {
              const offer = await api.post<Offer>(`/api/v1/posts/${post.id}/offers`, {
                summary: values.summary.trim(),
                body: values.body,
                ...(values.timeframe.trim() ? { timeframe: values.timeframe.trim() } : {}),
                ...privacy.extra,
              }).catch((error: unknown) => {
                privacy.capture(error);
                throw error;
              });
              form.reset({ summary: '', body: '', timeframe: '' });
              privacy.reset();
              onSent(offer);
            },
            { validate: (values) => checkRequired(values, specs, ['summary', 'body']) },
          )
        }
      >
        <ErrorSummary problem={form.problem} attempt={form.attempt} />
        <TextField {...form.field('summary')} required maxLength={300} />
        <TextAreaField {...form.field('body')} required rows={6} />
        <TextField {...form.field('timeframe')} maxLength={200} />
        <PrivacyWarning guard={privacy} />
        <SubmitButton busy={form.submitting}>{t('post.sendOffer')}</SubmitButton>
      </form>
    </section>
  );
}

function Offers({ post, reloadPost }: { post: Post; reloadPost: () => void }) {
  const t = useT();
  const me = useMe();
  const done = useInlineResult();
  const [undoError, setUndoError] = useState<string | null>(null);
  const list = useResource<{ items: Offer[] }>(`/api/v1/posts/${post.id}/offers`);
  const items = list.data?.items ?? [];
  const ownOffer = items.some((o) => o.organization.id === me.organization.id);
  // An offer sent, decided or withdrawn elsewhere appears without a reload.
  usePostChanges(post.id, (change) => {
    if (change !== 'offer') return;
    void api.get<{ items: Offer[] }>(`/api/v1/posts/${post.id}/offers`).then((fresh) => list.setData(() => fresh), () => undefined);
    reloadPost();
  });
  if (!post.permissions.readOffers && !post.permissions.offer && !ownOffer) return null;

  function changed(updated: Offer, action: OfferAction) {
    list.setData((data) => ({ items: data.items.map((o) => (o.id === updated.id ? updated : o)) }));
    // Accepting one offer may change the others (and the request's status): fetch them quietly.
    void api.get<{ items: Offer[] }>(`/api/v1/posts/${post.id}/offers`).then((fresh) => list.setData(() => fresh), () => undefined);
    const organization = updated.organization.name;
    setUndoError(null);
    // Accepting and declining can be undone from the result, while nothing depends on the decision
    // (the server says when something does, in a sentence shown where the user acted).
    const undo =
      action === 'withdraw'
        ? undefined
        : {
            label: t('post.undoDecision'),
            ariaLabel: t('post.undoDecisionLabel', { organization }),
            run: async () => {
              try {
                const reopened = await api.post<Offer>(`/api/v1/offers/${updated.id}/undo`);
                list.setData((data) => ({ items: data.items.map((o) => (o.id === reopened.id ? reopened : o)) }));
                void api.get<{ items: Offer[] }>(`/api/v1/posts/${post.id}/offers`).then((fresh) => list.setData(() => fresh), () => undefined);
                done.show(t('post.decisionUndone', { organization }));
                reloadPost();
              } catch (error: unknown) {
                setUndoError(isApiError(error) ? error.detail || error.title : t('error.unexpected.detailClient'));
              }
            },
          };
    done.show(t(action === 'accept' ? 'post.offerAccepted' : action === 'decline' ? 'post.offerDeclined' : 'post.offerWithdrawn', { organization }), undo);
    reloadPost();
  }

  return (
    <section aria-labelledby="offers-heading" className="offers">
      <h2 id="offers-heading">{t('post.offers')}</h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' && (items.length === 0 ? <p className="empty">{t('post.noOffers')}</p> : <div className="cards">{items.map((offer) => <OfferCard key={offer.id} offer={offer} onChange={changed} />)}</div>)}
      <InlineResult result={done.result} testId="offers-result" />
      {undoError && (
        <p className="field__error" role="alert">
          {undoError}
        </p>
      )}
      {post.permissions.offer && (
        <OfferForm
          post={post}
          onSent={(offer) => {
            list.setData((data) => ({ items: [...data.items, offer] }));
            done.show(t('post.offerSent'));
            reloadPost();
          }}
        />
      )}
    </section>
  );
}

export function PostPage() {
  const t = useT();
  const me = useMe();
  const { id } = useParams<{ id: string }>();
  const post = useResource<Post>(`/api/v1/posts/${encodeURIComponent(id ?? '')}`);
  const taxonomy = useTaxonomy();
  const { setData } = post;
  const published = useInlineResult();
  // After an offer is sent or decided the post changes (status, permissions): fetch it quietly.
  const refresh = useCallback(() => {
    void api.get<Post>(`/api/v1/posts/${encodeURIComponent(id ?? '')}`).then((fresh) => setData(() => fresh), () => undefined);
  }, [id, setData]);
  // A status change made elsewhere shows without a reload.
  usePostChanges(id ?? '', (change) => {
    if (change === 'status') refresh();
  });

  if (post.status === 'error' && (post.error.status === 404 || post.error.status === 400)) return <NotFoundPage />;
  if (post.status !== 'ready' || taxonomy.status !== 'ready') {
    return (
      <Page title={t('common.loading')}>
        {post.status === 'error' ? <LoadError error={post.error} retry={post.reload} /> : taxonomy.status === 'error' ? <LoadError error={taxonomy.error} retry={taxonomy.reload} /> : <Loading />}
      </Page>
    );
  }
  const data = post.data;
  return (
    <Page title={data.title}>
      {data.permissions.update && (
        <p>
          <Link href={`/posts/${data.id}/edit`} className="button button--secondary">
            {t('post.edit')}
          </Link>
        </p>
      )}
      {data.draft && (
        <DraftCallout
          post={data}
          onPublished={(updated) => {
            setData(() => updated);
            published.show(t('post.publishedNow'));
          }}
        />
      )}
      <InlineResult result={published.result} testId="published-result" />
      {data.hidden && (
        <div className="callout callout--warning">
          <p>{t('post.hidden', { reason: withoutFullStop(data.hidden.reason) })}</p>
        </div>
      )}
      <PostModeration post={data} onChange={(updated) => setData(() => updated)} />
      <ReportButton type="post" id={data.id} authorId={data.author.id} meId={me.id} />
      <FollowButton key={data.id} postId={data.id} following={data.following} />
      {/* Issue 12: write to the organization behind the post, the conversation linked to it. */}
      {me.organization.id !== data.organization.id && (
        <p>
          <Link href={newConversationHref([data.organization.id], { type: isProjectKind(data.kind) ? 'project' : 'post', id: data.id })} className="button button--secondary">
            {t('conversations.writeAboutPost', { organization: data.organization.name })}
          </Link>
        </p>
      )}
      <PublicMark postId={data.id} />
      <PostDetails post={data} taxonomy={taxonomy.data} />
      <section aria-labelledby="description-heading">
        <h2 id="description-heading">{t('post.description')}</h2>
        {/* Sanitized by the server. */}
        <div className="prose" dangerouslySetInnerHTML={{ __html: data.bodyHtml }} />
      </section>
      <DocumentsSection attachType={isProjectKind(data.kind) ? 'project' : 'post'} attachId={data.id} canAdd={data.permissions.update} />
      <ProjectCoordination post={data} onPostChange={refresh} />
      <RevisionHistory post={data} />
      {data.kind === 'ta_request' && <Offers post={data} reloadPost={refresh} />}
      <FundingPanel post={data} />
      <MeetAboutPost post={data} />
      <PostOverlap post={data} />
      <Discussion post={data} />
    </Page>
  );
}
