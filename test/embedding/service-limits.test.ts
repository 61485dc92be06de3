/**
 * The example service's limits (examples/embedding/server.ts), in process on loopback ports the OS
 * chooses, each server with small limits so that every case is quick:
 * - a slow client: headers that never end get 408 and the connection is closed; a body that never
 *   ends gets 408 `request/timeout` while the client is still connected;
 * - the connection cap: connections over `maxConnections` are closed at once, and the service
 *   answers again when the others close;
 * - `charset`: a UTF-16 or Latin-1 body is decoded by its charset; an unknown charset is 415; bytes
 *   that are not text in the charset are 400;
 * - the body's shape is checked before any validation: nesting 10,000 deep is 400 `request/too-deep`
 *   (it was a 500), a case with more events than `maxEvents` is 413 `request/too-many-events`;
 * - a bounded load test: hostile bodies (oversized, deeply nested, thousands of invalid events,
 *   slow clients holding connections) mixed with valid ones; every valid request is answered 200,
 *   with the same result, and every hostile one its 4xx, while the slow clients still hold their
 *   connections (the service's timeouts are set far beyond the test's length here).
 * No assertion is about how long anything takes on this machine: only statuses, counts and orders.
 *
 * Input: createEvaluateServer. Output: assertions.
 */
import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvaluateServer, type ServiceOptions } from '../../examples/embedding/server.ts';

const GOOD_CASE = {
  id: 'case-load-1',
  child: { dob: '2015-03-01' },
  facts: {},
  events: [
    { type: 'became_looked_after', date: '2025-04-14' },
    { type: 'review_held', date: '2025-05-13' },
  ],
};
const GOOD_BODY = JSON.stringify({ case: GOOD_CASE, asOf: '2025-09-01' });

const servers: Server[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function start(options: ServiceOptions): Promise<number> {
  const server = createEvaluateServer({ log: () => undefined, ...options });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

interface Reply {
  readonly status: number;
  readonly text: string;
}

/** One request with a whole body (a string, or bytes with their own content type). */
function post(port: number, body: string | Buffer, contentType = 'application/json'): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/evaluate', headers: { 'content-type': contentType, connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.setTimeout(60_000, () => req.destroy(new Error('no answer in 60 s')));
    req.end(body);
  });
}

/** A raw connection that sends `text` and collects what comes back until the server closes it. */
function raw(port: number, text: string): { socket: Socket; closed: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => (received += d));
  socket.on('error', () => undefined);
  if (text !== '') socket.write(text);
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  return { socket, closed };
}

const errorCodes = (reply: Reply): string[] => (JSON.parse(reply.text) as { errors: { code: string }[] }).errors.map((e) => e.code);

describe('slow clients', () => {
  it('headers that never end: 408, and the connection is closed', async () => {
    const port = await start({ headersTimeoutMs: 300, checkIntervalMs: 50 });
    const slow = raw(port, 'POST /evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n');
    const received = await slow.closed;
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a body that never ends: 408 `request/timeout` while the client is still sending', async () => {
    const port = await start({ bodyTimeoutMs: 300 });
    const slow = raw(port, 'POST /evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"case": ');
    const received = await slow.closed;
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received).toContain('"request/timeout"');
    // The service goes on.
    expect((await post(port, GOOD_BODY)).status).toBe(200);
  });
});

describe('the connection cap', () => {
  it('connections over the cap are closed at once; the service answers again when the others close', async () => {
    const port = await start({ maxConnections: 3, headersTimeoutMs: 60_000 });
    const held = [raw(port, 'POST /evaluate HTTP/1.1\r\n'), raw(port, 'POST /evaluate HTTP/1.1\r\n'), raw(port, 'POST /evaluate HTTP/1.1\r\n')];
    await Promise.all(held.map((h) => new Promise<void>((resolve) => (h.socket.readyState === 'open' ? resolve() : h.socket.once('connect', () => resolve())))));
    // Let the server accept the three before the fourth arrives.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const extra = raw(port, 'POST /evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
    expect(await extra.closed).toBe('');
    for (const h of held) h.socket.destroy();
    await Promise.all(held.map((h) => h.closed));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await post(port, GOOD_BODY)).status).toBe(200);
  });
});

describe('charset', () => {
  it('decodes a body by its charset; an unknown charset is 415; bytes that are not text in it are 400', async () => {
    const port = await start({});
    const expected = await post(port, GOOD_BODY);
    expect(expected.status).toBe(200);
    const utf16 = await post(port, Buffer.from(GOOD_BODY, 'utf16le'), 'application/json; charset=utf-16le');
    expect(utf16).toEqual(expected);
    const latin1Body = JSON.stringify({ case: { ...GOOD_CASE, id: 'café-1' }, asOf: '2025-09-01' });
    const latin1 = await post(port, Buffer.from(latin1Body, 'latin1'), 'application/json; charset="ISO-8859-1"');
    expect(latin1.status).toBe(200);
    expect(latin1.text).toContain('café-1');
    // The same Latin-1 bytes read as UTF-8 (no charset) are not UTF-8.
    const asUtf8 = await post(port, Buffer.from(latin1Body, 'latin1'));
    expect(asUtf8.status).toBe(400);
    expect(errorCodes(asUtf8)).toEqual(['request/not-utf8']);
    const unknown = await post(port, GOOD_BODY, 'application/json; charset=klingon');
    expect(unknown.status).toBe(415);
    expect(errorCodes(unknown)).toEqual(['request/unsupported-charset']);
  });
});

describe('the shape of a body is bounded before validation', () => {
  it('nesting 10,000 deep: 400 `request/too-deep` (not a 500)', async () => {
    const port = await start({});
    const deep = `{"case": {"id": "x", "child": {"dob": "2015-03-01"}, "facts": {"a": ${'['.repeat(10_000)}${']'.repeat(10_000)}}, "events": []}, "asOf": "2025-09-01"}`;
    const reply = await post(port, deep);
    expect(reply.status).toBe(400);
    expect(errorCodes(reply)).toEqual(['request/too-deep']);
  });

  it('more events than maxEvents: 413 `request/too-many-events`; more values than maxValues: 413', async () => {
    const port = await start({ maxEvents: 100, maxValues: 5000 });
    const many = JSON.stringify({ case: { ...GOOD_CASE, events: Array.from({ length: 101 }, () => ({ type: 'review_held', date: '2025-05-13' })) }, asOf: '2025-09-01' });
    const reply = await post(port, many);
    expect(reply.status).toBe(413);
    expect(errorCodes(reply)).toEqual(['request/too-many-events']);
    const values = JSON.stringify({ case: { ...GOOD_CASE, facts: { a: Array.from({ length: 5000 }, () => 1) } }, asOf: '2025-09-01' });
    const tooMany = await post(port, values);
    expect(tooMany.status).toBe(413);
    expect(errorCodes(tooMany)).toEqual(['request/too-many-values']);
  });
});

describe('a bounded load test', () => {
  it('valid requests mixed with hostile ones are all answered while slow clients are still waiting', async () => {
    // Timeouts far longer than the test: nothing here depends on how fast this machine is.
    const port = await start({ bodyTimeoutMs: 120_000, headersTimeoutMs: 120_000, maxConnections: 64 });
    const order: string[] = [];
    const track = <T>(label: string, p: Promise<T>): Promise<T> => p.then((v) => (order.push(label), v));

    // Slow clients: bodies that never end, each holding a connection (the 408 they would get is tested above).
    const slow = Array.from({ length: 4 }, () => raw(port, 'POST /evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"case": {'));
    let slowClosed = 0;
    for (const s of slow) void s.closed.then(() => slowClosed++);
    const invalidEvent = { type: 'moved_to_mars', date: '2025-02-30', note: 'x' };
    const hostileBodies: readonly [string, string, number][] = [
      // Just under 1 MiB of invalid events (more than maxEvents).
      ['many-invalid-events', JSON.stringify({ case: { ...GOOD_CASE, events: Array.from({ length: 16_000 }, () => invalidEvent) }, asOf: '2025-09-01' }), 413],
      // Within maxEvents, every one invalid.
      ['invalid-events', JSON.stringify({ case: { ...GOOD_CASE, events: Array.from({ length: 1500 }, () => invalidEvent) }, asOf: '2025-09-01' }), 400],
      ['deep', `{"case": ${'['.repeat(50_000)}${']'.repeat(50_000)}, "asOf": "2025-09-01"}`, 400],
      ['oversized', ' '.repeat(1024 * 1024 + 10), 413],
      ['not-json', '{"case": ', 400],
    ];
    const hostile = hostileBodies.flatMap(([name, body, status]) =>
      [0, 1].map((k) => track(`hostile-${name}-${k}`, post(port, body)).then((reply) => ({ name, expected: status, reply }))),
    );
    const valid = Array.from({ length: 20 }, (_, i) => track(`valid${i}`, post(port, GOOD_BODY)));

    const validReplies = await Promise.all(valid);
    const hostileReplies = await Promise.all(hostile);
    // Not starved: every valid and hostile request was answered while the slow clients still held their connections.
    expect(slowClosed).toBe(0);
    for (const s of slow) expect(s.socket.destroyed).toBe(false);

    expect(validReplies.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(new Set(validReplies.map((r) => r.text)).size).toBe(1);
    for (const { name, expected, reply } of hostileReplies) expect([name, reply.status]).toEqual([name, expected]);
    expect(order).toHaveLength(20 + hostileBodies.length * 2);
    // The costly hostile requests did not hold the valid ones back until they were all answered:
    // some valid answer came before the last hostile one (they were sent after them).
    expect(order.findIndex((label) => label.startsWith('valid'))).toBeLessThan(order.length - 1);
  });
});
