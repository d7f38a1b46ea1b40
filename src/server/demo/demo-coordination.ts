// Demo coordination: co-authors drafting projects with their lead organizations, and requests to
// join waiting for the lead's decision (accept one as cso@demo.test or io@demo.test to see a
// partnership made). Only organizations that can see a project are placed on it.
import type { Kysely } from 'kysely';
import type { PartnerRole } from '../../shared/coordination.js';
import type { OrganizationCategory } from '../../shared/participants.js';
import { canSeePost } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { organizationTier } from '../coordination/projects.js';

interface DemoProject {
  title: string;
  coauthors: string[];
  requests: { from: string; role: PartnerRole; message: string; daysAgo: number }[];
}

/** Projects by title (from demo-exchange.ts); organizations by demo key, people by demo email. */
const PROJECTS: DemoProject[] = [
  {
    title: 'A model cooperation agreement between NGOs and law enforcement, piloted in three countries',
    coauthors: ['tdh'],
    requests: [
      { from: 'osce', role: 'technical_adviser', message: 'The OSCE has advised participating States on national referral mechanisms and could review the draft agreement with you.', daysAgo: 12 },
      { from: 'accor', role: 'donor', message: 'Our foundation could contribute to the pilot in one of the three countries, in particular the training of hotel security staff.', daysAgo: 5 },
    ],
  },
  {
    title: 'Safe return and sustainable reintegration in Eastern and South-Eastern Europe',
    coauthors: ['ilo'],
    requests: [{ from: 'moldova', role: 'implementing_partner', message: 'The National Committee could host the pilot of the reintegration counselling and refer returnees to it.', daysAgo: 8 }],
  },
  {
    title: 'Protecting children on the move along West African migration routes',
    coauthors: [],
    requests: [{ from: 'lastrada', role: 'technical_adviser', message: 'La Strada can share how its hotlines work with child protection services, and its training for outreach workers.', daysAgo: 20 }],
  },
];

const FOCAL_POINT: Record<string, string> = {
  tdh: 'tdh@demo.test',
  osce: 'osce@demo.test',
  accor: 'business@demo.test',
  ilo: 'ilo@demo.test',
  moldova: 'moldova@demo.test',
  lastrada: 'cso@demo.test',
};

export async function loadDemoCoordination(tx: Kysely<Database>, orgIds: Map<string, string>, userIds: Map<string, string>, now: Date): Promise<void> {
  const categories = new Map((await tx.selectFrom('organizations').select(['id', 'category']).where('is_demo', '=', true).execute()).map((o) => [o.id, o.category]));
  const sees = (orgKey: string, post: { kind: Database['posts']['kind']; audience: 'all' | 'full'; organization_id: string }) => {
    const organizationId = orgIds.get(orgKey)!;
    const category = categories.get(organizationId) as OrganizationCategory;
    return canSeePost({ id: '', role: 'member', tier: organizationTier(category), organizationId, category }, { kind: post.kind, audience: post.audience, organizationId: post.organization_id, hidden: false, draft: false });
  };
  for (const project of PROJECTS) {
    const post = await tx.selectFrom('posts').select(['id', 'kind', 'audience', 'organization_id', 'author_id', 'created_at']).where('title', '=', project.title).where('is_demo', '=', true).executeTakeFirst();
    if (!post) throw new Error(`demo coordination: no demo post "${project.title}"`);
    for (const key of project.coauthors) {
      if (!sees(key, post)) continue;
      await tx.insertInto('post_coauthors').values({ post_id: post.id, organization_id: orgIds.get(key)!, added_by: post.author_id, added_at: post.created_at }).execute();
    }
    for (const r of project.requests) {
      if (!sees(r.from, post)) continue;
      await tx
        .insertInto('partnership_requests')
        .values({
          post_id: post.id,
          organization_id: orgIds.get(r.from)!,
          requested_by: userIds.get(FOCAL_POINT[r.from]!)!,
          role: r.role,
          message: r.message,
          created_at: new Date(now.getTime() - r.daysAgo * 86_400_000),
        })
        .execute();
    }
  }
}
