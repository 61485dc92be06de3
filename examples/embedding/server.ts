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
 * (Content-Type application/json, decoded by its `charset`, UTF-8 when none is given; at most
 * `maxBodyBytes`, 1 MiB by default).
 * Output:
 * - 200: the `EvaluationResult`, as JSON indented by two spaces, exactly what
 *   `pdl evaluate POLICY CASE --as-of DATE --json` prints for the same case;
 * - 400 `{"errors": [{"path", "code", "message"}]}`: the body is not JSON, not an object with `case`
 *   and `asOf`, or the case is invalid (paths name the place in the body: `case.events[2].date`,
 *   `asOf`, `$` for the whole body; codes are the case errors' own, `case/...`, or `request/...`);
 * - 413 when the body is larger than the limit: refused while it streams in (by Content-Length, or
 *   as soon as the bytes read pass the limit), never buffered whole; 415 for another Content-Type
 *   or a charset the service cannot decode;
 * - 400 `request/duplicate-key` for each property name that repeats an earlier one of its object
 *   (by line and column in the body, never by name), checked after the limits below;
 * - 400 `request/too-deep`, 413 `request/too-many-values` or `request/too-many-events` for a body
 *   nested deeper than `maxDepth`, with more than `maxValues` JSON values or a case with more than
 *   `maxEvents` events: checked by one iterative pass over the parsed body before any validation,
 *   so that the work a request can cost is bounded by these limits, not by the attacker;
 * - 408 when the headers have not all arrived `headersTimeoutMs` after the connection opened, or
 *   the body has not all arrived `bodyTimeoutMs` after the headers (a slow client is cut off
 *   promptly: idle connections are checked every `checkIntervalMs`); the connection is closed;
 * - 405 (with `Allow: POST`) for another method on /evaluate, 404 for any other path.
 * At most `maxConnections` connections are open at once; further ones are closed at once, so that
 * held-open connections cannot exhaust the process.
 *
 * INVARIANT (privacy): nothing about a case is logged: the log has one line per request with the
 * method, the route (`/evaluate` or `other`), the status and the time taken. Case errors are answered
 * in the form `renderForLog` gives (as `pdl evaluate` prints them): they name the path of a bad
 * value, with the value itself as `<value>`, and never an unknown key's text.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { MAX_CASE_ERRORS, renderForLog, repeatedKeyPlaces } from '@pdl/runtime';
import { evaluate, POLICY } from './compiled/statutory-reviews.mts';

/** The default limit on a request body: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The defaults of the other limits (`ServiceOptions`). */
export const DEFAULT_LIMITS = {
  maxConnections: 256,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  checkIntervalMs: 1_000,
  maxDepth: 32,
  maxValues: 200_000,
  maxEvents: 2_000,
} as const;

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
  /** The most connections open at once (default 256); more are closed as they arrive. */
  readonly maxConnections?: number;
  /** The time from a connection's opening (or its previous request) to all of a request's headers (default 10 s). */
  readonly headersTimeoutMs?: number;
  /** The time from a request's headers to the end of its body (default 10 s). */
  readonly bodyTimeoutMs?: number;
  /** How often open connections are checked for the headers timeout (default 1 s). */
  readonly checkIntervalMs?: number;
  /** The deepest nesting of arrays and objects in a body (default 32; a case needs 4). */
  readonly maxDepth?: number;
  /** The most JSON values (of any kind) in a body (default 200,000). */
  readonly maxValues?: number;
  /** The most events in a case (default 2,000). */
  readonly maxEvents?: number;
}

/** The body's size in nesting and values, by one iterative pass that stops at the first limit passed. */
export function checkShape(body: unknown, limits: { readonly maxDepth: number; readonly maxValues: number; readonly maxEvents: number }): RequestError | undefined {
  const stack: [unknown, number][] = [[body, 1]];
  let values = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (++values > limits.maxValues) return { path: '$', code: 'request/too-many-values', message: `the body has more than ${limits.maxValues} JSON values` };
    if (value === null || typeof value !== 'object') continue;
    if (depth > limits.maxDepth) return { path: '$', code: 'request/too-deep', message: `the body is nested more than ${limits.maxDepth} levels deep` };
    for (const child of Array.isArray(value) ? value : Object.values(value as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  const events = body !== null && typeof body === 'object' ? ((body as { case?: { events?: unknown } }).case?.events) : undefined;
  if (Array.isArray(events) && events.length > limits.maxEvents) {
    return { path: 'case.events', code: 'request/too-many-events', message: `a case may have at most ${limits.maxEvents} events` };
  }
  return undefined;
}

/** A decoder for a Content-Type's `charset` (UTF-8 when none is given), or undefined when it is not one the platform decodes. */
function decoderFor(contentType: string): TextDecoder | undefined {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset, { fatal: true });
  } catch {
    return undefined;
  }
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
  const shapeLimits = {
    maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxValues: options.maxValues ?? DEFAULT_LIMITS.maxValues,
    maxEvents: options.maxEvents ?? DEFAULT_LIMITS.maxEvents,
  };
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_LIMITS.bodyTimeoutMs;

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
    const contentType = req.headers['content-type'] ?? '';
    const type = contentType.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return refuse(415, 'request/not-json-content', 'the body must be JSON (Content-Type: application/json)');
    const decoder = decoderFor(contentType);
    if (decoder === undefined) return refuse(415, 'request/unsupported-charset', 'the charset of the body is not one the service can decode (use utf-8)');
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (declared > limit) return refuse(413, 'request/too-large', `the body is larger than ${limit} bytes`);

    // A body that has not all arrived in time: 408, and the connection is closed.
    const bodyTimer = setTimeout(() => {
      if (done) return;
      chunks.length = 0;
      refuse(408, 'request/timeout', `the body did not arrive within ${bodyTimeoutMs} ms`);
    }, bodyTimeoutMs);
    bodyTimer.unref();
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
      clearTimeout(bodyTimer);
      if (done) return;
      let text: string;
      let body: unknown;
      try {
        text = decoder.decode(Buffer.concat(chunks, size));
      } catch {
        return error(400, '$', 'request/not-utf8', `the body is not valid ${decoder.encoding === 'utf-8' ? 'UTF-8' : `text in its charset (${decoder.encoding})`}`);
      }
      try {
        body = JSON.parse(text);
      } catch {
        // Not the parser's message: it quotes the body.
        return error(400, '$', 'request/not-json', 'the body is not valid JSON');
      }
      const shape = checkShape(body, shapeLimits);
      if (shape !== undefined) return error(shape.code === 'request/too-deep' ? 400 : 413, shape.path, shape.code, shape.message);
      // JSON.parse keeps the last of two values of one name silently: an invalid value given first
      // would vanish. Refused, by place in the body, never by name (it may be case data).
      const repeats = repeatedKeyPlaces(text, MAX_CASE_ERRORS);
      if (repeats.places.length > 0) {
        const errors = repeats.places.map((p) => ({ path: '$', code: 'request/duplicate-key', message: `line ${p.line}, column ${p.column}: a property name repeats an earlier one of the same object; JSON keeps only the last value, so remove one` }));
        if (repeats.more > 0) errors.push({ path: '$', code: 'request/duplicate-key', message: `and ${repeats.more} more repeated property names, not shown` });
        return send(400, `${JSON.stringify({ errors }, null, 2)}\n`);
      }
      try {
        const { status, json } = answer(body);
        send(status, json);
      } catch {
        error(500, '$', 'request/internal', 'internal error');
      }
    });
    req.on('error', () => {
      clearTimeout(bodyTimer);
      done = true;
    });
    req.on('close', () => clearTimeout(bodyTimer));
  };

  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_LIMITS.headersTimeoutMs;
  const server = createServer(
    {
      headersTimeout,
      // Node's own whole-request bound, as a backstop behind the body timer above.
      requestTimeout: headersTimeout + bodyTimeoutMs + 1000,
      // Node checks the two timeouts above only this often (30 s by default, which let a slow client hold a connection for ~37 s).
      connectionsCheckingInterval: options.checkIntervalMs ?? DEFAULT_LIMITS.checkIntervalMs,
      keepAliveTimeout: 5000,
    },
    handle,
  );
  server.maxConnections = options.maxConnections ?? DEFAULT_LIMITS.maxConnections;
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
