// The notification API (names fixed by issue 11): the list and mark-read, preferences, following,
// the live stream (SSE), and one-click unsubscribe.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { DELIVERY_MODES, NOTIFICATION_KINDS, isNotificationKind, type DeliveryMode, type NotificationKind } from '../../shared/notifications.js';
import { authorize } from '../access/index.js';
import { loadPrincipal, requireActor } from '../auth/sessions.js';
import { factsOf } from '../exchange/post-model.js';
import { IdParams } from '../exchange/post-schemas.js';
import { findVisiblePost } from '../exchange/post-store.js';
import { fieldError, problems, type FieldError } from '../http/problem.js';
import { StringEnum } from '../http/schema-helpers.js';
import type { LiveClient, LiveHub } from './live.js';
import { LIVE_CHANNEL, isFollowing } from './notify.js';
import { isTimeZone, readPreferences, readUnsubscribeToken, settingsOf, unsubscribe, writePreference } from './preferences.js';
import { listNotifications, rowsAfter, serializeNotification, unreadCount } from './queries.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This server's open streams (src/server/notifications/live.ts). */
    live: LiveHub;
  }
}

/** A comment line every so often keeps proxies from closing an idle stream, and re-checks the session. */
export const HEARTBEAT_MS = 25_000;

const NotificationItem = Type.Object({
  id: Type.String(),
  kind: StringEnum(NOTIFICATION_KINDS),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Union([Type.Object({ name: Type.String(), organization: Type.String(), organizationId: Type.Union([Type.String(), Type.Null()], { description: "The organization's page: /organizations/:id." }) }), Type.Null()]),
  subject: Type.Object({ type: Type.String(), id: Type.String(), title: Type.String() }),
  postId: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});
const NotificationList = Type.Object({ items: Type.Array(NotificationItem), nextCursor: Type.Union([Type.String(), Type.Null()]), unread: Type.Integer() });
const Mode = StringEnum(DELIVERY_MODES);
const PreferencesSchema = Type.Object({ timeZone: Type.String(), kinds: Type.Record(Type.String(), Mode) });
const PreferencesBody = Type.Object({ timeZone: Type.Optional(Type.String({ maxLength: 64 })), kinds: Type.Optional(Type.Record(Type.String(), Type.String())) }, { additionalProperties: false });
const ReadBody = Type.Object({ ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 500 })), all: Type.Optional(Type.Literal(true)) }, { additionalProperties: false });
const TokenQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;
  // The hub is decorated on the root instance (app.ts), so jobs and tests reach the same one.
  const hub = app.live;
  // RFC 8058 one-click POSTs send `List-Unsubscribe=One-Click` as a form; the token in the URL is what counts.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, _body, done) => done(null, {}));
  const stopListening = await app.listenDatabase(LIVE_CHANNEL, (payload) => hub.receive(payload));
  const open = new Set<ServerResponse>();
  // A stream never ends by itself: when this server begins to stop, each ends at once (the browser
  // reconnects, to another server), so the stop need not wait for its deadline to cut them.
  app.onStopping(() => {
    for (const res of open) res.end();
  });
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });
  app.addHook('onClose', async () => stopListening());

  app.get(
    '/api/v1/me/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications, newest first (only about what you may still see)',
        querystring: Type.Object({ unread: Type.Optional(StringEnum(['1', '0', 'true', 'false'] as const)), cursor: Type.Optional(Type.String({ maxLength: 100 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }),
        response: { 200: NotificationList },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { unread, cursor, limit } = request.query;
      return listNotifications(db, actor, { unread: unread === '1' || unread === 'true', ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) });
    },
  );

  app.post(
    '/api/v1/me/notifications/read',
    { schema: { tags: ['notifications'], summary: 'Mark notifications read: {ids: [...]} or {all: true}', body: ReadBody, response: { 200: Type.Object({ unread: Type.Integer() }) } } },
    async (request) => {
      const actor = requireActor(request);
      const body = request.body;
      if (Boolean(body.ids) === Boolean(body.all)) throw problems.validation([fieldError('ids', 'give either ids (the notifications to mark read) or all: true')]);
      let update = db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', actor.id).where('read_at', 'is', null);
      if (body.ids) update = update.where('id', 'in', body.ids);
      await update.execute();
      return { unread: await unreadCount(db, actor) };
    },
  );

  app.get('/api/v1/me/notification-preferences', { schema: { tags: ['notifications'], summary: 'How you are told by e-mail, per kind, and your time zone', response: { 200: PreferencesSchema } } }, async (request) => {
    const actor = requireActor(request);
    return readPreferences(db, actor.id);
  });

  app.put(
    '/api/v1/me/notification-preferences',
    { schema: { tags: ['notifications'], summary: 'Change your e-mail choices (only the kinds given change) and time zone', body: PreferencesBody, response: { 200: PreferencesSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const errors: FieldError[] = [];
      const { timeZone, kinds = {} } = request.body;
      if (timeZone !== undefined && !isTimeZone(timeZone)) errors.push(fieldError('timeZone', `"${timeZone}" is not a time zone (use an IANA name such as Europe/Vienna)`));
      for (const [kind, mode] of Object.entries(kinds)) {
        if (!isNotificationKind(kind)) errors.push(fieldError(`kinds.${kind}`, 'is not a kind of notification'));
        else if (!(DELIVERY_MODES as readonly string[]).includes(mode)) errors.push(fieldError(`kinds.${kind}`, 'must be immediately, daily, weekly or off'));
      }
      if (errors.length) throw problems.validation(errors);
      await db.transaction().execute(async (tx) => {
        if (timeZone !== undefined) {
          await settingsOf(tx, actor.id);
          await tx.updateTable('notification_settings').set({ time_zone: timeZone, updated_at: new Date() }).where('user_id', '=', actor.id).execute();
        }
        for (const [kind, mode] of Object.entries(kinds)) await writePreference(tx, actor.id, kind as NotificationKind, mode as DeliveryMode);
      });
      return readPreferences(db, actor.id);
    },
  );

  for (const following of [true, false]) {
    app.route({
      method: following ? 'PUT' : 'DELETE',
      url: '/api/v1/posts/:id/follow',
      schema: { tags: ['notifications'], summary: following ? 'Follow a post: be told of its comments, offers and changes' : 'Unfollow a post: nothing more about it reaches you', params: IdParams, response: { 200: Type.Object({ following: Type.Boolean() }) } },
      handler: async (request) => {
        const actor = requireActor(request);
        const { id } = request.params as { id: string };
        const post = await findVisiblePost(db, actor, id);
        authorize(actor, following ? 'follow' : 'unfollow', 'post', factsOf(post), { hide: true });
        await db
          .insertInto('post_follows')
          .values({ user_id: actor.id, post_id: post.id, following })
          .onConflict((oc) => oc.columns(['user_id', 'post_id']).doUpdateSet({ following }))
          .execute();
        return { following: await isFollowing(db, actor, post.id) };
      },
    });
  }

  app.get(
    '/api/v1/me/stream',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Live events (text/event-stream): `notification` (one item as in the list), `post` ({id, change}), `unread` ({count}); send Last-Event-ID to resume',
        produces: ['text/event-stream'],
        // Documented as a stream, so clients (and the fuzz test) know it never ends by itself.
        response: { 200: { description: 'A never-ending text/event-stream', content: { 'text/event-stream': { schema: Type.String() } } } },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const idHash = request.session!.idHash;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write('retry: 3000\n\n');
      open.add(res);
      const client: LiveClient = {
        principal: actor,
        send(event, data, id) {
          res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        },
      };
      const remove = hub.add(client);
      const stop = () => {
        clearInterval(heartbeat);
        remove();
        open.delete(res);
        if (!res.writableEnded) res.end();
      };
      const heartbeat = setInterval(() => {
        void (async () => {
          // Sign-out, expiry and suspension end the stream; a changed role or organization takes effect.
          const live = await db.selectFrom('sessions').select('user_id').where('id_hash', '=', idHash).where('revoked_at', 'is', null).where('expires_at', '>', sql<Date>`now()`).executeTakeFirst();
          const principal = live ? await loadPrincipal(db, live.user_id) : null;
          if (!principal) return stop();
          client.principal = principal;
          res.write(': heartbeat\n\n');
        })().catch(() => {});
      }, HEARTBEAT_MS);
      heartbeat.unref();
      // However the stream ends (the client goes away, or the response is closed), this server lets go of it.
      request.raw.on('close', stop);
      res.on('close', stop);
      const lastId = Number(request.headers['last-event-id']);
      if (Number.isSafeInteger(lastId) && lastId > 0) for (const row of await rowsAfter(db, actor, lastId)) client.send('notification', serializeNotification(row), String(row.seq));
      client.send('unread', { count: await unreadCount(db, actor) });
    },
  );

  // One-click unsubscribe (RFC 8058): the mail's List-Unsubscribe URL. GET says what it would turn
  // off (for the page a person lands on); POST turns it off. The signed token is the authority.
  const Unsubscribed = Type.Object({ scope: Type.String({ description: 'A kind, or daily / weekly (every kind sent as that digest)' }), kinds: Type.Array(Type.String()) });
  const invalidLink = () => problems.gone('unsubscribe-link-invalid', 'This unsubscribe link is not valid any more. Change your choices on the notification preferences page.');
  app.get('/api/v1/notifications/unsubscribe', { schema: { tags: ['notifications'], summary: 'What an unsubscribe link turns off', querystring: TokenQuery, response: { 200: Unsubscribed } } }, async (request) => {
    const found = await readUnsubscribeToken(db, request.query.token);
    if (!found) throw invalidLink();
    const prefs = await readPreferences(db, found.userId);
    const kinds = found.kind === 'daily' || found.kind === 'weekly' ? NOTIFICATION_KINDS.filter((k) => prefs.kinds[k] === found.kind) : [found.kind];
    return { scope: found.kind, kinds };
  });
  app.post(
    '/api/v1/notifications/unsubscribe',
    { config: { csrf: false }, schema: { tags: ['notifications'], summary: 'One-click unsubscribe (RFC 8058): stop this mail', querystring: TokenQuery, response: { 200: Unsubscribed } } },
    async (request) => {
      const found = await readUnsubscribeToken(db, request.query.token);
      if (!found) throw invalidLink();
      const kinds = await db.transaction().execute((tx) => unsubscribe(tx, found.userId, found.kind));
      return { scope: found.kind, kinds };
    },
  );
};
