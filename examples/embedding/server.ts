/**
 * An example of embedding a compiled policy: a small HTTP service (node:http, no framework) that
 * answers `POST /evaluate` with what the statutory review policy says about one case on one date.
 *
 * The policy is the module `pdl compile` emitted into ./compiled/ (regenerate it with
 * `npx pdl compile policies/england/statutory-reviews.pdl --out examples/embedding/compiled`); it
 * imports only `@pdl/runtime`, so no compiler runs here. Run the service from the repository root with
 * `npx tsx examples/embedding/server.ts` (PORT, default 3000; HOST, default 127.0.0.1); see
 * docs/embedding.md.
 *
 * Input: `POST /evaluate` with a JSON body `{"case": <case file>, "asOf": "YYYY-MM-DD"}`
 * (Content-Type application/json, at most `maxBodyBytes`, 1 MiB by default).
 * Output:
 * - 200: the `EvaluationResult`, as JSON indented by two spaces, exactly what
 *   `pdl evaluate POLICY CASE --as-of DATE --json` prints for the same case;
 * - 400 `{"errors": [{"path", "code", "message"}]}`: the body is not JSON, not an object with `case`
 *   and `asOf`, or the case is invalid (paths name the place in the body: `case.events[2].date`,
 *   `asOf`, `$` for the whole body; codes are the case errors' own, `case/...`, or `request/...`);
 * - 413 when the body is larger than the limit: refused while it streams in (by Content-Length, or
 *   as soon as the bytes read pass the limit), never buffered whole; 415 for another Content-Type;
 * - 405 (with `Allow: POST`) for another method on /evaluate, 404 for any other path.
 *
 * INVARIANT (privacy): nothing about a case is logged: the log has one line per request with the
 * method, the route (`/evaluate` or `other`), the status and the time taken. Case errors are answered
 * in the form `renderForLog` gives (as `pdl evaluate` prints them): they name the path of a bad
 * value, with the value itself as `<value>`, and never an unknown key's text.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { renderForLog } from '@pdl/runtime';
import { evaluate, POLICY } from './compiled/statutory-reviews.mts';

/** The default limit on a request body: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * One problem with a request, by the JSON path of the offending part of the body: a case error's
 * code (`case/not-a-real-date`) or one of the service's own (`request/...`), and a message that
 * names no value from the body.
 */
export interface RequestError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export interface ServiceOptions {
  /** The largest body accepted, in bytes (default `MAX_BODY_BYTES`). */
  readonly maxBodyBytes?: number;
  /** Where the per-request lines go (default: stderr); never given anything about a case. */
  readonly log?: (line: string) => void;
}

/** The path of a case error as a path in the request body (`events[0].date` -> `case.events[0].date`, `$` -> `case`). */
function inBody(path: string): string {
  const p = path.startsWith('$') ? path.slice(1) : path;
  if (p === '') return 'case';
  return p.startsWith('[') ? `case${p}` : `case.${p}`;
}

/** Validates the envelope `{case, asOf}` and evaluates the case: the status and the JSON to answer with. */
export function answer(body: unknown): { status: 200 | 400; json: string } {
  const fail = (errors: RequestError[]): { status: 400; json: string } => ({ status: 400, json: `${JSON.stringify({ errors }, null, 2)}\n` });
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return fail([{ path: '$', code: 'request/not-an-object', message: 'the body must be a JSON object `{"case": ..., "asOf": "YYYY-MM-DD"}`' }]);
  }
  const envelope = body as Record<string, unknown>;
  const errors: RequestError[] = [];
  // An unknown property is not named: its text came with the case.
  for (const key of Object.keys(envelope)) {
    if (key !== 'case' && key !== 'asOf') errors.push({ path: '$', code: 'request/unknown-property', message: 'an unknown property (expected `case` and `asOf`)' });
  }
  if (!('case' in envelope)) errors.push({ path: '$', code: 'request/missing-case', message: 'missing property `case`' });
  if (typeof envelope['asOf'] !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(envelope['asOf'])) {
    errors.push({ path: 'asOf', code: 'request/bad-as-of', message: 'must be a date `YYYY-MM-DD`' });
  }
  if (errors.length > 0) return fail(errors);
  const outcome = evaluate(envelope['case'], envelope['asOf'] as string);
  if (!outcome.ok) {
    return fail(outcome.errors.map((e) => ({ path: e.path === 'asOf' ? e.path : inBody(e.path), code: e.code, message: renderForLog(e) })));
  }
  return { status: 200, json: `${JSON.stringify(outcome.result, null, 2)}\n` };
}

/** A server answering `POST /evaluate` (not yet listening: call `listen`). */
export function createEvaluateServer(options: ServiceOptions = {}): Server {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const route = new URL(req.url ?? '/', 'http://localhost').pathname === '/evaluate' ? '/evaluate' : 'other';
    let done = false;
    const send = (status: number, json: string, headers: Record<string, string> = {}): void => {
      if (done) return;
      done = true;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(json);
      log(`${req.method ?? '?'} ${route} ${status} ${(performance.now() - started).toFixed(1)} ms`);
    };
    const error = (status: number, path: string, code: string, message: string, headers?: Record<string, string>): void =>
      send(status, `${JSON.stringify({ errors: [{ path, code, message }] }, null, 2)}\n`, headers);
    // Refuses the rest of a body: answers now, then closes the connection (Node discards what
    // still arrives; a client that keeps sending is cut off after a grace period).
    const refuse = (status: number, code: string, message: string): void => {
      error(status, '$', code, message, { connection: 'close' });
      setTimeout(() => req.destroy(), 2000).unref();
    };

    if (route !== '/evaluate') return refuse(404, 'request/not-found', 'not found: the service answers `POST /evaluate`');
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return refuse(405, 'request/method-not-allowed', `method \`${req.method ?? ''}\` not allowed: use POST`);
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return refuse(415, 'request/not-json-content', 'the body must be JSON (Content-Type: application/json)');
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (declared > limit) return refuse(413, 'request/too-large', `the body is larger than ${limit} bytes`);

    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        return refuse(413, 'request/too-large', `the body is larger than ${limit} bytes`);
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      let text: string;
      let body: unknown;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size));
      } catch {
        return error(400, '$', 'request/not-utf8', 'the body is not valid UTF-8');
      }
      try {
        body = JSON.parse(text);
      } catch {
        // Not the parser's message: it quotes the body.
        return error(400, '$', 'request/not-json', 'the body is not valid JSON');
      }
      try {
        const { status, json } = answer(body);
        send(status, json);
      } catch {
        error(500, '$', 'request/internal', 'internal error');
      }
    });
    req.on('error', () => {
      done = true;
    });
  };

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, handle);
  return server;
}

/** Starts the service on HOST:PORT (127.0.0.1:3000 by default) and prints where it listens. */
async function main(): Promise<void> {
  const port = Number(process.env['PORT'] ?? 3000);
  const host = process.env['HOST'] ?? '127.0.0.1';
  const server = createEvaluateServer();
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const actual = address !== null && typeof address === 'object' ? address.port : port;
  process.stdout.write(`${POLICY.id}${POLICY.version !== undefined ? ` ${POLICY.version}` : ''}: listening on http://${host}:${actual}/evaluate\n`);
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
