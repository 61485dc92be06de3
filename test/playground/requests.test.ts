/**
 * Request sequencing (playground/src/requests.ts): payloads -> at most one request in flight, the
 * newest waiting one replacing older ones, and stale responses (to any but the newest request)
 * dropped; and the 150 ms input debouncer.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDebouncer, RequestScheduler } from '../../playground/src/requests.ts';

describe('RequestScheduler', () => {
  it('sends the first request at once and holds later ones while it is in flight', () => {
    const s = new RequestScheduler<string>();
    expect(s.submit('a')).toEqual({ requestId: 1, payload: 'a' });
    expect(s.busy).toBe(true);
    expect(s.submit('b')).toBeUndefined();
    expect(s.submit('c')).toBeUndefined();
    expect(s.latestRequestId).toBe(3);
  });

  it('drops a stale response and sends the newest waiting request, which is applied', () => {
    const s = new RequestScheduler<string>();
    s.submit('a');
    s.submit('b');
    s.submit('c');
    // The answer to 1 describes text the user has since changed: not shown; 3 goes out (2 never does).
    expect(s.receive(1)).toEqual({ apply: false, next: { requestId: 3, payload: 'c' } });
    expect(s.receive(3)).toEqual({ apply: true });
    expect(s.busy).toBe(false);
  });

  it('never applies an old or repeated response after a newer one', () => {
    const s = new RequestScheduler<string>();
    s.submit('a');
    expect(s.receive(1).apply).toBe(true);
    s.submit('b');
    expect(s.receive(2).apply).toBe(true);
    expect(s.receive(1).apply).toBe(false);
    expect(s.receive(2).apply).toBe(false);
    expect(s.receive(99).apply).toBe(false);
  });

  it('a response arriving after a newer request was made is stale even with nothing waiting', () => {
    const s = new RequestScheduler<string>();
    s.submit('a');
    s.submit('b');
    const first = s.receive(1);
    expect(first.apply).toBe(false);
    expect(first.next?.requestId).toBe(2);
    expect(s.receive(2).apply).toBe(true);
  });

  it('after a crash, resends the newest request; after a hang, only a newer waiting one', () => {
    const crashed = new RequestScheduler<string>();
    crashed.submit('a');
    expect(crashed.abandon(true)).toEqual({ requestId: 1, payload: 'a' });
    expect(crashed.receive(1).apply).toBe(true);

    const hung = new RequestScheduler<string>();
    hung.submit('a');
    expect(hung.abandon(false)).toBeUndefined();
    expect(hung.busy).toBe(false);
    expect(hung.submit('b')).toEqual({ requestId: 2, payload: 'b' });

    const hungWithWaiting = new RequestScheduler<string>();
    hungWithWaiting.submit('a');
    hungWithWaiting.submit('b');
    expect(hungWithWaiting.abandon(false)).toEqual({ requestId: 2, payload: 'b' });
  });
});

describe('createDebouncer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once, 150 ms after the last of a burst of calls', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const debounced = createDebouncer(150, fn);
    debounced();
    vi.advanceTimersByTime(100);
    debounced();
    vi.advanceTimersByTime(100);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('flush runs a pending call now; cancel drops it', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const debounced = createDebouncer(150, fn);
    debounced();
    debounced.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    debounced.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    debounced();
    debounced.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
