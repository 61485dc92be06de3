/**
 * Request sequencing between the page and the compiler worker, and input debouncing.
 *
 * Input: the payloads the page wants checked (one per debounced edit) and the request ids of the
 * worker's responses. Output: which requests to post (at most one in flight; while one is, only the
 * newest waiting payload is kept, the ones it replaces are never sent) and whether a response is
 * fresh enough to show.
 *
 * Staleness: a response is applied only when it answers the newest request the page has made.
 * A response to an older request describes text the user has already changed (its diagnostics'
 * ranges would point at the wrong characters), so it is dropped, and the newest request is sent.
 *
 * INVARIANT: no DOM and no worker globals (unit-tested in Node); `createDebouncer` uses only the
 * global `setTimeout`/`clearTimeout`.
 */

/** A payload with the id it was given. */
export interface Outgoing<P> {
  readonly requestId: number;
  readonly payload: P;
}

/** What to do with a response. */
export interface Receipt<P> {
  /** True: show it. False: it is stale (or unknown), ignore it. */
  readonly apply: boolean;
  /** A request to post now (the newest one, which waited while another was in flight). */
  readonly next?: Outgoing<P>;
}

export class RequestScheduler<P> {
  private lastId = 0;
  /** The id of the request being worked on by the worker. */
  private inFlight: number | undefined;
  /** The newest request not yet sent (replaced by every newer `submit`). */
  private waiting: Outgoing<P> | undefined;
  /** The newest request of all, sent or not. */
  private newest: Outgoing<P> | undefined;
  /** The id of the last response applied. */
  private applied = 0;

  /** The newest id handed out (0 before the first `submit`). */
  get latestRequestId(): number {
    return this.lastId;
  }

  /** True while a request is with the worker or waiting to be sent. */
  get busy(): boolean {
    return this.inFlight !== undefined || this.waiting !== undefined;
  }

  /** Gives `payload` the next id. Returns the request to post now, or undefined when it must wait. */
  submit(payload: P): Outgoing<P> | undefined {
    const request: Outgoing<P> = { requestId: ++this.lastId, payload };
    this.newest = request;
    if (this.inFlight === undefined) {
      this.inFlight = request.requestId;
      this.waiting = undefined;
      return request;
    }
    this.waiting = request;
    return undefined;
  }

  /** The id of the newest request made (sent or waiting). */
  newestId(): number | undefined {
    return this.newest?.requestId;
  }

  /** The payload of the newest request made (sent or waiting). */
  newestPayload(): P | undefined {
    return this.newest?.payload;
  }

  /** Called with the id of each response from the worker. */
  receive(requestId: number): Receipt<P> {
    if (requestId === this.inFlight) this.inFlight = undefined;
    const apply = this.newest !== undefined && requestId === this.newest.requestId && requestId > this.applied;
    if (apply) this.applied = requestId;
    const next = this.takeWaiting();
    return next === undefined ? { apply } : { apply, next };
  }

  /**
   * The worker died or was restarted: forget the request in flight. With `resend`, the newest request
   * (if unanswered) is returned to be posted again to the new worker; without it (the worker hung on
   * that very input), only a request that was still waiting is returned.
   */
  abandon(resend: boolean): Outgoing<P> | undefined {
    const lost = this.inFlight;
    this.inFlight = undefined;
    const next = this.takeWaiting();
    if (next !== undefined) return next;
    if (resend && lost !== undefined && this.newest !== undefined && this.newest.requestId === lost) {
      this.inFlight = lost;
      return this.newest;
    }
    return undefined;
  }

  private takeWaiting(): Outgoing<P> | undefined {
    if (this.inFlight !== undefined || this.waiting === undefined) return undefined;
    const next = this.waiting;
    this.waiting = undefined;
    this.inFlight = next.requestId;
    return next;
  }
}

/**
 * A function that runs `fn` once, `delayMs` after the last of a burst of calls. With `delayMs` 0 it
 * runs at the end of the current task (a microtask): the calls of one task (a paste, a multi-cursor
 * edit) are one run, and nothing waits for timers or for the page to be painted.
 */
export interface Debouncer {
  (): void;
  /** Runs `fn` now if a call is pending. */
  flush(): void;
  cancel(): void;
}

export function createDebouncer(delayMs: number, fn: () => void): Debouncer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** For `delayMs` 0: a microtask is queued, and this is the call it will serve. */
  let pending = 0;
  let served = 0;
  const run = (): void => {
    timer = undefined;
    fn();
  };
  const debounced = (): void => {
    if (delayMs <= 0) {
      if (pending !== served) return;
      const ticket = ++pending;
      queueMicrotask(() => {
        if (served >= ticket) return;
        served = ticket;
        fn();
      });
      return;
    }
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };
  debounced.flush = (): void => {
    if (pending !== served) {
      served = pending;
      fn();
      return;
    }
    if (timer === undefined) return;
    clearTimeout(timer);
    run();
  };
  debounced.cancel = (): void => {
    served = pending;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return debounced;
}
