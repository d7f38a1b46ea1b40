// Loads the demo data once per database (remembered in the meta table), in one transaction.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { hashPassword } from '../auth/passwords.js';
import { DEMO_ACCOUNTS, DEMO_ORGANIZATIONS, DEMO_PASSWORD } from './demo-accounts.js';
import { loadDemoExchange } from './demo-exchange.js';
import { loadDemoCoordination } from './demo-coordination.js';
import { loadDemoFunding } from '../donors/demo-funding.js';
import { loadDemoEvent } from './demo-event.js';
import { loadDemoExpertise } from './demo-expertise.js';
import { refreshPostVectors } from '../overlap/semantic/store.js';

const DEMO_VERSION_KEY = 'demo_loaded';

export async function loadDemoData(db: Kysely<Database>): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    // Several servers may start at once on one database: one loads, the others find it done.
    await sql`select pg_advisory_xact_lock(hashtext('virtual-forum:demo'))`.execute(tx);
    const loaded = await tx.selectFrom('meta').select('value').where('key', '=', DEMO_VERSION_KEY).executeTakeFirst();
    if (loaded) return false;
    // Hashed only when loading: a server starting on a database that has the demo skips the cost.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const orgIds = new Map<string, string>();
    for (const org of DEMO_ORGANIZATIONS) {
      const { id } = await tx
        .insertInto('organizations')
        .values({ name: org.name, category: org.category, country: org.country, website: org.website, is_demo: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.set(org.key, id);
    }
    const now = new Date();
    await tx
      .insertInto('users')
      .values(
        DEMO_ACCOUNTS.map((a) => ({
          organization_id: orgIds.get(a.organization)!,
          email: a.email,
          name: a.name,
          title: a.title,
          role: a.role,
          status: 'active' as const,
          // One hash for all: the demo accounts share their published password.
          password_hash: passwordHash,
          is_demo: true,
          activated_at: now,
          password_changed_at: now,
        })),
      )
      .execute();
    const demoUserIds = new Map((await tx.selectFrom('users').select(['email', 'id']).where('is_demo', '=', true).execute()).map((u) => [u.email, u.id]));
    await loadDemoExchange(tx, orgIds, demoUserIds, now);
    await loadDemoCoordination(tx, orgIds, demoUserIds, now);
    await loadDemoExpertise(tx, orgIds);
    await loadDemoEvent(tx, now);
    await loadDemoFunding(tx);
    // Overlap detection's stored vectors (issue 14): the demo posts are written in bulk above.
    while ((await refreshPostVectors(tx)) > 0);
    await tx.insertInto('meta').values({ key: DEMO_VERSION_KEY, value: now.toISOString() }).execute();
    return true;
  });
}
