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
import { ReportButton } from '../moderation/report-button.js';
import { NotFoundPage } from '../not-found/not-found-page.js';

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
      <p><Link href="/directory" className="button">{t('conversations.new')}</Link></p>
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

export function NewConversationPage() {
  const t = useT();
  const [, navigate] = useLocation();
  const to = new URLSearchParams(window.location.search).get('to') ?? '';
  const org = useResource<OrgRef>(to ? `/api/v1/organizations/${encodeURIComponent(to)}` : null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const action = useAction();
  if (!to) return <NotFoundPage />;
  return (
    <Page title={t('conversations.new')} width="narrow">
      <p className="lead">{t('conversations.privacy')}</p>
      {org.status === 'ready' && <p>{`${t('conversations.with')}: `}<Link href={`/organizations/${org.data.id}`}>{org.data.name}</Link></p>}
      {org.status === 'error' && <LoadError error={org.error} retry={org.reload} />}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            const made = await api.post<{ id: string }>('/api/v1/conversations', { subject, organizationIds: [to], body });
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
              await api.post(`/api/v1/conversations/${ready.id}/messages`, { body: reply });
              setReply('');
              conv.reload();
            });
          }}
        >
          <div className="field">
            <label htmlFor="conv-reply">{t('conversations.reply')}</label>
            <textarea id="conv-reply" rows={4} value={reply} onChange={(e) => setReply(e.target.value)} maxLength={10000} />
          </div>
          {action.error && <p className="field__error" role="alert">{action.error}</p>}
          <button type="submit" className="button" aria-disabled={action.busy || undefined}>{t('conversations.send')}</button>
        </form>
      )}
    </Page>
  );
}

export const conversationErrorText = (e: unknown) => (isApiError(e) ? e.detail : String(e));
