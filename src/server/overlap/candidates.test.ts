// Candidate generation of the compose check (similarity.ts, findSimilar): a draft naming a country
// whose text shares no word, no thesaurus concept and no ticked area with that country's posts
// still has them looked at (the example returned no suggestion at all), and that fallback
// keeps the tier wall: only posts the reader may see.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../access/index.js';
import { loadPrincipal } from '../auth/sessions.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { conceptsOf } from './semantic/text.js';
import { findSimilar } from './similarity.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const actorOf = async (email: string): Promise<Actor> => {
  const user = await t.app.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return (await loadPrincipal(t.app.db, user.id))!;
};

/** Words of another field altogether: no thesaurus concept, no area, nothing a Nigerian post says. */
const unrelated = { title: 'Rehearsal timetable for the autumn orchestra concerts', body: 'Violins, cellos and brass rehearse twice weekly before the opening concert in the new hall.', regions: [], countries: ['NG'], areas: [], themes: [] };

it('a country draft sharing nothing with its country’s posts still has them all compared', async () => {
  expect(conceptsOf(unrelated.title, unrelated.body)).toEqual([]);
  const organizer = await actorOf('organizer@demo.test');
  const nigerian = await t.app.db.selectFrom('posts').select('id').where('hidden_at', 'is', null).where((eb) => eb(eb.val('NG'), '=', eb.fn.any('countries'))).execute();
  expect(nigerian.length).toBeGreaterThan(3);
  const found = new Set((await findSimilar(t.app.db, organizer, unrelated, { threshold: 0, limit: 1000 })).map((c) => c.id));
  for (const post of nigerian) expect(found.has(post.id)).toBe(true);
  // Nothing is suggested: compared is not alike.
  expect(await findSimilar(t.app.db, organizer, unrelated)).toEqual([]);
});

it('the fallback never brings a post the reader may not see', async () => {
  const cso = await actorOf('cso@demo.test');
  const found = await findSimilar(t.app.db, cso, unrelated, { threshold: 0, limit: 1000 });
  expect(found.length).toBeGreaterThan(0);
  const audiences = await t.app.db.selectFrom('posts').select(['id', 'audience', 'organization_id']).where('id', 'in', found.map((c) => c.id)).execute();
  for (const post of audiences) expect(post.audience === 'all' || post.organization_id === cso.organizationId).toBe(true);
});
