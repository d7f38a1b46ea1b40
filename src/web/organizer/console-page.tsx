// The organizers' console: one page that leads to every moderation and administration task, with
// what is waiting where the server can say it cheaply. The main navigation has one "Console" item
// instead of a link per task, so it stays usable on a phone.
import { Link } from 'wouter';
import type { ItemList } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import type { PostList } from '../exchange/types.js';
import { useT, type MessageKey } from '../i18n/i18n.js';
import { Page } from '../layout/page.js';

interface Task {
  href: string;
  title: MessageKey;
  description: MessageKey;
}

const TASKS: Task[] = [
  { href: '/organizer/applications', title: 'console.applications', description: 'console.applications.description' },
  { href: '/organizer/organizations', title: 'console.organizations', description: 'console.organizations.description' },
  { href: '/organizer/hidden', title: 'console.hidden', description: 'console.hidden.description' },
  { href: '/organizer/overlaps', title: 'console.overlaps', description: 'console.overlaps.description' },
  { href: '/organizer/rooms', title: 'console.rooms', description: 'console.rooms.description' },
  { href: '/organizer/audit', title: 'console.audit', description: 'console.audit.description' },
];

/** How many applications wait for a decision, and how many posts are hidden. */
function Waiting({ href }: { href: string }) {
  const t = useT();
  const applications = useResource<ItemList<unknown>>(href === '/organizer/applications' ? '/api/v1/applications?status=pending' : null);
  const hidden = useResource<PostList>(href === '/organizer/hidden' ? '/api/v1/posts?hidden=true&limit=1' : null);
  if (applications.status === 'ready') return <p className="console__count">{t('console.applications.waiting', { count: applications.data.items.length })}</p>;
  if (hidden.status === 'ready') return <p className="console__count">{t('console.hidden.count', { count: hidden.data.total })}</p>;
  return null;
}

export function ConsolePage() {
  const t = useT();
  return (
    <Page title={t('console.title')}>
      <p className="lead">{t('console.intro')}</p>
      <ul className="console">
        {TASKS.map((task) => (
          <li key={task.href} className="card">
            <h2 className="card__title">
              <Link href={task.href}>{t(task.title)}</Link>
            </h2>
            <p>{t(task.description)}</p>
            <Waiting href={task.href} />
          </li>
        ))}
      </ul>
    </Page>
  );
}
