// The Forum server as the benchmark runs it: the real app, plus two routes of its own —
// a ceiling route that answers a pre-built body of a given size (what the server costs with no
// database work at all), and an EXPLAIN route that shows the plans of the measured queries.
import { CompiledQuery, sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { loadPrincipal } from '../src/server/auth/sessions.js';
import { visiblePosts } from '../src/server/exchange/post-queries.js';

const config = loadConfig();
const bodies = new Map<number, string>();

const app = await buildApp({ ...config, webDir: null }, {
  backgroundJobs: false,
  extend: async (app) => {
    app.get('/bench/ceiling', async (request, reply) => {
      const bytes = Math.min(Number((request.query as { bytes?: string }).bytes ?? 1000), 5_000_000);
      let body = bodies.get(bytes);
      if (!body) {
        body = JSON.stringify({ items: 'x'.repeat(Math.max(0, bytes - 13)) });
        bodies.set(bytes, body);
      }
      return reply.type('application/json').send(body);
    });
    app.get('/bench/explain', async (request) => {
      const { email, q } = request.query as { email: string; q: string };
      const user = await app.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
      const actor = (await loadPrincipal(app.db, user.id))!;
      const plans: Record<string, unknown> = {};
      const queries = {
        list: visiblePosts(app.db, actor, {}).select(['p.id']).orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(21),
        search: visiblePosts(app.db, actor, { q }).select(['p.id']).limit(21),
        regionFilter: visiblePosts(app.db, actor, { region: ['002'], area: ['victim_protection'] }).select(['p.id']).orderBy('p.created_at', 'desc').limit(21),
        count: visiblePosts(app.db, actor, { q }).select(sql<number>`count(*)`.as('n')),
      };
      for (const [name, query] of Object.entries(queries)) {
        const compiled = query.compile();
        const explained = await app.db.executeQuery(CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]));
        plans[name] = explained.rows[0];
      }
      return plans;
    });
  },
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3100) });
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
