import { useId, useState } from 'react';
import { api, isApiError, type ApiError } from '../api/client.js';
import type { Member } from '../api/types.js';
import { compareText, formatDate, useT } from '../i18n/i18n.js';

interface Props {
  members: Member[];
  myId: string;
  onChange: (member: Member) => void;
}

export function MemberList({ members, myId, onChange }: Props) {
  const t = useT();
  if (members.length === 0) return <p className="empty">{t('organization.members.empty')}</p>;
  const sorted = [...members].sort((a, b) => compareText(a.name, b.name));
  return (
    <>
      <p className="muted">{t('organization.members.count', { count: members.length })}</p>
      <ul className="member-list">
        {sorted.map((member) => (
          <MemberItem key={member.id} member={member} isMe={member.id === myId} onChange={onChange} />
        ))}
      </ul>
    </>
  );
}

/** Who a member is: name, title, e-mail, role, status and since when (the focal point's list and the console). */
export function MemberSummary({ member, isMe, nameId }: { member: Member; isMe: boolean; nameId: string }) {
  const t = useT();
  return (
    <>
      <div className="member__main">
        <p className="member__name" id={nameId}>
          {member.name}
          {isMe && <span className="muted"> {t('organization.you')}</span>}
        </p>
        {member.title && <p className="member__title">{member.title}</p>}
        <p className="member__email">
          <a href={`mailto:${member.email}`}>{member.email}</a>
        </p>
      </div>
      <div className="member__meta">
        <span className="tag">{t(`role.${member.role}`)}</span>
        <span className={`badge badge--${member.status}`}>{t(`userStatus.${member.status}`)}</span>
        <span className="muted member__since">
          {member.activatedAt ? t('organization.activeSince', { date: formatDate(member.activatedAt) }) : t('organization.invitedOn', { date: formatDate(member.createdAt) })}
        </span>
      </div>
    </>
  );
}

function MemberItem({ member, isMe, onChange }: { member: Member; isMe: boolean; onChange: (member: Member) => void }) {
  const t = useT();
  const nameId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');

  // Pending (invited) and active accounts can be switched off; deactivated ones on again.
  // Suspension is the organizers' decision and is not undone here.
  const action = isMe ? null : member.status === 'deactivated' ? 'reactivate' : member.status === 'active' || member.status === 'pending' ? 'deactivate' : null;

  async function run(kind: 'deactivate' | 'reactivate') {
    if (busy) return;
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const updated = await api.post<Member>(`/api/v1/users/${encodeURIComponent(member.id)}/${kind}`, {});
      onChange(updated);
      setStatus(t(kind === 'deactivate' ? 'organization.deactivated' : 'organization.reactivated', { name: member.name }));
    } catch (caught) {
      if (isApiError(caught)) setError(caught);
      else throw caught;
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="member">
      <MemberSummary member={member} isMe={isMe} nameId={nameId} />
      <div className="member__actions">
        {action && (
          <button
            type="button"
            className={action === 'deactivate' ? 'button button--small button--secondary' : 'button button--small button--primary'}
            onClick={() => void run(action)}
            aria-disabled={busy || undefined}
            aria-describedby={nameId}
          >
            {t(action === 'deactivate' ? 'organization.deactivate' : 'organization.reactivate')}
          </button>
        )}
        <span role="status" className="member__status">
          {busy ? t('common.sending') : status}
        </span>
        {error && (
          <p className="field__error" role="alert">
            {error.detail || error.title}
          </p>
        )}
      </div>
    </li>
  );
}
