import { ProtocolError, ProtocolErrorCode, type ServerContext } from '@modelcontextprotocol/server';
import { type Caller, fromAuthInfo } from '../auth/caller.js';

/**
 * The context the backend server is asked to build the fast path's servers
 * with: their handlers take the caller from each request, not from the server.
 */
export const FAST_PATH_CONTEXT = Object.freeze({
  era: 'legacy' as const,
  requestInfo: new Request('http://fast-path.invalid/'),
});

/**
 * The caller of one request on a fast-path server: the one `fetch()`
 * identified and packed into the request's `authInfo`; without auth or
 * forwarded headers (`strict` false) nobody was identified and `local`
 * (no credentials) stands in, as on the SDK's per-request path.
 */
export function fastPathCaller(
  local: () => Promise<Caller>,
  strict: boolean,
): (ctx?: ServerContext) => Promise<Caller> {
  return (ctx) => {
    const caller = fromAuthInfo(ctx?.http?.authInfo);
    if (caller) return Promise.resolve(caller);
    if (strict) {
      return Promise.reject(
        new ProtocolError(ProtocolErrorCode.InvalidRequest, 'Unauthenticated HTTP request.'),
      );
    }
    return local();
  };
}
