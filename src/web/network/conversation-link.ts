// Links that start a conversation (issue 12): `/conversations/new?to=<org>&to=<org>&about=post:<id>`.
// Kept apart from the conversations page so the post and meeting pages can link to it without
// loading that page's code.
export type ConversationAboutType = 'post' | 'project' | 'meeting';

/** Where "Start a conversation" links: the organizations to write to, and what it is about. */
export function newConversationHref(organizationIds: readonly string[], about?: { type: ConversationAboutType; id: string }): string {
  const query = new URLSearchParams();
  for (const id of new Set(organizationIds)) query.append('to', id);
  if (about) query.set('about', `${about.type}:${about.id}`);
  return `/conversations/new?${query.toString()}`;
}

/** `?about=post:<id>` (or `project:`, `meeting:`) back into its parts; anything else is ignored. */
export function aboutFromQuery(value: string | null): { type: ConversationAboutType; id: string } | null {
  const match = /^(post|project|meeting):([0-9a-f-]{36})$/i.exec(value ?? '');
  return match ? { type: match[1] as ConversationAboutType, id: match[2]! } : null;
}
