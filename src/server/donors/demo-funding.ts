// Demo funding: a few pledges and expressions of interest on demo projects seeking funding, so the
// funding panels, the donor view and the statistics have something to show. Loaded with the rest
// of the demo data (once per database); removed with the demo posts they belong to.
import type { Transaction } from 'kysely';
import type { Database, PledgeStatus } from '../db/schema.js';

interface DemoPledge {
  post: string;
  by: string;
  /** Share of the funding sought (or budget), in the project's budget currency. */
  amount: number;
  status: PledgeStatus;
  conditions?: string;
}

const PLEDGES: DemoPledge[] = [
  { post: 'Joint programme: the Kampala regional action plan for Eastern Africa', by: 'osce@demo.test', amount: 300_000, status: 'confirmed', conditions: 'Co-funding alongside the national budgets; annual narrative and financial reports.' },
  { post: 'Joint programme: the Kampala regional action plan for Eastern Africa', by: 'thailand@demo.test', amount: 50_000, status: 'indicated', conditions: 'Subject to approval of the next fiscal year’s budget.' },
  { post: 'Trafficking in children and armed conflict in West and Central Africa: legal network and reintegration', by: 'ilo@demo.test', amount: 400_000, status: 'indicated', conditions: 'For the reintegration component only.' },
  { post: 'Estimating the socio-economic impact of human trafficking', by: 'brazil@demo.test', amount: 40_000, status: 'confirmed' },
];

const INTERESTS: { post: string; by: string; note: string }[] = [
  { post: 'Protecting children on the move along West African migration routes', by: 'government@demo.test', note: 'Fits the national action plan; we would like to discuss a Nigerian component.' },
  { post: 'Estimating the socio-economic impact of human trafficking', by: 'moldova@demo.test', note: 'Interested in co-funding a country case study.' },
];

export async function loadDemoFunding(tx: Transaction<Database>): Promise<void> {
  const users = new Map((await tx.selectFrom('users').select(['email', 'id', 'organization_id']).where('is_demo', '=', true).execute()).map((u) => [u.email, u]));
  const posts = new Map((await tx.selectFrom('posts').select(['id', 'title', 'budget_currency', 'organization_id']).where('is_demo', '=', true).execute()).map((p) => [p.title, p]));
  for (const pledge of PLEDGES) {
    const post = posts.get(pledge.post);
    const user = users.get(pledge.by);
    // A demo post or account renamed elsewhere: skip the pledge rather than fail the whole demo.
    if (!post?.budget_currency || !user || user.organization_id === post.organization_id) continue;
    await tx
      .insertInto('pledges')
      .values({ post_id: post.id, organization_id: user.organization_id, author_id: user.id, amount: String(pledge.amount), currency: post.budget_currency.trim(), conditions: pledge.conditions ?? null, status: pledge.status })
      .execute();
  }
  for (const interest of INTERESTS) {
    const post = posts.get(interest.post);
    const user = users.get(interest.by);
    if (!post || !user || user.organization_id === post.organization_id) continue;
    await tx.insertInto('funding_interests').values({ post_id: post.id, organization_id: user.organization_id, user_id: user.id, note: interest.note }).onConflict((oc) => oc.doNothing()).execute();
  }
}
