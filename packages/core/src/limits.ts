/** Limits and defaults applied to every tool call. */
export interface CallLimits {
  /** Abort a call that has not answered after this many milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** Largest request body sent to the app, in bytes. Default 1 MiB. */
  maxRequestBytes?: number;
  /** Largest response body read from the app, in bytes. Default 10 MiB. */
  maxResponseBytes?: number;
}

/** Defaults for {@link CallLimits}. */
export const DEFAULT_CALL_LIMITS: Required<CallLimits> = {
  timeoutMs: 30_000,
  maxRequestBytes: 1024 * 1024,
  maxResponseBytes: 10 * 1024 * 1024,
};
