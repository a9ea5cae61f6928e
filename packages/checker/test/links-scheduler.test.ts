import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadlines } from '../src/links/pacing/deadlines.js';
import { type Permit, Scheduler } from '../src/links/pacing/scheduler.js';
import type { HostPolicy } from '../src/links/setup/options.js';
import { parseStatusSpec } from '../src/links/setup/status-set.js';

// The scheduler on an injected clock: exact times, whatever the load of the machine.
beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

function policy(interval: number, concurrency: number): HostPolicy {
  return { concurrency, interval, headers: {}, accept: parseStatusSpec(['200-299']), method: 'head' };
}

describe('scheduler', () => {
  it('keeps the minimum interval between the starts of requests to a host', async () => {
    const starts: { item: string; at: number }[] = [];
    const permits: Permit[] = [];
    const scheduler = new Scheduler<string>(
      10,
      () => policy(100, 4),
      (item, permit) => {
        starts.push({ item, at: Date.now() });
        permits.push(permit);
      },
    );
    for (const item of ['a', 'b', 'c', 'd']) scheduler.add('host.example', item);
    await vi.runAllTimersAsync();
    expect(starts).toEqual([
      { item: 'a', at: 0 },
      { item: 'b', at: 100 },
      { item: 'c', at: 200 },
      { item: 'd', at: 300 },
    ]);
  });

  it('lets hosts take turns, each at its own interval, within the global limit', async () => {
    const starts: string[] = [];
    const held: Permit[] = [];
    const scheduler = new Scheduler<string>(
      2,
      (host) => policy(host === 'slow.example' ? 1_000 : 0, 2),
      (item, permit) => {
        starts.push(`${Date.now()} ${item}`);
        held.push(permit);
      },
    );
    for (const item of ['s1', 's2']) scheduler.add('slow.example', item);
    for (const item of ['f1', 'f2', 'f3']) scheduler.add('fast.example', item);
    // Two in flight at most: nothing more starts until a permit comes back.
    expect(starts).toEqual(['0 s1', '0 f1']);
    scheduler.release(held.shift()!);
    expect(starts).toEqual(['0 s1', '0 f1', '0 f2']);
    scheduler.release(held.shift()!);
    scheduler.release(held.shift()!);
    // The slow host must wait its interval; the fast one goes on meanwhile.
    expect(starts).toEqual(['0 s1', '0 f1', '0 f2', '0 f3']);
    scheduler.release(held.shift()!);
    await vi.advanceTimersByTimeAsync(999);
    expect(starts).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts.at(-1)).toBe('1000 s2');
  });

  it('a host that pushed back waits as asked, and meanwhile takes one request at a time', async () => {
    const starts: number[] = [];
    const held: Permit[] = [];
    const scheduler = new Scheduler<string>(
      10,
      () => policy(0, 4),
      (_item, permit) => {
        starts.push(Date.now());
        held.push(permit);
      },
    );
    scheduler.add('h.example', 'first');
    scheduler.host('h.example').pushedBack(Date.now(), 5_000);
    scheduler.release(held.shift()!);
    for (const item of ['a', 'b']) scheduler.add('h.example', item);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(starts).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts).toEqual([0, 5_000]);
  });
});

describe('deadlines', () => {
  it('fires each deadline once it has passed, within one tick, and never a cleared one', async () => {
    const deadlines = new Deadlines(1_000); // a tick of 50 ms
    const fired: string[] = [];
    const watch = (name: string, ms: number) => {
      const deadline = { at: 0, expire: () => fired.push(`${name}@${Date.now()}`) };
      deadlines.watch(deadline, ms);
      return deadline;
    };
    watch('a', 100);
    const b = watch('b', 120);
    watch('c', 1_000);
    deadlines.clear(b);
    await vi.advanceTimersByTimeAsync(99);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(fired).toEqual(['a@100']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fired).toEqual(['a@100', 'c@1000']);
    // Nothing left to watch: the timer is gone.
    expect(vi.getTimerCount()).toBe(0);
    deadlines.close();
  });

  it('lets go of a cleared deadline at once, and the others still fire in time', async () => {
    const deadlines = new Deadlines(1_000); // a tick of 50 ms
    const fired: string[] = [];
    const made = ['a', 'b', 'c', 'd', 'e'].map((name, i) => {
      const deadline = { at: 0, expire: () => fired.push(`${name}@${Date.now()}`) };
      deadlines.watch(deadline, 100 * (i + 1));
      return deadline;
    });
    expect(deadlines.size).toBe(5);
    // Cleared from the middle, the start and the end: each is gone from the list before any tick, so
    // nothing it holds (a request's handler, its headers, its promise) outlives it.
    for (const i of [2, 0, 4]) deadlines.clear(made[i]!);
    expect(deadlines.size).toBe(2);
    expect(made.map((d) => deadlines.has(d))).toEqual([false, true, false, true, false]);
    // Clearing twice, or watching again, does not duplicate or lose anything.
    deadlines.clear(made[2]!);
    deadlines.watch(made[1]!, 150);
    expect(deadlines.size).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fired).toEqual(['b@150', 'd@400']);
    expect(deadlines.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fires every due deadline of a tick, and one an expiry watches again waits for its new time', async () => {
    const deadlines = new Deadlines(1_000);
    const fired: string[] = [];
    const again = {
      at: 0,
      rounds: 0,
      expire() {
        fired.push(`again@${Date.now()}`);
        if (++this.rounds === 1) deadlines.watch(this, 200);
      },
    };
    for (const name of ['x', 'y', 'z'])
      deadlines.watch({ at: 0, expire: () => fired.push(`${name}@${Date.now()}`) }, 40);
    deadlines.watch(again, 40);
    await vi.advanceTimersByTimeAsync(50);
    expect(fired.sort()).toEqual(['again@50', 'x@50', 'y@50', 'z@50']);
    expect(deadlines.size).toBe(1);
    await vi.advanceTimersByTimeAsync(250);
    expect(fired.at(-1)).toBe('again@250');
    expect(deadlines.size).toBe(0);
  });
});
