/**
 * The embedding example (examples/embedding/server.ts), as a real process: started on a loopback port
 * the OS chooses (127.0.0.1, PORT=0), sent real HTTP requests, stopped.
 * - a good case: 200, the result exactly as the interpreter gives it (and as `pdl evaluate --json`
 *   prints it: JSON indented by two spaces);
 * - a malformed body, a body that is not `{case, asOf}`, an invalid case, a bad as-of date: 400 with
 *   the errors by JSON path in the body, values withheld;
 * - an oversized body: 413, by Content-Length before any byte of it is read, and while a chunked body
 *   is still being sent (the request is never ended: the answer cannot wait for the whole body);
 *   the service answers the next request as before;
 * - another method (405, `Allow: POST`), another path (404), another content type (415);
 * - the log holds nothing of any case sent.
 * Bounded in time: each request times out, and the process is killed at the end.
 *
 * Input: examples/embedding/ (server.ts and the committed compiled/ module), which imports
 * `@pdl/runtime` (packages/runtime/dist, built here by scripts/build-lib.mjs when stale). Output: assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request, type IncomingHttpHeaders } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureLibBuilt } from '../support/ensure-lib-built.ts';
import { PROCESS_TIMEOUT_MS, timeoutFor } from '../support/processes.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { EvaluationResult } from '../../runtime/index.ts';
// Type-only (so that server.ts is type-checked with the tests): the service runs in its own process.
import type { ServiceOptions } from '../../examples/embedding/server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const POLICY = 'policies/england/statutory-reviews.pdl';
const REQUEST_TIMEOUT = 15_000;
/** The service's default limit (MAX_BODY_BYTES in server.ts): 1 MiB. */
const MAX_BODY_BYTES: NonNullable<ServiceOptions['maxBodyBytes']> = 1024 * 1024;

const GOOD_CASE = {
  id: 'case-privacy-marker-7f3a',
  child: { dob: '2015-03-01' },
  facts: {},
  events: [
    { type: 'became_looked_after', date: '2025-04-14' },
    { type: 'review_held', date: '2025-05-13' },
    { type: 'review_adjourned', date: '2025-06-02' },
  ],
};
const AS_OF = '2025-09-01';

let server: ChildProcess | undefined;
let port = 0;
let log = '';

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** Sends one request (the body whole, or written by `write`, which need not end it); resolves on the reply. */
function send(options: { method?: string; path?: string; headers?: Record<string, string | number>; body?: string; write?: (req: ReturnType<typeof request>) => void }): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path ?? '/evaluate', headers: { 'content-type': 'application/json', ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
          req.destroy();
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT, () => req.destroy(new Error('request timed out')));
    // After a refusal the server closes the connection while the client may still be writing.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (options.write !== undefined) options.write(req);
    else req.end(options.body ?? '');
  });
}

const evaluateBody = (c: unknown, asOf: unknown = AS_OF): string => JSON.stringify({ case: c, asOf });
const errorsOf = (reply: Reply): { path: string; code: string; message: string }[] => (JSON.parse(reply.text) as { errors: { path: string; code: string; message: string }[] }).errors;

beforeAll(async () => {
  ensureLibBuilt();
  const child = spawn(process.execPath, ['--import', 'tsx', 'examples/embedding/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => (log += s));
  port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start in ${PROCESS_TIMEOUT_MS / 1000} s: ${log}`)), PROCESS_TIMEOUT_MS);
    child.stdout.on('data', (s: string) => {
      log += s;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\/evaluate/.exec(log);
      if (m !== null) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${code}): ${log}`));
    });
  });
}, timeoutFor(2));

afterAll(async () => {
  const child = server;
  if (child === undefined || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 5000);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
});

describe('POST /evaluate', { timeout: 30_000 }, () => {
  it('a good case: 200 and the result, exactly the interpreter\'s, formatted as pdl evaluate --json prints it', async () => {
    const policy = compile(readFileSync(`${ROOT}${POLICY}`, 'utf8'), { uri: POLICY }).policy;
    const expected = policy?.evaluate(GOOD_CASE, AS_OF);
    if (expected === undefined || !expected.ok) throw new Error('the good case is not good');
    const reply = await send({ body: evaluateBody(GOOD_CASE) });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.text).toBe(`${JSON.stringify(expected.result, null, 2)}\n`);
    const result = JSON.parse(reply.text) as EvaluationResult;
    expect(result.obligations.map((o) => [o.rule, o.due, o.status])).toEqual([
      ['looked_after_review', '2025-05-15', 'met'],
      ['adjourned_review_completed', '2025-06-30', 'overdue'],
      ['looked_after_review', '2025-08-13', 'overdue'],
    ]);
  });

  it('a malformed body: 400, `$`, without quoting the body', async () => {
    const reply = await send({ body: '{"case": {"id": "case-privacy-marker-7f3a"' });
    expect(reply.status).toBe(400);
    expect(errorsOf(reply)).toEqual([{ path: '$', code: 'request/not-json', message: 'the body is not valid JSON' }]);
  });

  it('a repeated property name: 400 `request/duplicate-key` by line and column, never the name or either value', async () => {
    // JSON.parse would keep the valid dob and drop the invalid one without a word.
    const body = `{"case": {"id": "c-1",\n  "child": {"dob": "2015-02-30-SECRET", "dob": "2015-02-01"},\n  "events": []},\n "asOf": "${AS_OF}"}`;
    const reply = await send({ body });
    expect(reply.status).toBe(400);
    expect(errorsOf(reply)).toEqual([
      { path: '$', code: 'request/duplicate-key', message: 'line 2, column 41: a property name repeats an earlier one of the same object; JSON keeps only the last value, so remove one' },
    ]);
    expect(reply.text).not.toContain('SECRET');
    expect(reply.text).not.toContain('dob');
  });

  it('a body that is not {case, asOf}: 400 naming what is wrong', async () => {
    const reply = await send({ body: JSON.stringify({ case: GOOD_CASE, when: AS_OF }) });
    expect(reply.status).toBe(400);
    expect(errorsOf(reply).map((e) => e.path)).toEqual(['$', 'asOf']);
    const array = await send({ body: '[]' });
    expect(array.status).toBe(400);
    expect(errorsOf(array)[0]?.path).toBe('$');
  });

  it('an invalid case: 400 with each error by its path in the body, the values withheld', async () => {
    const bad = { ...GOOD_CASE, child: { dob: '2015-02-30' }, events: [{ type: 'became_looked_after', date: '2025-04-14' }, { type: 'moved_to_mars', date: '2025-05-01' }] };
    const reply = await send({ body: evaluateBody(bad) });
    expect(reply.status).toBe(400);
    const errors = errorsOf(reply);
    expect(errors.map((e) => e.path)).toEqual(['case.child.dob', 'case.events[1].type']);
    expect(reply.text).not.toContain('2015-02-30');
    expect(reply.text).not.toContain('moved_to_mars');
    expect(errors[1]?.message).toContain('<value>');
  });

  it('a bad as-of date: 400 at `asOf`', async () => {
    for (const asOf of ['2025-02-30', '1 Sept 2025', 20250901]) {
      const reply = await send({ body: evaluateBody(GOOD_CASE, asOf) });
      expect(reply.status).toBe(400);
      expect(errorsOf(reply).map((e) => e.path)).toEqual(['asOf']);
    }
  });

  it('an oversized body: 413 by Content-Length, before a byte of it is sent', async () => {
    const reply = await send({
      headers: { 'content-length': MAX_BODY_BYTES + 1 },
      // The headers alone: the answer must come from them.
      write: (req) => req.flushHeaders(),
    });
    expect(reply.status).toBe(413);
    expect(reply.headers['connection']).toBe('close');
    expect(errorsOf(reply)[0]?.path).toBe('$');
  });

  it('an oversized body streamed in chunks: 413 while it is still being sent; the service goes on', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const reply = await send({
      write: (req) => {
        // 1 MiB and a bit more, never ended: a server that waited for the whole body would never answer.
        const pump = (): void => {
          while (sent <= MAX_BODY_BYTES) {
            sent += chunk.length;
            if (!req.write(chunk)) {
              req.once('drain', pump);
              return;
            }
          }
        };
        pump();
      },
    });
    expect(reply.status).toBe(413);
    expect(sent).toBeGreaterThan(MAX_BODY_BYTES);
    const next = await send({ body: evaluateBody(GOOD_CASE) });
    expect(next.status).toBe(200);
  });

  it('another method: 405 with Allow: POST; another path: 404; another content type: 415', async () => {
    const get = await send({ method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers['allow']).toBe('POST');
    const put = await send({ method: 'PUT', body: evaluateBody(GOOD_CASE) });
    expect(put.status).toBe(405);
    expect((await send({ path: '/evaluate/now', body: evaluateBody(GOOD_CASE) })).status).toBe(404);
    expect((await send({ method: 'GET', path: '/' })).status).toBe(404);
    expect((await send({ headers: { 'content-type': 'text/plain' }, body: evaluateBody(GOOD_CASE) })).status).toBe(415);
  });

  it('privacy canary: a marker in every field of a case, in unknown keys and in the envelope, is in no answer and no log line', async () => {
    const CANARY = 'Zq7canaryJoBloggs';
    const hostile: readonly string[] = [
      evaluateBody({
        ...GOOD_CASE,
        [CANARY]: CANARY,
        child: { dob: CANARY, [CANARY]: CANARY },
        facts: { [CANARY]: CANARY },
        events: [
          CANARY,
          { type: CANARY, date: '2025-04-14' },
          { type: 'review_held', date: CANARY, [CANARY]: CANARY },
          { type: 'review_scheduled', date: '2025-04-20', for: `${CANARY}-01` },
          { type: 'placement_changed', date: '2025-04-21', planned: CANARY },
          { type: 'discussion_held', date: '2025-04-23', with: CANARY, about: [CANARY] },
        ],
      }),
      evaluateBody({ ...GOOD_CASE, id: { [CANARY]: 1 }, child: CANARY, events: CANARY }),
      evaluateBody(CANARY),
      evaluateBody(GOOD_CASE, CANARY),
      evaluateBody(GOOD_CASE, { [CANARY]: 1 }),
      JSON.stringify({ case: GOOD_CASE, asOf: AS_OF, [CANARY]: CANARY }),
      `{"case": {"id": "${CANARY}", "child": ${CANARY}}, "asOf": "${AS_OF}"}`,
    ];
    for (const body of hostile) {
      const reply = await send({ body });
      expect(reply.status).toBe(400);
      expect(errorsOf(reply).length).toBeGreaterThan(0);
      for (const e of errorsOf(reply)) expect(e.code).toMatch(/^(case|request)\/[a-z-]+$/);
      expect(reply.text).not.toContain('Zq7');
    }
    expect(log).not.toContain('Zq7');
  });

  it('logs nothing about the cases sent: one line per request, method, route, status and time', async () => {
    await send({ body: evaluateBody(GOOD_CASE) });
    for (const secret of [GOOD_CASE.id, '2015-03-01', '2025-04-14', '2015-02-30', 'moved_to_mars', AS_OF]) expect(log).not.toContain(secret);
    const lines = log.trim().split('\n');
    expect(lines[0]).toMatch(/^england\.statutory_reviews 2010\.1: listening on http:\/\/127\.0\.0\.1:\d+\/evaluate$/);
    for (const line of lines.slice(1)) expect(line).toMatch(/^(GET|POST|PUT) (\/evaluate|other) \d{3} \d+\.\d ms$/);
  });
});
