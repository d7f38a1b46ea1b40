// The graceful stop's closing of idle keep-alive connections (http/graceful-stop.ts), on a bare
// server so the timing can be arranged exactly: a request that reaches an idle connection while
// the event loop is blocked (as PGlite's synchronous queries block it) must be answered, not reset.
// The whole server's stop under load, on both databases, is tested in src/server/lifecycle.test.ts.
import net from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerGracefulStop } from './graceful-stop.js';

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** A raw client connection that collects everything the server sends, and how it ended. */
function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  const state = { text: '', ended: '' as '' | 'closed' | string };
  socket.setEncoding('utf8');
  socket.on('data', (c: string) => (state.text += c));
  socket.on('error', (e: NodeJS.ErrnoException) => (state.ended = e.code ?? e.message));
  socket.on('close', () => (state.ended ||= 'closed'));
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, state, connected };
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check(), what).toBe(true);
};

describe('closing idle keep-alive connections at a stop', () => {
  it('answers a request that reached an idle connection while the event loop was blocked, instead of resetting it', async () => {
    // Set once connected; the route below (registered before) writes on it.
    const clients: { idle?: ReturnType<typeof connect> } = {};
    app = Fastify({ logger: false });
    registerGracefulStop(app);
    app.get('/b', async () => 'answer to b');
    // While this request is handled, the client of the idle connection sends a request, and the
    // loop stays blocked for a while, as a synchronous PGlite query blocks it.
    app.get('/a', async () => {
      clients.idle!.socket.write('GET /b HTTP/1.1\r\nHost: x\r\n\r\n');
      const until = performance.now() + 40;
      while (performance.now() < until) {
        // blocked
      }
      return 'answer to a';
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as net.AddressInfo).port;

    // One keep-alive connection that has been idle for longer than the grace period.
    clients.idle = connect(port);
    const idleClient = clients.idle;
    await idleClient.connected;
    idleClient.socket.write('GET /b HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => idleClient.state.text.includes('answer to b'), 'first answer on the idle connection');
    const busyClient = connect(port);
    await busyClient.connected;
    await new Promise((r) => setTimeout(r, 200));

    // The stop looks for idle connections every 100 ms. This timer fires just after its first look
    // (same delay, set later), so /a is read in the I/O poll between the look and the close.
    const stopped = app.stopGracefully({ idleGraceMs: 50, deadlineMs: 5_000 });
    setTimeout(() => busyClient.socket.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\n'), 100);
    await stopped;
    app = null;

    expect(busyClient.state.text).toContain('answer to a');
    // The request sent while the loop was blocked got its full answer, telling the client to close.
    const second = idleClient.state.text.slice(idleClient.state.text.indexOf('answer to b') + 1);
    expect(second, `idle connection ended: ${idleClient.state.ended}`).toContain('answer to b');
    expect(second.toLowerCase()).toContain('connection: close');
    expect(idleClient.state.ended).toBe('closed');
  });

  it('answers a connection the kernel completed just before the stop began but this process had not yet accepted, instead of resetting it', async () => {
    let late!: ReturnType<typeof connect>;
    let stopped!: Promise<void>;
    app = Fastify({ logger: false });
    registerGracefulStop(app);
    app.get('/b', async () => 'answer to b');
    // While this request is handled (an I/O poll), a new connection completes its handshake, and
    // then, in the same poll, the stop begins, as SIGTERM is handled after a poll's other callbacks.
    app.get('/a', async () => {
      late = connect(port);
      late.connected.then(() => late.socket.write('GET /b HTTP/1.1\r\nHost: x\r\n\r\n'), () => {});
      // After the connect (queued first) has been made: the stop begins before any further poll.
      process.nextTick(() => process.nextTick(() => (stopped = app!.stopGracefully({ idleGraceMs: 50, deadlineMs: 5_000 }))));
      return 'answer to a';
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as net.AddressInfo).port;
    const first = connect(port);
    await first.connected;
    first.socket.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => stopped !== undefined, 'the stop began');
    await stopped;
    app = null;
    expect(first.state.text).toContain('answer to a');
    // (Answered in full; with Connection: close unless it was answered before the listener closed.)
    expect(late.state.text, `late connection ended: ${late.state.ended}`).toContain('answer to b');
    expect(late.state.ended).toBe('closed');
  });
});
