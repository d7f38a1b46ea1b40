// Answers that Fastify or Node's HTTP parser would write on their own (issue 10), over a real
// socket: bad %-encoding (400), an over-long path parameter (414), a 20 KB address (431, found by
// Node's parser before there is a request), and the answers while the server stops. Each is
// application/problem+json with the usual security headers, like every other error.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as net.AddressInfo).port;
}, 120_000);
afterAll(async () => t?.close());

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes `head` as it is to a new connection and parses what comes back until the server closes it or the body is complete. */
function raw(head: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return;
      const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const body = text.slice(split + 4);
      if (Buffer.byteLength(body) >= Number(headers['content-length'] ?? Infinity)) {
        socket.destroy();
        resolve({ status: Number(statusLine!.split(' ')[1]), headers, body });
      }
    });
    socket.on('error', reject);
    socket.on('end', () => reject(new Error(`connection ended before a whole answer: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`)));
    socket.write(head);
  });
}

function expectProblem(answer: { status: number; headers: Record<string, string | string[] | undefined>; body: string }, status: number, type: string): void {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.headers['content-type']).toContain('application/problem+json');
  expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(JSON.parse(answer.body)).toMatchObject({ type, status });
}

describe('answers written by the framework and the HTTP parser', () => {
  it('bad %-encoding in the path: 400 problem+json', async () => {
    expectProblem(await raw('GET /api/v1/posts/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), 400, '/problems/bad-url');
  });

  it('an 8,000-character path parameter: 414 problem+json', async () => {
    expectProblem(await raw(`GET /api/v1/posts/${'a'.repeat(8000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), 414, '/problems/uri-too-long');
  });

  it('a 20 KB address, refused by the HTTP parser before there is a request: 431 problem+json', async () => {
    const answer = await raw(`GET /api/v1/posts?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expectProblem(answer, 431, '/problems/headers-too-large');
    expect(answer.headers.connection).toBe('close');
  });
});

describe('while the server stops', () => {
  it('answers requests on open connections in full, never a bare 503: the API as usual, /healthz a 503 problem, all with Connection: close', async () => {
    const agents = [new http.Agent({ keepAlive: true, maxSockets: 1 }), new http.Agent({ keepAlive: true, maxSockets: 1 })];
    const get = (agent: http.Agent, path: string) =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path, agent }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
          })
          .on('error', reject);
      });
    // Two keep-alive connections, open before the stop.
    for (const agent of agents) expect((await get(agent, '/healthz')).status).toBe(200);
    expect(t.app.stopping).toBe(false);
    // A live event stream, which never ends by itself: it must end cleanly as the stop begins, not be cut at the deadline.
    const cookie = (await t.signIn('government@demo.test')).cookie!;
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: '/api/v1/me/stream', headers: { cookie } }, resolve).on('error', reject);
    });
    expect(stream.statusCode).toBe(200);
    const streamEnded = new Promise<string>((resolve) => {
      stream.resume();
      stream.on('end', () => resolve('ended'));
      stream.on('aborted', () => resolve('cut'));
      stream.on('error', () => resolve('cut'));
    });

    const stopped = t.app.stopGracefully({ idleGraceMs: 5_000, deadlineMs: 8_000 });
    expect(t.app.stopping).toBe(true);
    // The listening socket closes right after the stop has accepted what the kernel had already
    // connected (graceful-stop.test.ts); from then on answers say Connection: close.
    for (let i = 0; i < 200 && t.app.server.listening; i++) await new Promise((r) => setTimeout(r, 10));
    expect(t.app.server.listening).toBe(false);
    const health = await get(agents[0]!, '/healthz');
    expectProblem(health, 503, '/problems/unavailable');
    expect(health.headers.connection).toBe('close');
    expect(health.headers['retry-after']).toBe('5');
    const api = await get(agents[1]!, '/api/v1/posts');
    expectProblem(api, 401, '/problems/unauthenticated');
    expect(api.headers.connection).toBe('close');
    // New connections are refused.
    await expect(get(new http.Agent(), '/healthz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await streamEnded).toBe('ended');
    await stopped;
    for (const agent of agents) agent.destroy();
  });
});
