// Issue 12: an organization's name links to its page wherever it appears (posts, offers, comments,
// meetings, pledges). `withLinks` puts React nodes (such links) into a translated sentence in place
// of its {placeholders}, so the words stay in the message catalogue.
import { Fragment, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { MessageKey, Translate, Vars } from '../i18n/i18n.js';

export function OrgLink({ organization }: { organization: { id: string; name: string } }) {
  return <Link href={`/organizations/${organization.id}`}>{organization.name}</Link>;
}

const MARK = '\u0000';

/** `t(key, vars)` with `nodes` in place of their placeholders. */
export function withLinks(t: Translate, key: MessageKey, vars: Vars, nodes: Record<string, ReactNode>): ReactNode {
  const marked = t(key, { ...vars, ...Object.fromEntries(Object.keys(nodes).map((name) => [name, `${MARK}${name}${MARK}`])) });
  return marked.split(MARK).map((part, i) => <Fragment key={i}>{i % 2 === 1 && part in nodes ? nodes[part] : part}</Fragment>);
}
