// One organization in the organizers' console: what it is, its status, suspending and
// reinstating it, and (opened on demand) its people, each of whom can be suspended on their own.
import { useId, useState } from 'react';
import { Link } from 'wouter';
import type { ApiError } from '../api/client.js';
import type { ItemList, Member, Organization } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { compareText, formatCountry, useT } from '../i18n/i18n.js';
import { LoadError, Loading } from '../layout/page.js';
import { ReasonForm } from '../forms/reason-form.js';
import { useSuspension } from './use-suspension.js';
import { MemberSummary } from '../organization/member-list.js';

const isWebAddress = (value: string | null): value is string => !!value && /^https?:\/\//i.test(value);

function ErrorCallout({ error }: { error: ApiError }) {
  return (
    <div className="callout callout--error" role="alert">
      <p className="callout-title">{error.title}</p>
      {error.detail && <p>{error.detail}</p>}
    </div>
  );
}

interface CardProps {
  organization: Organization;
  /** The organizer's own organization, which they may not suspend. */
  isMine: boolean;
  myId: string;
  onChange: (organization: Organization) => void;
}

export function OrganizationAdminCard({ organization: org, isMine, myId, onChange }: CardProps) {
  const t = useT();
  const headingId = useId();
  const [showMembers, setShowMembers] = useState(false);
  // Bumped after a change of the organization's status, so an open member list is read again.
  const [membersVersion, setMembersVersion] = useState(0);
  const status = org.status ?? 'active';
  const suspended = status === 'suspended';
  const { confirming, busy, error, message, actionRef, start, suspend, cancel } = useSuspension<Organization>(
    `/api/v1/organizations/${encodeURIComponent(org.id)}`,
    (updated) => {
      onChange(updated);
      setMembersVersion((n) => n + 1);
    },
    (action) => t(action === 'suspend' ? 'organizations.suspended' : 'organizations.reinstated', { organization: org.name }),
  );

  return (
    <article className="card org-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        <Link href={`/organizations/${org.id}`}>{org.name}</Link>
      </h2>
      <p className="decision">
        <span className={`badge badge--${status}`}>{t(`organizationStatus.${status}`)}</span>
        {isMine && <span className="muted">{t('organizations.yours')}</span>}
      </p>
      <dl className="details">
        <div>
          <dt>{t('common.category')}</dt>
          <dd>{t(`category.${org.category}`)}</dd>
        </div>
        <div>
          <dt>{t('common.country')}</dt>
          <dd>{formatCountry(org.country)}</dd>
        </div>
        <div>
          <dt>{t('common.website')}</dt>
          <dd>
            {isWebAddress(org.website) ? (
              <a href={org.website} rel="noopener noreferrer nofollow" target="_blank">
                {org.website}
                <span className="visually-hidden"> {t('common.opensInNewTab')}</span>
              </a>
            ) : (
              (org.website ?? t('common.none'))
            )}
          </dd>
        </div>
        <div>
          <dt>{t('organizations.tier')}</dt>
          <dd>{t(`tier.${org.tier}`)}</dd>
        </div>
      </dl>

      {error && <ErrorCallout error={error} />}

      {!isMine && !confirming && (
        <div className="card__actions">
          <button
            type="button"
            ref={actionRef}
            className={suspended ? 'button button--primary' : 'button button--secondary'}
            onClick={() => start(suspended)}
            aria-disabled={busy || undefined}
            aria-describedby={headingId}
          >
            {t(suspended ? 'organizations.reinstate' : 'organizations.suspend')}
          </button>
        </div>
      )}
      <p role="status" className="form-actions__status org-card__status">
        {busy ? t('common.sending') : message}
      </p>

      {!isMine && confirming && (
        <ReasonForm
          idPrefix={`o${org.id}-`}
          formLabel={t('organizations.suspend.formLabel', { organization: org.name })}
          hint={t('organizations.suspend.hint', { organization: org.name })}
          submitLabel={t('organizations.suspend')}
          onConfirm={suspend}
          onCancel={cancel}
        />
      )}

      <details className="org-card__members" onToggle={(event) => setShowMembers(event.currentTarget.open)}>
        <summary>{t('organizations.members.summary')}</summary>
        {showMembers && <MembersPanel key={membersVersion} organizationId={org.id} myId={myId} />}
      </details>
    </article>
  );
}

function MembersPanel({ organizationId, myId }: { organizationId: string; myId: string }) {
  const t = useT();
  const members = useResource<ItemList<Member>>(`/api/v1/organizations/${encodeURIComponent(organizationId)}/members`);

  function replace(updated: Member) {
    members.setData((data) => ({ items: data.items.map((item) => (item.id === updated.id ? updated : item)) }));
  }

  if (members.status === 'loading') return <Loading />;
  if (members.status === 'error') return <LoadError error={members.error} retry={members.reload} />;
  const items = members.data.items;
  if (items.length === 0) return <p className="empty">{t('organizations.members.empty')}</p>;
  const sorted = [...items].sort((a, b) => compareText(a.name, b.name));
  return (
    <>
      <p className="muted">{t('organization.members.count', { count: items.length })}</p>
      <ul className="member-list">
        {sorted.map((member) => (
          <MemberRow key={member.id} member={member} isMe={member.id === myId} onChange={replace} />
        ))}
      </ul>
    </>
  );
}

function MemberRow({ member, isMe, onChange }: { member: Member; isMe: boolean; onChange: (member: Member) => void }) {
  const t = useT();
  const nameId = useId();
  const suspended = member.status === 'suspended';
  const { confirming, busy, error, message, actionRef, start, suspend, cancel } = useSuspension<Member>(`/api/v1/users/${encodeURIComponent(member.id)}`, onChange, (action) =>
    t(action === 'suspend' ? 'organizations.member.suspended' : 'organizations.member.reinstated', { name: member.name }),
  );

  return (
    <li className="member">
      <MemberSummary member={member} isMe={isMe} nameId={nameId} />
      <div className="member__actions">
        {!isMe && !confirming && (
          <button
            type="button"
            ref={actionRef}
            className={suspended ? 'button button--small button--primary' : 'button button--small button--secondary'}
            onClick={() => start(suspended)}
            aria-disabled={busy || undefined}
            aria-describedby={nameId}
          >
            {t(suspended ? 'organizations.member.reinstate' : 'organizations.member.suspend')}
          </button>
        )}
        <span role="status" className="member__status">
          {busy ? t('common.sending') : message}
        </span>
        {error && (
          <p className="field__error" role="alert">
            {error.detail || error.title}
          </p>
        )}
      </div>
      {!isMe && confirming && (
        <div className="member__form">
          <ReasonForm
            idPrefix={`u${member.id}-`}
            formLabel={t('organizations.member.suspend.formLabel', { name: member.name })}
            hint={t('organizations.member.suspend.hint', { name: member.name })}
            submitLabel={t('organizations.member.suspend')}
            onConfirm={suspend}
            onCancel={cancel}
          />
        </div>
      )}
    </li>
  );
}
