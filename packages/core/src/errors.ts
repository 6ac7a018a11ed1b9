/**
 * Stable error codes. A code never changes meaning once released; messages may improve.
 */
export type Backend2McpErrorCode =
  | 'INVALID_ROUTE'
  | 'DUPLICATE_TOOL_NAME'
  | 'INVALID_TOOL_NAME'
  | 'INVALID_ARGUMENT'
  | 'INVALID_HEADER_VALUE'
  | 'REQUEST_TOO_LARGE'
  | 'RESPONSE_TOO_LARGE'
  | 'DISPATCH_ABORTED'
  | 'DISPATCH_FAILED'
  | 'INVALID_OPTIONS'
  | 'UNSUPPORTED_APP'
  | 'LISTEN_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'UNSUPPORTED_CONTEXT'
  | 'ROUTE_BOUNDARY'
  | 'INVALID_DOCUMENT';

/**
 * The one error type backend2mcp throws. `code` is stable and safe to branch on;
 * `message` says what went wrong and what to do about it.
 *
 * @example
 * ```ts
 * try { adapter.listen({ port: 3000 }) } catch (e) {
 *   if (e instanceof Backend2McpError && e.code === 'INVALID_OPTIONS') console.error(e.message)
 * }
 * ```
 */
export class Backend2McpError extends Error {
  /** Stable machine-readable code. */
  readonly code: Backend2McpErrorCode;

  constructor(code: Backend2McpErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'Backend2McpError';
    this.code = code;
  }
}

/** True when `error` is a {@link Backend2McpError}, optionally with the given code. */
export function isBackend2McpError(error: unknown, code?: Backend2McpErrorCode): error is Backend2McpError {
  return error instanceof Backend2McpError && (code === undefined || error.code === code);
}
