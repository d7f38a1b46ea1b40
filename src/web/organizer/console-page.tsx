// The organizers' console: one page that leads to every moderation and administration task, with
// what is waiting where the server can say it cheaply. The main navigation has one "Console" item
// instead of a link per task, so it stays usable on a phone.
import { Link } from 'wouter';
import type { ItemList } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import type { PostList } from '../exchange/types.js';
import { useT } from '../i18n/i18n.js';
import { Page } from '../layout/page.js';
import { CONSOLE_TASKS } from './console-tasks.js';

/** How many applications wait for a decision, and how many posts are hidden. */
function Waiting({ href }: { href: string }) {
  const t = useT();
  const applications = useResource<ItemList<unknown>>(href === '/organizer/applications' ? '/api/v1/applications?status=pending' : null);
  const hidden = useResource<PostList>(href === '/organizer/hidden' ? '/api/v1/posts?hidden=true&limit=1' : null);
  const queue = useResource<{ total: number }>(href === '/organizer/moderation' ? '/api/v1/reports?limit=1' : null);
  if (queue.status === 'ready') return <p className="console__count">{t('console.moderation.count', { count: queue.data.total })}</p>;
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
        {CONSOLE_TASKS.map((task) => (
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
