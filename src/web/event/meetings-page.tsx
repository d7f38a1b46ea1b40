// The meetings a participant proposed or is invited to.
import { Link } from 'wouter';
import { useResource } from '../api/use-resource.js';
import { useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { dayIn, rangeIn } from './time-format.js';
import type { Meeting } from './types.js';
import { OrgLink, withLinks } from '../organizations/org-link.js';

export function MeetingsPage() {
  const t = useT();
  const list = useResource<{ items: Meeting[] }>('/api/v1/meetings');
  return (
    <Page title={t('meetings.title')}>
      <p className="lead">{t('meetings.intro')}</p>
      <p>
        <Link href="/meetings/new" className="button button--primary">
          {t('meetings.propose')}
        </Link>
      </p>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t('meetings.empty')}</p>
        ) : (
          <ul className="cards">
            {list.data.items.map((m) => {
              const when = m.confirmedSlot ?? m.slots[0];
              return (
                <li key={m.id} className="card">
                  <h2 className="card__title">
                    <Link href={`/meetings/${m.id}`}>{m.topic}</Link>
                  </h2>
                  <p className="card__subtitle">
                    <span className={`badge badge--meeting-${m.status}`}>{t(`meeting.status.${m.status}`)}</span> {t(`meeting.mode.${m.mode}`)} · {m.event.name}
                  </p>
                  {when && (
                    <p className="small">
                      {m.confirmedSlot ? '' : `${t('meetings.firstProposed')} `}
                      {dayIn(when.start, m.event.timeZone)}, {rangeIn(when.start, when.end, m.event.timeZone)} ({m.event.timeZone}){m.room ? ` · ${m.room.name}` : ''}
                    </p>
                  )}
                  <p className="small muted">{withLinks(t, 'meetings.proposedBy', { name: m.proposer.name }, { organization: <OrgLink organization={m.proposer.organization} /> })}</p>
                </li>
              );
            })}
          </ul>
        ))}
    </Page>
  );
}
