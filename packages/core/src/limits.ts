import { Backend2McpError } from './errors.js';

/** Limits and defaults applied to every tool call. */
export interface CallLimits {
  /** Abort a call that has not answered after this many milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** Largest request body sent to the app, in bytes. Default 1 MiB. */
  maxRequestBytes?: number;
  /** Largest response body read from the app, in bytes. Default 10 MiB. */
  maxResponseBytes?: number;
  /**
   * Longest URL (path and query string, UTF-8 bytes once percent-encoded) of a
   * request sent to the app. A call whose arguments make a longer URL is
   * answered `isError` before dispatch. Default 8 KiB, what common servers and
   * proxies accept.
   */
  maxUrlBytes?: number;
  /**
   * Largest header section of a request sent to the app: every header's name
   * and value plus 4 bytes each (`": "` and CRLF), cookies and injected
   * headers included. A larger one is answered `isError` before dispatch.
   * Default 16 KiB, Node's own `maxHeaderSize`.
   */
  maxHeaderBytes?: number;
}

/** Limits of the MCP Streamable HTTP endpoint itself. */
export interface MessageLimits {
  /**
   * Largest MCP message (HTTP request body) the endpoint accepts, in bytes. A
   * larger one is answered `413` with a JSON-RPC error (-32000) before it is
   * parsed. Default 4 MiB.
   */
  maxMessageBytes?: number;
}

/** Defaults for {@link CallLimits}. */
export const DEFAULT_CALL_LIMITS: Required<CallLimits> = {
  timeoutMs: 30_000,
  maxRequestBytes: 1024 * 1024,
  maxResponseBytes: 10 * 1024 * 1024,
  maxUrlBytes: 8 * 1024,
  maxHeaderBytes: 16 * 1024,
};

/** Default for {@link MessageLimits.maxMessageBytes}: 4 MiB, the MCP SDK's own default. */
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** The largest delay a timer accepts (about 24.8 days); longer timeouts would fire at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * The call limits with their defaults filled in. Throws `INVALID_OPTIONS` for a
 * limit that is not a positive number (a timeout of 0 or `"30s"` would otherwise
 * abort every call, or none), naming the option.
 */
export function resolveCallLimits(options: CallLimits): Required<CallLimits> {
  return {
    timeoutMs: checkedLimit('timeoutMs', options.timeoutMs, DEFAULT_CALL_LIMITS.timeoutMs, MAX_TIMEOUT_MS),
    maxRequestBytes: checkedLimit(
      'maxRequestBytes',
      options.maxRequestBytes,
      DEFAULT_CALL_LIMITS.maxRequestBytes,
    ),
    maxResponseBytes: checkedLimit(
      'maxResponseBytes',
      options.maxResponseBytes,
      DEFAULT_CALL_LIMITS.maxResponseBytes,
    ),
    maxUrlBytes: checkedLimit('maxUrlBytes', options.maxUrlBytes, DEFAULT_CALL_LIMITS.maxUrlBytes),
    maxHeaderBytes: checkedLimit(
      'maxHeaderBytes',
      options.maxHeaderBytes,
      DEFAULT_CALL_LIMITS.maxHeaderBytes,
    ),
  };
}

/** `maxMessageBytes` with its default filled in; `INVALID_OPTIONS` unless it is a positive number. */
export function resolveMaxMessageBytes(options: MessageLimits): number {
  return checkedLimit('maxMessageBytes', options.maxMessageBytes, DEFAULT_MAX_MESSAGE_BYTES);
}

function checkedLimit(
  name: string,
  value: number | undefined,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new Backend2McpError(
      'INVALID_OPTIONS',
      `Option ${name} must be a positive number no larger than ${max}; got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}.`,
    );
  }
  return value;
}
