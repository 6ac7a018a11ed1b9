import type { AuthInfo } from '@modelcontextprotocol/server';
import type { AuthContext, AuthGrant, AuthProvider, AuthRequest } from './auth-provider.js';
import { pickForwardedHeaders } from './forward-headers.js';

/** What backend2mcp knows about the caller of one HTTP request or one stdio connection. */
export interface Caller {
  /** Set when auth providers are configured and granted the request. */
  auth?: AuthContext;
  /** Headers granted by providers: they win over everything else on the dispatched request. */
  grantedHeaders: Readonly<Record<string, string>>;
  /** The caller's own headers that the `forwardHeaders` allow-list lets through: they lose to everything else. */
  forwardedHeaders: Readonly<Record<string, string>>;
}

/** Where a caller is kept in the SDK's pass-through `AuthInfo`, so it reaches the per-request server. */
const CALLER_KEY = 'backend2mcp.caller';

/**
 * Runs the providers (if any) on one request and collects the allow-listed
 * headers. Throws the provider's `AuthFailure` on refusal.
 */
export async function identifyCaller(
  provider: AuthProvider | undefined,
  request: AuthRequest,
  forwardList: readonly string[],
): Promise<Caller> {
  const forwardedHeaders = pickForwardedHeaders(request.headers, forwardList);
  if (!provider) return { grantedHeaders: {}, forwardedHeaders };
  const grant: AuthGrant = await provider.authenticate(request);
  const { scopes, ...identity } = grant.identity ?? {};
  return {
    auth: { ...identity, scopes: [...(scopes ?? [])], providers: [...(grant.providers ?? [provider.name])] },
    grantedHeaders: { ...grant.headers },
    forwardedHeaders,
  };
}

/** Packs a caller into the SDK's `AuthInfo`, the one value its HTTP handler hands to the server factory. */
export function toAuthInfo(caller: Caller): AuthInfo {
  return {
    token: caller.auth?.token ?? '',
    clientId: caller.auth?.clientId ?? caller.auth?.subject ?? '',
    scopes: [...(caller.auth?.scopes ?? [])],
    ...(caller.auth?.expiresAt === undefined ? {} : { expiresAt: caller.auth.expiresAt }),
    extra: { [CALLER_KEY]: caller },
  };
}

/** The caller packed by {@link toAuthInfo}, or undefined. */
export function fromAuthInfo(authInfo: AuthInfo | undefined): Caller | undefined {
  return authInfo?.extra?.[CALLER_KEY] as Caller | undefined;
}
