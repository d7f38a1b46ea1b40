// /conversations (your organization's conversations, unread first in mind), /conversations/new
// (start one, e.g. from the directory) and /conversations/:id (read and write).
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { api, isApiError, request } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useSession } from '../auth/session.js';
import { useAction } from '../forms/use-action.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { DocumentsSection } from '../library/documents-section.js';
import { PrivacyWarning, usePrivacyGuard } from '../moderation/privacy-warning.js';
import { ReportButton } from '../moderation/report-button.js';
import { NotFoundPage } from '../not-found/not-found-page.js';
import { aboutFromQuery } from './conversation-link.js';

interface OrgRef { id: string; name: string }
interface Summary { id: string; subject: string; organizations: OrgRef[]; lastMessageAt: string; messages: number; unread: number; muted: boolean }
interface Message { id: string; author: OrgRef; organization: OrgRef; bodyHtml: string; body: string | null; createdAt: string; editedAt: string | null; hidden: { reason: string } | null; canEdit: boolean; mine: boolean }
interface Conversation { id: string; subject: string; organizations: OrgRef[]; about: { type: 'post' | 'meeting'; id: string; title: string } | null; muted: boolean; participant: boolean; messages: Message[] }

export function ConversationsPage() {
  const t = useT();
  const list = useResource<{ items: Summary[]; nextCursor: string | null }>('/api/v1/conversations');
  return (
    <Page title={t('conversations.title')}>
      <p className="lead">{t('conversations.privacy')}</p>
      <p><Link href="/conversations/new" className="button">{t('conversations.new')}</Link></p>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t('conversations.empty')}</p>
        ) : (
          <ul className="link-list">
            {list.data.items.map((c) => (
              <li key={c.id}>
                <Link href={`/conversations/${c.id}`}>{c.unread > 0 ? <strong>{c.subject}</strong> : c.subject}</Link>{' '}
                {c.unread > 0 && <span className="badge">{t('conversations.unread', { count: c.unread })}</span>}{' '}
                <span className="muted small">{`${c.organizations.map((o) => o.name).join(', ')} · ${formatDateTime(c.lastMessageAt)}`}</span>
              </li>
            ))}
          </ul>
        ))}
    </Page>
  );
}

/**
 * Start a conversation with one or more organizations (`?to=` once per organization, from the
 * directory, an organization page, a post, a project or a meeting), optionally about a post,
 * project or meeting (`?about=`). More organizations can be added by name before sending.
 */
export function NewConversationPage() {
  const t = useT();
  const [, navigate] = useLocation();
  const me = useSession().me;
  const [initial] = useState(() => {
    const query = new URLSearchParams(window.location.search);
    return { to: [...new Set(query.getAll('to').filter((id) => /^[0-9a-f-]{36}$/i.test(id)))], about: aboutFromQuery(query.get('about')) };
  });
  const [organizations, setOrganizations] = useState<OrgRef[]>([]);
  const [loadFailed, setLoadFailed] = useState(false);
  const about = useResource<{ title?: string; topic?: string }>(
    initial.about ? (initial.about.type === 'meeting' ? `/api/v1/meetings/${initial.about.id}` : `/api/v1/posts/${initial.about.id}`) : null,
  );
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [search, setSearch] = useState('');
  const found = useResource<{ items: OrgRef[] }>(search.trim().length >= 2 ? `/api/v1/directory/organizations?q=${encodeURIComponent(search.trim())}&limit=8` : null);
  const action = useAction();
  const privacy = usePrivacyGuard();

  useEffect(() => {
    // The names of the organizations the link named (one request each; a link names a few at most).
    let stop = false;
    Promise.all(initial.to.map((id) => api.get<OrgRef>(`/api/v1/organizations/${encodeURIComponent(id)}`))).then(
      (orgs) => !stop && setOrganizations(orgs.map((o) => ({ id: o.id, name: o.name }))),
      () => !stop && setLoadFailed(true),
    );
    return () => {
      stop = true;
    };
  }, [initial]);

  const ownId = me?.organization.id;
  const chosen = organizations.filter((o) => o.id !== ownId);
  const aboutTitle = about.status === 'ready' ? (about.data.title ?? about.data.topic ?? '') : null;
  const aboutHref = initial.about ? (initial.about.type === 'meeting' ? `/meetings/${initial.about.id}` : `/posts/${initial.about.id}`) : '';
  const suggestions = found.status === 'ready' ? found.data.items.filter((o) => o.id !== ownId && !chosen.some((c) => c.id === o.id)) : [];
  return (
    <Page title={t('conversations.new')} width="narrow">
      <p className="lead">{t('conversations.privacy')}</p>
      {loadFailed && <p className="field__error" role="alert">{t('conversations.unknownOrganization')}</p>}
      {aboutTitle !== null && initial.about && (
        <p data-testid="conversation-about">{`${t('conversations.about')}: `}<Link href={aboutHref}>{aboutTitle}</Link></p>
      )}
      <section aria-labelledby="conv-with">
        <h2 id="conv-with">{t('conversations.with')}</h2>
        {chosen.length === 0 ? (
          <p className="muted">{t('conversations.noneChosen')}</p>
        ) : (
          <ul className="link-list" data-testid="conversation-organizations">
            {chosen.map((o) => (
              <li key={o.id}>
                <Link href={`/organizations/${o.id}`}>{o.name}</Link>{' '}
                <button type="button" className="button button--small button--secondary" onClick={() => setOrganizations((all) => all.filter((x) => x.id !== o.id))}>
                  {t('conversations.remove', { name: o.name })}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="field">
          <label htmlFor="conv-add">{t('conversations.add')}</label>
          <input id="conv-add" type="search" autoComplete="off" value={search} onChange={(e) => setSearch(e.target.value)} aria-describedby="conv-add-hint" />
          <p id="conv-add-hint" className="field__hint">{t('conversations.addHint')}</p>
        </div>
        {suggestions.length > 0 && (
          <ul className="link-list" aria-label={t('conversations.suggestions')}>
            {suggestions.map((o) => (
              <li key={o.id}>
                <button type="button" className="button button--small button--secondary" onClick={() => { setOrganizations((all) => [...all, { id: o.id, name: o.name }]); setSearch(''); }}>
                  {t('conversations.addOne', { name: o.name })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            let made: { id: string };
            try {
              made = await api.post<{ id: string }>('/api/v1/conversations', {
                subject,
                organizationIds: chosen.map((o) => o.id),
                body,
                ...(initial.about && about.status === 'ready' ? { about: initial.about } : {}),
                ...privacy.extra,
              });
            } catch (caught) {
              // The warning shows what was found and asks to confirm; the API's own sentence would repeat it.
              if (privacy.capture(caught)) return;
              throw caught;
            }
            navigate(`/conversations/${made.id}`);
          });
        }}
      >
        <div className="field">
          <label htmlFor="conv-subject">{t('conversations.subject')}</label>
          <input id="conv-subject" value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={200} required />
        </div>
        <div className="field">
          <label htmlFor="conv-body">{t('conversations.message')}</label>
          <textarea id="conv-body" rows={6} value={body} onChange={(e) => setBody(e.target.value)} maxLength={10000} required />
        </div>
        <PrivacyWarning guard={privacy} />
        {action.error && <p className="field__error" role="alert">{action.error}</p>}
        <button type="submit" className="button" aria-disabled={action.busy || undefined}>{t('conversations.start')}</button>
      </form>
    </Page>
  );
}

export function ConversationPage() {
  const t = useT();
  const session = useSession();
  const { id = '' } = useParams<{ id: string }>();
  const conv = useResource<Conversation>(`/api/v1/conversations/${encodeURIComponent(id)}`);
  const [reply, setReply] = useState('');
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const action = useAction();
  const privacy = usePrivacyGuard();
  const ready = conv.status === 'ready' ? conv.data : null;

  useEffect(() => {
    // Opening the conversation reads it (for this person only).
    if (ready?.participant) void api.post(`/api/v1/conversations/${ready.id}/read`).catch(() => {});
  }, [ready?.id, ready?.participant, ready?.messages.length]);

  if (conv.status === 'error' && (conv.error.status === 404 || conv.error.status === 400)) return <NotFoundPage />;
  if (!ready) return <Page title={t('common.loading')}>{conv.status === 'error' ? <LoadError error={conv.error} retry={conv.reload} /> : <Loading />}</Page>;
  const meId = session.me?.id ?? '';
  return (
    <Page title={ready.subject}>
      <p className="lead">{ready.participant ? t('conversations.privacy') : t('conversations.review')}</p>
      <p>
        {`${t('conversations.with')}: `}
        {ready.organizations.map((o, i) => (
          <span key={o.id}>{i > 0 && ', '}<Link href={`/organizations/${o.id}`}>{o.name}</Link></span>
        ))}
      </p>
      {ready.about && <p>{`${t('conversations.about')}: `}<Link href={ready.about.type === 'post' ? `/posts/${ready.about.id}` : `/meetings/${ready.about.id}`}>{ready.about.title}</Link></p>}
      {ready.participant && (
        <button type="button" className="button button--small button--secondary" onClick={() => void action.run(async () => { await api.put(`/api/v1/conversations/${ready.id}/mute`, { muted: !ready.muted }); conv.reload(); })}>
          {ready.muted ? t('conversations.unmute') : t('conversations.mute')}
        </button>
      )}
      <ol className="plain-list conversation">
        {ready.messages.map((m) => (
          <li key={m.id} id={`message-${m.id}`} className="panel conversation__message">
            <p className="small">
              <strong>{m.author.name}</strong>{' · '}<Link href={`/organizations/${m.organization.id}`}>{m.organization.name}</Link>{' · '}
              <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
              {m.editedAt && ` · ${t('conversations.edited')}`}
            </p>
            {m.hidden && <p className="muted">{t('conversations.hidden')} {m.hidden.reason}</p>}
            {editing?.id === m.id ? (
              <form onSubmit={(e) => { e.preventDefault(); void action.run(async () => { await request('PATCH', `/api/v1/conversations/${ready.id}/messages/${m.id}`, { body: editing.body }); setEditing(null); conv.reload(); }); }}>
                <label htmlFor={`edit-${m.id}`} className="visually-hidden">{t('conversations.message')}</label>
                <textarea id={`edit-${m.id}`} rows={4} value={editing.body} onChange={(e) => setEditing({ id: m.id, body: e.target.value })} />
                <button type="submit" className="button button--small">{t('conversations.save')}</button>
              </form>
            ) : (
              // Rendered and sanitized on the server (like comments).
              <div className="prose" dangerouslySetInnerHTML={{ __html: m.bodyHtml }} />
            )}
            {m.canEdit && editing?.id !== m.id && <button type="button" className="button button--small button--secondary" onClick={() => setEditing({ id: m.id, body: m.body ?? '' })}>{t('conversations.edit')}</button>}
            {ready.participant && <ReportButton type="message" id={m.id} authorId={m.author.id} meId={meId} />}
          </li>
        ))}
      </ol>
      {ready.participant && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(async () => {
              try {
                await api.post(`/api/v1/conversations/${ready.id}/messages`, { body: reply, ...privacy.extra });
              } catch (caught) {
                if (privacy.capture(caught)) return;
                throw caught;
              }
              privacy.reset();
              setReply('');
              conv.reload();
            });
          }}
        >
          <div className="field">
            <label htmlFor="conv-reply">{t('conversations.reply')}</label>
            <textarea id="conv-reply" rows={4} value={reply} onChange={(e) => setReply(e.target.value)} maxLength={10000} />
          </div>
          <PrivacyWarning guard={privacy} />
          {action.error && <p className="field__error" role="alert">{action.error}</p>}
          <button type="submit" className="button" aria-disabled={action.busy || undefined}>{t('conversations.send')}</button>
        </form>
      )}
      {/* The conversation's documents: its organizations add them; nobody else sees them (organizers once something here is reported). */}
      <DocumentsSection attachType="conversation" attachId={ready.id} canAdd={ready.participant} />
    </Page>
  );
}

export const conversationErrorText = (e: unknown) => (isApiError(e) ? e.detail : String(e));
