/**
 * Leak checks: which OS handles (sockets, servers) the process holds, and how
 * much heap survives a full garbage collection.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Handle types that stand for sockets and servers: what a leaked connection leaves behind. */
const NETWORK_HANDLES = new Set(['TCPSocketWrap', 'TCPServerWrap', 'TCPWrap', 'PipeWrap', 'TLSWrap']);

/** How many network handles of each type the process holds right now. */
export function networkHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) {
    if (NETWORK_HANDLES.has(type)) counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

let gc: (() => void) | undefined;

/** Runs a full garbage collection, even when the process was started without `--expose-gc`. */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  gc();
}

/** Heap in use after a full garbage collection, in bytes. */
export async function settledHeapBytes(): Promise<number> {
  // Let pending closes and microtasks finish before measuring what is still reachable.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Waits until `check` returns true, checking every 10 ms, for at most `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
