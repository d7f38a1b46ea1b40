// For focal points: the people of their organization, inviting colleagues, and switching an
// account off and on again.
import { useMe } from '../auth/session.js';
import type { ItemList, Member } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { formatCountry, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { InviteForm } from './invite-form.js';
import { MemberList } from './member-list.js';
import { ExpertiseSection } from '../matching/expertise-section.js';

export function OrganizationPage() {
  const t = useT();
  const me = useMe();
  const org = me.organization;
  const members = useResource<ItemList<Member>>(`/api/v1/organizations/${encodeURIComponent(org.id)}/members`);

  function replace(updated: Member) {
    members.setData((data) => ({ items: data.items.map((item) => (item.id === updated.id ? updated : item)) }));
  }

  return (
    <Page title={t('organization.title')}>
      <p className="lead">
        {org.name}
        <span className="muted">
          {' · '}
          {t(`category.${org.category}`)}
          {' · '}
          {formatCountry(org.country)}
        </span>
      </p>

      <section aria-labelledby="org-members">
        <h2 id="org-members">{t('organization.members.heading')}</h2>
        {members.status === 'loading' && <Loading />}
        {members.status === 'error' && <LoadError error={members.error} retry={members.reload} />}
        {members.status === 'ready' && <MemberList members={members.data.items} myId={me.id} onChange={replace} />}
      </section>

      <section aria-labelledby="org-invite" className="panel">
        <h2 id="org-invite">{t('organization.invite.heading')}</h2>
        <InviteForm organizationId={org.id} onInvited={members.reload} />
      </section>
      <ExpertiseSection organizationId={org.id} />
    </Page>
  );
}
