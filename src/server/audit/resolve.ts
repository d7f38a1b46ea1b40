// Names for what audit events touched, looked up for a whole page at once (one query per kind of
// target, not one per row), so the log reads "hid the post Border training" rather than an id.
import type { Kysely } from 'kysely';
import type { AuditRef } from '../../shared/audit.js';
import type { Database } from '../db/schema.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RefKey {
  type: string;
  id: string;
}

/** The second thing an event names, kept in its details: the other post of an overlap, the organization of an invitation. */
export function relatedOf(action: string, details: Record<string, unknown>): RefKey | null {
  if (action.startsWith('overlap.') && typeof details.postB === 'string') return { type: 'post', id: details.postB };
  if (action === 'account.invited' && typeof details.organizationId === 'string') return { type: 'organization', id: details.organizationId };
  return null;
}

const key = (ref: RefKey) => `${ref.type}:${ref.id}`;

/** Every reference resolved to a name and a page; one that no longer exists reads as such. */
export async function resolveRefs(db: Kysely<Database>, refs: RefKey[]): Promise<Map<string, AuditRef>> {
  const ids = (type: string) => [...new Set(refs.filter((r) => r.type === type && UUID.test(r.id)).map((r) => r.id))];
  const out = new Map<string, AuditRef>();
  const put = (type: string, id: string, name: string, url: string | null) => out.set(key({ type, id }), { type, id, name, url });

  const users = ids('user');
  const orgs = [...new Set([...ids('organization'), ...ids('self_assessment')])];
  const [userRows, orgRows, applicationRows, postRows, commentRows, documentRows, offerRows] = await Promise.all([
    users.length
      ? db.selectFrom('users as u').innerJoin('organizations as o', 'o.id', 'u.organization_id').select(['u.id', 'u.name', 'o.name as org_name']).where('u.id', 'in', users).execute()
      : [],
    orgs.length ? db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', orgs).execute() : [],
    ids('application').length ? db.selectFrom('applications').select(['id', 'organization_name', 'organization_id']).where('id', 'in', ids('application')).execute() : [],
    ids('post').length ? db.selectFrom('posts').select(['id', 'title']).where('id', 'in', ids('post')).execute() : [],
    ids('comment').length
      ? db.selectFrom('comments as c').innerJoin('posts as p', 'p.id', 'c.post_id').select(['c.id', 'c.post_id', 'p.title']).where('c.id', 'in', ids('comment')).execute()
      : [],
    ids('document').length ? db.selectFrom('documents').select(['id', 'title', 'post_id']).where('id', 'in', ids('document')).execute() : [],
    ids('offer').length
      ? db.selectFrom('offers as f').innerJoin('posts as p', 'p.id', 'f.post_id').select(['f.id', 'f.post_id', 'p.title']).where('f.id', 'in', ids('offer')).execute()
      : [],
  ]);
  // A person has no page of their own: their name leads to everything they did.
  for (const u of userRows) put('user', u.id, `${u.name} (${u.org_name})`, `/organizer/audit?actor=${u.id}`);
  for (const o of orgRows) {
    put('organization', o.id, o.name, `/organizations/${o.id}`);
    put('self_assessment', o.id, o.name, `/self-assessment/organizations/${o.id}`);
  }
  for (const a of applicationRows) put('application', a.id, a.organization_name, a.organization_id ? `/organizations/${a.organization_id}` : '/organizer/applications');
  for (const p of postRows) put('post', p.id, p.title, `/posts/${p.id}`);
  for (const c of commentRows) put('comment', c.id, c.title, `/posts/${c.post_id}#comment-${c.id}`);
  for (const d of documentRows) put('document', d.id, d.title, d.post_id ? `/posts/${d.post_id}` : '/library');
  for (const f of offerRows) put('offer', f.id, `an offer on ${f.title}`, `/posts/${f.post_id}`);

  for (const ref of refs) {
    if (out.has(key(ref))) continue;
    // Conversations are private: the log says a message was touched, not what it said.
    if (ref.type === 'message') put('message', ref.id, 'a message in a conversation', null);
    else put(ref.type, ref.id, '(no longer on the Forum)', null);
  }
  return out;
}

export const refKey = key;
