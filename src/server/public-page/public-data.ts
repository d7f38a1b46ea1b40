// What the public page shows, read for a visitor who is not signed in. Every figure and every
// post comes from visiblePosts(PUBLIC_VISITOR): open to all, never hidden; posts, organizations
// and persons are named only when an organizer marked them public (persons never are).
import { sql, type Kysely } from 'kysely';
import { PUBLIC_VISITOR } from '../access/index.js';
import { cooperativelyDeveloped } from '../coordination/projects.js';
import type { Database } from '../db/schema.js';
import { visiblePosts } from '../exchange/post-queries.js';
import { REGIONS } from '../../shared/taxonomy/index.js';

export async function publicPageData(db: Kysely<Database>) {
  const base = () => visiblePosts(db, PUBLIC_VISITOR, {});
  const topRegions = REGIONS.filter((r) => r.parent === null).map((r) => r.code);
  const [byKind, byRegion, cooperative, posts, organizations, event] = await Promise.all([
    base().select(['p.kind', sql<number>`count(*)::int`.as('n')]).groupBy('p.kind').execute(),
    db
      .selectFrom(base().select(sql<string>`unnest(p.geo)`.as('code')).as('t'))
      .select(['t.code', sql<number>`count(*)::int`.as('n')])
      .where('t.code', 'in', topRegions)
      .groupBy('t.code')
      .execute(),
    base().where(cooperativelyDeveloped).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    base()
      .innerJoin('public_posts as pp', 'pp.post_id', 'p.id')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .leftJoin('public_organizations as po', 'po.organization_id', 'o.id')
      .select(['p.id', 'p.kind', 'p.title', 'p.summary', 'p.regions', 'p.countries', 'o.category as org_category', sql<string | null>`case when po.organization_id is not null and o.status = 'active' then o.name end`.as('org_name')])
      .orderBy('pp.marked_at', 'desc')
      .limit(50)
      .execute(),
    db
      .selectFrom('public_organizations as po')
      .innerJoin('organizations as o', 'o.id', 'po.organization_id')
      .select(['o.name', 'o.category', 'o.country', 'o.website'])
      .where('o.status', '=', 'active')
      .orderBy('o.name')
      .execute(),
    db.selectFrom('events').select(['id', 'name', 'venue', 'time_zone', 'starts_on', 'ends_on']).where('is_current', '=', true).executeTakeFirst(),
  ]);
  const sessions = event
    ? await db.selectFrom('event_sessions').select(['code', 'title', 'type', 'starts_at', 'ends_at', 'room', 'closed']).where('event_id', '=', event.id).orderBy('starts_at').orderBy('position').orderBy('code').execute()
    : [];
  return {
    byKind: Object.fromEntries(byKind.map((r) => [r.kind, r.n])) as Record<string, number>,
    byRegion: Object.fromEntries(byRegion.map((r) => [r.code, r.n])) as Record<string, number>,
    cooperative: cooperative.n,
    posts,
    organizations,
    event: event ? { ...event, sessions } : null,
  };
}
export type PublicPageData = Awaited<ReturnType<typeof publicPageData>>;
