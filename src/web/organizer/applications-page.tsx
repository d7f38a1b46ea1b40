// The organizers' queue of applications: pending first, with tabs for decided ones.
import { Link, useSearch } from 'wouter';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../shared/participants.js';
import type { Application, ItemList } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { ApplicationCard } from './application-card.js';

const BASE = '/organizer/applications';

function statusFrom(search: string): ApplicationStatus {
  const raw = new URLSearchParams(search).get('status');
  return APPLICATION_STATUSES.find((status) => status === raw) ?? 'pending';
}

const inTab = (items: Application[], status: ApplicationStatus) => items.filter((item) => item.status === status).length;

export function ApplicationsPage() {
  const t = useT();
  const status = statusFrom(useSearch());
  const list = useResource<ItemList<Application>>(`/api/v1/applications?status=${status}`);

  function replace(updated: Application) {
    list.setData((data) => ({ items: data.items.map((item) => (item.id === updated.id ? updated : item)) }));
  }

  return (
    <Page title={t('applications.title')}>
      <nav className="tabs" aria-label={t('applications.tabs.label')}>
        <ul>
          {APPLICATION_STATUSES.map((tab) => (
            <li key={tab}>
              <Link href={tab === 'pending' ? BASE : `${BASE}?status=${tab}`} aria-current={tab === status ? 'page' : undefined}>
                {t(`applications.tab.${tab}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="visually-hidden">{t(`applications.tab.${status}`)}</h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t(`applications.empty.${status}`)}</p>
        ) : (
          <>
            {/* Decided here, an application stays in view (with its decision) until the next load. */}
            <p className="muted">
              {inTab(list.data.items, status) === 0 ? t(`applications.empty.${status}`) : t(`applications.count.${status}`, { count: inTab(list.data.items, status) })}
            </p>
            <div className="cards">
              {list.data.items.map((application) => (
                <ApplicationCard key={application.id} application={application} onChange={replace} />
              ))}
            </div>
          </>
        ))}
    </Page>
  );
}
