// The directory (issue 12): organizations and people taking part in the Forum.
// Every figure and every "works on" code derived from posts comes from `visiblePosts(actor)`, so a
// partial-tier reader's counts are exactly what the post list would give them, and filtering by a
// theme that only a restricted post carries never finds its organization for them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type Expression, type SqlBool } from 'kysely';
import { Type } from 'typebox';
import { ORGANIZATION_CATEGORIES } from '../../shared/participants.js';
import { AREA_CODES, THEME_CODES, countriesInRegion } from '../../shared/taxonomy/index.js';
import { tierOf } from '../access/index.js';
import { requireActor } from '../auth/sessions.js';
import { visiblePosts } from '../exchange/post-queries.js';
import { StringEnum } from '../http/schema-helpers.js';
import { byNameAndId, decodeCursor, encodeCursor } from './cursor.js';

const Many = <const T extends readonly string[]>(values: T) => Type.Optional(Type.Array(StringEnum(values), { maxItems: 20 }));
const Region = Type.Optional(Type.Array(Type.String({ pattern: '^\\d{3}$' }), { maxItems: 20 }));
const Country = Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z]{2}$' }), { maxItems: 60 }));
const Language = Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2,3}$' }), { maxItems: 20 }));
const Paging = {
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
};
const OrganizationsQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  category: Many(ORGANIZATION_CATEGORIES),
  country: Country,
  region: Region,
  area: Many(AREA_CODES),
  theme: Many(THEME_CODES),
  language: Language,
  ...Paging,
});
const PeopleQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  organization: Type.Optional(Type.String({ format: 'uuid' })),
  category: Many(ORGANIZATION_CATEGORIES),
  country: Country,
  language: Language,
  ...Paging,
});
const DirectoryOrganization = Type.Object({
  id: Type.String(),
  name: Type.String(),
  category: StringEnum(ORGANIZATION_CATEGORIES),
  tier: Type.String(),
  country: Type.String(),
  website: Type.Union([Type.String(), Type.Null()]),
  logoUrl: Type.Union([Type.String(), Type.Null()]),
  summary: Type.String({ description: 'What it says it works on (its expertise profile).' }),
  areas: Type.Array(Type.String(), { description: 'TA areas: declared, and of the posts you can see.' }),
  themes: Type.Array(Type.String(), { description: 'Themes of the posts you can see.' }),
  countries: Type.Array(Type.String(), { description: 'Where it works: declared countries.' }),
  regions: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  posts: Type.Integer({ description: 'Posts of this organization that you can see (what the post list gives you).' }),
  projects: Type.Integer({ description: 'Of those, project ideas, pipeline projects and project information.' }),
  isDemo: Type.Boolean(),
});
const DirectoryPerson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  organization: Type.Object({ id: Type.String(), name: Type.String(), category: StringEnum(ORGANIZATION_CATEGORIES), country: Type.String() }),
  expertise: Type.String(),
  languages: Type.Array(Type.String()),
  email: Type.Union([Type.String(), Type.Null()], { description: 'Only where the person allows it (a profile setting, off by default).' }),
  photoUrl: Type.Union([Type.String(), Type.Null()]),
});
const DEFAULT_LIMIT = 30;
const PROJECT_KINDS = ['pipeline_project', 'project_idea', 'project_info'] as const;

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const likePattern = (q: string) => `%${q.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
export const imageUrl = (id: string | null) => (id ? `/api/v1/images/${id}` : null);

export const directoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  app.get(
    '/api/v1/directory/organizations',
    {
      schema: {
        tags: ['directory'],
        summary: 'The organizations taking part, searchable and filtered; counts are of what you may see',
        querystring: OrganizationsQuery,
        response: { 200: Type.Object({ items: Type.Array(DirectoryOrganization), nextCursor: Type.Union([Type.String(), Type.Null()]), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const f = request.query;
      const limit = f.limit ?? DEFAULT_LIMIT;
      const cursor = decodeCursor<{ name: string; id: string }>(f.cursor, byNameAndId);
      const countries = (f.country ?? []).map((c) => c.toUpperCase());
      let query = db
        .selectFrom('organizations as o')
        .leftJoin('organization_expertise as e', 'e.organization_id', 'o.id')
        .where('o.status', '=', 'active');
      if (f.q?.trim()) {
        const like = likePattern(f.q);
        query = query.where((eb) => eb.or([eb('o.name', 'ilike', like), eb('e.summary', 'ilike', like)]));
      }
      if (f.category?.length) query = query.where('o.category', 'in', f.category);
      // A post of the organization that the reader may see, matching the given post filters.
      const visiblePostWith = (filters: Parameters<typeof visiblePosts>[2]) => sql<boolean>`exists (${visiblePosts(db, actor, filters).select('p.id').where(sql<boolean>`p.organization_id = o.id`)})`;
      if (countries.length) {
        query = query.where((eb) => eb.or([eb('o.country', 'in', countries), sql<boolean>`e.countries && ${sql.val(countries)}::text[]`, visiblePostWith({ country: countries })]));
      }
      if (f.region?.length) {
        const inRegion = [...new Set(f.region.flatMap((r) => countriesInRegion(r)))];
        query = query.where((eb) => {
          const ors: Expression<SqlBool>[] = [sql<boolean>`e.geo && ${sql.val(f.region)}::text[]`, visiblePostWith({ region: f.region })];
          if (inRegion.length) ors.push(eb('o.country', 'in', inRegion));
          return eb.or(ors);
        });
      }
      if (f.area?.length) query = query.where((eb) => eb.or([sql<boolean>`e.areas && ${sql.val(f.area)}::text[]`, visiblePostWith({ area: f.area })]));
      if (f.theme?.length) query = query.where(visiblePostWith({ theme: f.theme }));
      if (f.language?.length) query = query.where(sql<boolean>`e.languages && ${sql.val(f.language)}::text[]`);

      const totalRow = query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      let pageQuery = query
        .select(['o.id', 'o.name', 'o.category', 'o.country', 'o.website', 'o.logo_id', 'o.is_demo', 'e.summary', 'e.areas', 'e.countries', 'e.regions', 'e.languages'])
        .orderBy('o.name')
        .orderBy('o.id')
        .limit(limit + 1);
      if (cursor) pageQuery = pageQuery.where((eb) => eb.or([eb('o.name', '>', cursor.name), eb.and([eb('o.name', '=', cursor.name), eb('o.id', '>', cursor.id)])]));
      const [rows, total] = await Promise.all([pageQuery.execute(), totalRow]);
      const page = rows.slice(0, limit);
      const ids = page.map((r) => r.id);

      const postsOfPage = () => visiblePosts(db, actor, {}).where('p.organization_id', 'in', ids);
      const [counts, codes] = ids.length
        ? await Promise.all([
            db
              .selectFrom(postsOfPage().select(['p.organization_id', 'p.kind']).as('v'))
              .select(['v.organization_id', sql<number>`count(*)::int`.as('posts'), sql<number>`(count(*) filter (where v.kind in (${sql.join(PROJECT_KINDS.map((k) => sql.val(k)))})))::int`.as('projects')])
              .groupBy('v.organization_id')
              .execute(),
            db
              .selectFrom(postsOfPage().select(['p.organization_id', sql<string>`'area'`.as('dim'), sql<string>`unnest(p.areas)`.as('code')]).union(postsOfPage().select(['p.organization_id', sql<string>`'theme'`.as('dim'), sql<string>`unnest(p.themes)`.as('code')])).as('x'))
              .select(['x.organization_id', 'x.dim', 'x.code'])
              .distinct()
              .execute(),
          ])
        : [[], []];
      const last = page.at(-1);
      return {
        items: page.map((r) => {
          const count = counts.find((c) => c.organization_id === r.id);
          const codesOf = (dim: string) => codes.filter((c) => c.organization_id === r.id && c.dim === dim).map((c) => c.code);
          return {
            id: r.id,
            name: r.name,
            category: r.category,
            tier: tierOf(r.category, 'member'),
            country: r.country.trim(),
            website: r.website,
            logoUrl: imageUrl(r.logo_id),
            summary: r.summary ?? '',
            areas: [...new Set([...(r.areas ?? []), ...codesOf('area')])].sort(),
            themes: codesOf('theme').sort(),
            countries: r.countries ?? [],
            regions: r.regions ?? [],
            languages: r.languages ?? [],
            posts: Number(count?.posts ?? 0),
            projects: Number(count?.projects ?? 0),
            isDemo: r.is_demo,
          };
        }),
        nextCursor: rows.length > limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
        total: Number(total.n),
      };
    },
  );

  app.get(
    '/api/v1/directory/people',
    {
      schema: {
        tags: ['directory'],
        summary: 'The participants: name, title, organization, expertise, languages; e-mail only where they allow it',
        querystring: PeopleQuery,
        response: { 200: Type.Object({ items: Type.Array(DirectoryPerson), nextCursor: Type.Union([Type.String(), Type.Null()]), total: Type.Integer() }) },
      },
    },
    async (request) => {
      requireActor(request);
      const f = request.query;
      const limit = f.limit ?? DEFAULT_LIMIT;
      const cursor = decodeCursor<{ name: string; id: string }>(f.cursor, byNameAndId);
      let query = db
        .selectFrom('users as u')
        .innerJoin('organizations as o', 'o.id', 'u.organization_id')
        .where('u.status', '=', 'active')
        .where('o.status', '=', 'active')
        .where('u.deleted_at', 'is', null);
      if (f.q?.trim()) {
        const like = likePattern(f.q);
        query = query.where((eb) => eb.or([eb('u.name', 'ilike', like), eb('u.title', 'ilike', like), eb('u.expertise', 'ilike', like), eb('o.name', 'ilike', like)]));
      }
      if (f.organization) query = query.where('o.id', '=', f.organization);
      if (f.category?.length) query = query.where('o.category', 'in', f.category);
      if (f.country?.length) query = query.where('o.country', 'in', f.country.map((c) => c.toUpperCase()));
      if (f.language?.length) query = query.where(sql<boolean>`u.languages && ${sql.val(f.language)}::text[]`);
      let pageQuery = query
        .select(['u.id', 'u.name', 'u.title', 'u.expertise', 'u.languages', 'u.show_email', 'u.email', 'u.photo_id', 'o.id as org_id', 'o.name as org_name', 'o.category', 'o.country'])
        .orderBy('u.name')
        .orderBy('u.id')
        .limit(limit + 1);
      if (cursor) pageQuery = pageQuery.where((eb) => eb.or([eb('u.name', '>', cursor.name), eb.and([eb('u.name', '=', cursor.name), eb('u.id', '>', cursor.id)])]));
      const [rows, total] = await Promise.all([pageQuery.execute(), query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()]);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          id: r.id,
          name: r.name,
          title: r.title,
          organization: { id: r.org_id, name: r.org_name, category: r.category, country: r.country.trim() },
          expertise: r.expertise,
          languages: r.languages,
          email: r.show_email ? r.email : null,
          photoUrl: imageUrl(r.photo_id),
        })),
        nextCursor: rows.length > limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
        total: Number(total.n),
      };
    },
  );
};
