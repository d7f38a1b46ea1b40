// The whole server, assembled in one place. Tests call buildApp in-process; main.ts adds a port.
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { sql, type Kysely } from 'kysely';
import { auditRoutes } from './audit/routes.js';
import { commentRoutes } from './exchange/comment-routes.js';
import { offerRoutes } from './exchange/offer-routes.js';
import { coordinationRoutes } from './coordination/routes.js';
import { postRoutes } from './exchange/post-routes.js';
import { previewRoutes } from './exchange/preview-routes.js';
import { exportRoutes } from './exchange/export-routes.js';
import { donorRoutes } from './donors/routes.js';
import { statisticsRoutes } from './statistics/routes.js';
import { taxonomyRoutes } from './exchange/taxonomy-routes.js';
import { sessionRoutes } from './auth/session-routes.js';
import { registerSessionHooks, SessionStore } from './auth/sessions.js';
import { registerSecondFactorRequirement } from './network/second-factor.js';
import type { AppConfig } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { knownMigrations, migrateToLatest } from './db/migrate.js';
import type { Database } from './db/schema.js';
import { loadDemoData } from './demo/load-demo.js';
import { fieldErrorsFromValidation, Problem, problems } from './http/problem.js';
import { addBoundedDateFormats } from './http/formats.js';
import { problemFromDatabaseError, registerInputGuard } from './http/input-guard.js';
import { pruneCounters } from './http/rate-limit.js';
import { pruneBackoff } from './auth/sign-in-throttle.js';
import { registerMoneyInput } from './http/money-input.js';
import { registerGracefulStop } from './http/graceful-stop.js';
import { MailSender } from './mail/outbox.js';
import { activationRoutes } from './onboarding/activations.js';
import { applicationRoutes } from './onboarding/applications.js';
import { organizationRoutes } from './organizations/routes.js';
import { eventFeature } from './event/index.js';
import { overlapRoutes } from './overlap/routes.js';
import { matchingRoutes } from './matching/routes.js';
import { documentRoutes } from './documents/routes.js';
import { moderationRoutes } from './moderation/routes.js';
import { mapRoutes } from './map/routes.js';
import { iatiRoutes } from './iati/routes.js';
import { publicPageRoutes } from './public-page/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { LiveHub } from './notifications/live.js';
import { startScheduledJobs } from './notifications/jobs.js';
import { networkFeature } from './network/index.js';
import { selfAssessmentRoutes } from './self-assessment/routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    db: Kysely<Database>;
    sessions: SessionStore;
    mail: MailSender;
    /** LISTEN on a channel of the database (notifications' live updates). */
    listenDatabase: DatabaseHandle['listen'];
  }
}

export interface BuildOptions {
  /** Use this database instead of opening the configured one (tests share one per file). */
  database?: DatabaseHandle;
  /** Run the mail sender and housekeeping timers (off in tests, which drive them by hand). */
  backgroundJobs?: boolean;
  logger?: boolean;
  /** Extra routes for tools built on the app (the benchmark's ceiling route). */
  extend?: (app: FastifyInstance) => Promise<void>;
}

const JSON_BODY_LIMIT = 256 * 1024;

type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
/** The security headers middleware, once built (framework errors answer before the onRequest hook runs). */
let frameworkHeaders: HeaderMiddleware | null = null;

function sendProblemWithHeaders(request: FastifyRequest, reply: FastifyReply, problem: Problem): void {
  const send = () => void reply.code(problem.status).type('application/problem+json').send(problem.toBody());
  if (frameworkHeaders) frameworkHeaders(request.raw, reply.raw, send);
  else send();
}

/** The security headers as plain name/value pairs, for answers written straight to a socket. */
function staticSecurityHeaders(): [string, string][] {
  const headers: [string, string][] = [];
  const res = { setHeader: (name: string, value: string) => headers.push([name, String(value)]), removeHeader: () => {} } as unknown as ServerResponse;
  frameworkHeaders?.({ headers: {} } as IncomingMessage, res, () => {});
  return headers;
}

/** Answers a client error found by Node's HTTP parser with a problem, then closes the connection. */
function writeRawProblem(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, problem] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, new Problem(431, 'headers-too-large', 'Request too large', 'The address or the headers of this request are too long.')]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, new Problem(408, 'request-timeout', 'Request timed out', 'The request took too long to arrive.')]
        : [400, new Problem(400, 'bad-request', 'Bad request', 'The request could not be read.')];
  const body = JSON.stringify(problem.toBody());
  const head = [`HTTP/1.1 ${status} ${problem.title}`, 'Content-Type: application/problem+json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', ...staticSecurityHeaders().map(([k, v]) => `${k}: ${v}`)];
  if (socket.writable) socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  else socket.destroy(error);
}

/** Strips single-use link tokens from logged URLs. */
const redactUrl = (url: string): string => url.replace(/([?&]token=)[^&#]*/g, '$1[redacted]');

export async function buildApp(config: AppConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : {
      level: config.logLevel,
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), ip: req.ip }),
      },
    },
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: config.trustProxy,
    ajv: { customOptions: { allErrors: true }, onCreate: (ajv) => addBoundedDateFormats(ajv as never) },
    // Request ids in logs and problem details let an organizer match a user's report to a log line.
    genReqId: () => crypto.randomUUID(),
    // Requests that reach the server while it stops still get their answer (with Connection: close);
    // Fastify's own bare 503 would bypass the problem handler and lose work (see main.ts).
    return503OnClosing: false,
    // Fastify's own refusals (bad %-encoding, an over-long path parameter) as problem details too.
    frameworkErrors: (error, request, reply) => {
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      const problem = status === 414
        ? new Problem(414, 'uri-too-long', 'Address too long', 'A part of the address of this request is too long.')
        : new Problem(400, 'bad-url', 'Bad request', 'The address of this request is not valid (it holds a broken %-escape).');
      sendProblemWithHeaders(request, reply, problem);
    },
    // Errors Node's HTTP parser finds before there is a request (a 20 KB URL, huge headers, garbage).
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => writeRawProblem(error, socket),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const database = options.database ?? (await openDatabase(config.database));
  const ownsDatabase = !options.database;
  let migrated = false;
  try {
    await migrateToLatest(database.db as Kysely<unknown>);
    migrated = true;
    if (config.demo) await loadDemoData(database.db);
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }

  app.decorate('config', config);
  app.decorate('db', database.db);
  app.decorate('sessions', new SessionStore(database.db, config.session));
  app.decorate('mail', new MailSender(database.db, config.mail));
  app.decorate('listenDatabase', database.listen);

  // Security headers and a strict CSP (no inline script anywhere). Helmet's middleware is built
  // once here and applied to every answer, errors included; building it per request (as the
  // Fastify wrapper does) cost a measurable share of a list request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  frameworkHeaders = securityHeaders;
  await app.register(cookie);
  // Many participants are on slow or costly lines: compress everything worth compressing.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  // The API is described as OpenAPI from the route schemas themselves: /api/docs (and /api/docs/json).
  await app.register(swagger, {
    openapi: {
      info: { title: 'Virtual Forum API', version: '1', description: 'Sign in with POST /api/v1/session; send the csrfToken it returns as X-CSRF-Token on every request that changes something. Errors are RFC 9457 problem details.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'vf_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  app.setErrorHandler((error: FastifyError | Problem, request, reply) => {
    let problem: Problem;
    if (error instanceof Problem) {
      problem = error;
    } else if ((error as FastifyError).validation) {
      const e = error as FastifyError;
      problem = problems.validation(fieldErrorsFromValidation(e.validation as never, e.validationContext ?? 'body'));
    } else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500) {
      // Fastify's own client errors (malformed JSON, body too large, unsupported media type) carry safe messages.
      const e = error as FastifyError;
      problem = new Problem(e.statusCode!, (e.code ?? 'bad-request').toLowerCase().replace(/^fst_err_/, '').replace(/_/g, '-'), 'Bad request', e.message);
    } else if (problemFromDatabaseError(error)) {
      // A value the schema let through and the database refused: the request's fault, said without SQL.
      request.log.info({ code: (error as { code?: string }).code }, 'database refused a value');
      problem = problemFromDatabaseError(error)!;
    } else {
      request.log.error({ err: error }, 'unhandled error');
      problem = new Problem(500, 'internal-error', 'Something went wrong', `The server could not complete this request. Reference: ${request.id}.`);
    }
    void reply
      .code(problem.status)
      .headers(problem.headers)
      .type('application/problem+json')
      .send(problem.toBody(redactUrl(request.url)));
  });

  // 503 (as problem details, like every error) when the database is not reachable or not up to
  // date, and from the moment this server begins to stop, so a load balancer sends it no more.
  app.get('/healthz', { schema: { hide: true } }, async () => {
    const unavailable = (detail: string) => new Problem(503, 'unavailable', 'Unavailable', detail, {}, { 'retry-after': '5' });
    if (app.stopping) throw unavailable('This server is stopping; it finishes what it has received and takes no more.');
    try {
      const row = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(database.db);
      if (migrated && (row.rows[0]?.n ?? 0) >= knownMigrations().length) return { status: 'ok' };
    } catch {
      // fall through to 503
    }
    throw unavailable('The database is not reachable or not up to date.');
  });

  // Stopping loses no request: in-flight answers close their keep-alive connection, idle ones are
  // closed only once really idle (issue 10; http/graceful-stop.ts). Before the features, which may
  // ask to be told when the stop begins.
  registerGracefulStop(app);
  registerInputGuard(app);
  registerSessionHooks(app, app.sessions);
  registerMoneyInput(app);
  registerSecondFactorRequirement(app); // issue 12: VF_REQUIRE_2FA
  // This server's open live streams (notifications/live.ts), on the root so every feature reaches them.
  app.decorate('live', new LiveHub(app.db, app.log));
  // Each feature is a plugin with its routes, schemas and handlers together. Add new ones here.
  const features = [sessionRoutes, applicationRoutes, activationRoutes, organizationRoutes, auditRoutes, taxonomyRoutes, postRoutes, commentRoutes, offerRoutes, coordinationRoutes, previewRoutes, exportRoutes, donorRoutes, statisticsRoutes, overlapRoutes, matchingRoutes, eventFeature, documentRoutes, moderationRoutes, mapRoutes, iatiRoutes, publicPageRoutes, notificationRoutes, networkFeature, selfAssessmentRoutes];
  for (const feature of features) await app.register(feature);

  if (options.extend) await options.extend(app);
  await registerWebApp(app, config.webDir);

  if (options.backgroundJobs !== false) {
    // Mail sending, digests, notification mail, meeting reminders, saved searches and the overlap
    // scan: one runner, leases in a table (notifications/jobs.ts). Its job rows are ensured here, once.
    await startScheduledJobs(app);
    const housekeeping = setInterval(() => {
      void pruneCounters(database.db).catch(() => {});
      void app.sessions.prune().catch(() => {});
      void pruneBackoff(database.db).catch(() => {});
    }, 3_600_000);
    housekeeping.unref();
    app.addHook('onClose', async () => clearInterval(housekeeping));
  }
  app.addHook('onClose', async () => {
    await app.mail.stop();
    if (ownsDatabase) await database.close();
  });

  await app.ready();
  return app;
}

/** Serves the built web app, with index.html for every page route (client-side routing). */
async function registerWebApp(app: FastifyInstance, webDir: string | null): Promise<void> {
  const hasWeb = webDir !== null && existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // Hashed assets never change; index.html must always be fresh.
      setHeaders: (res, filePath) => {
        res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    if (hasWeb && isPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    const problem = problems.notFound();
    return reply.code(404).type('application/problem+json').send(problem.toBody(redactUrl(request.url)));
  });
}
