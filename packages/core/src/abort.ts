import { Backend2McpError } from './errors.js';

/** The error a dispatch rejects with once its signal aborted (the caller cancelled, or the call timed out). */
export function abortedError(signal: AbortSignal): Backend2McpError {
  return new Backend2McpError(
    'DISPATCH_ABORTED',
    'The request was aborted (cancelled or timed out) before the app finished answering.',
    { cause: signal.reason },
  );
}

/**
 * `promise`, or a rejection with {@link abortedError} as soon as `signal`
 * aborts (already aborted included), for dispatches whose framework call
 * cannot itself be cancelled. A rejection that comes after the abort is
 * reported as the abort, which is what caused it.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? abortedError(signal) : error);
      },
    );
  });
}
