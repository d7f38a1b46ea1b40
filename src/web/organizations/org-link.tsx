// Issue 12: an organization's name links to its page wherever it appears (posts, offers, comments,
// meetings, pledges). `withLinks` puts React nodes (such links) into a translated sentence in place
// of its {placeholders}, so the words stay in the message catalogue.
import { Fragment, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useT, type MessageKey, type Translate, type Vars } from '../i18n/i18n.js';

/** `newTab` where leaving the page would interrupt (e.g. beside a form being written), like the posts linked there. */
export function OrgLink({ organization, newTab = false }: { organization: { id: string; name: string }; newTab?: boolean }) {
  if (newTab) {
    return (
      <a href={`/organizations/${organization.id}`} target="_blank" rel="noopener">
        {organization.name}
        <NewTabNote />
      </a>
    );
  }
  return <Link href={`/organizations/${organization.id}`}>{organization.name}</Link>;
}

const MARK = '\u0000';

/** `t(key, vars)` with `nodes` in place of their placeholders. */
export function withLinks(t: Translate, key: MessageKey, vars: Vars, nodes: Record<string, ReactNode>): ReactNode {
  const marked = t(key, { ...vars, ...Object.fromEntries(Object.keys(nodes).map((name) => [name, `${MARK}${name}${MARK}`])) });
  return marked.split(MARK).map((part, i) => <Fragment key={i}>{i % 2 === 1 && part in nodes ? nodes[part] : part}</Fragment>);
}

function NewTabNote() {
  const t = useT();
  return <span className="visually-hidden"> {t('overlap.newTab')}</span>;
}
