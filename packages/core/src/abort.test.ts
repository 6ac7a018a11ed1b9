import { describe, expect, it } from 'vitest';
import { abortedError, callSignal, untilAborted } from './abort.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('callSignal', () => {
  it('aborts with a TimeoutError once the timeout passes, and says it timed out', async () => {
    const call = callSignal(20);
    expect(call.signal.aborted).toBe(false);
    await tick(60);
    expect(call.signal.aborted).toBe(true);
    expect((call.signal.reason as DOMException).name).toBe('TimeoutError');
    expect(call.timedOut).toBe(true);
    call.dispose();
  });

  it("aborts at once with the caller's reason when the caller cancels; that is not a timeout", async () => {
    const caller = new AbortController();
    const call = callSignal(10_000, caller.signal);
    caller.abort(new Error('user pressed stop'));
    expect(call.signal.aborted).toBe(true);
    expect((call.signal.reason as Error).message).toBe('user pressed stop');
    expect(call.timedOut).toBe(false);
    call.dispose();
  });

  it('starts aborted when the caller already cancelled, and the later timer does not turn it into a timeout', async () => {
    const caller = new AbortController();
    caller.abort('gone');
    const call = callSignal(10, caller.signal);
    expect(call.signal.aborted).toBe(true);
    expect(call.signal.reason).toBe('gone');
    await tick(40);
    expect(call.timedOut).toBe(false);
    call.dispose();
  });

  it("after dispose neither the timer nor the caller's signal reaches the call", async () => {
    const caller = new AbortController();
    const call = callSignal(20, caller.signal);
    call.dispose();
    await tick(60);
    caller.abort();
    expect(call.signal.aborted).toBe(false);
    expect(call.timedOut).toBe(false);
  });
});

describe('untilAborted', () => {
  it('settles with the promise when nothing aborts', async () => {
    await expect(untilAborted(Promise.resolve(42), new AbortController().signal)).resolves.toBe(42);
  });

  it('rejects with DISPATCH_ABORTED as soon as the signal aborts, without waiting for the promise', async () => {
    const controller = new AbortController();
    const never = new Promise<never>(() => {});
    const waiting = untilAborted(never, controller.signal);
    controller.abort('stop');
    await expect(waiting).rejects.toMatchObject({ code: 'DISPATCH_ABORTED', cause: 'stop' });
  });

  it('reports a rejection that follows an abort as the abort, and leaves no unhandled rejection behind', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const aborted = new AbortController();
      aborted.abort('stop');
      expect(abortedError(aborted.signal).code).toBe('DISPATCH_ABORTED');
      await expect(
        untilAborted(Promise.reject(new Error('socket closed')), aborted.signal),
      ).rejects.toMatchObject({
        code: 'DISPATCH_ABORTED',
      });

      const later = new AbortController();
      let fail!: (error: Error) => void;
      const waiting = untilAborted(new Promise<never>((_, reject) => (fail = reject)), later.signal);
      later.abort('stop');
      fail(new Error('socket closed'));
      await expect(waiting).rejects.toMatchObject({ code: 'DISPATCH_ABORTED' });
      await tick(20);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
