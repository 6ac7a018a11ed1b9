import type {
  AuthContext,
  AuthGrant,
  AuthProvider,
  AuthRequest,
  WellKnownDocument,
} from './auth-provider.js';

/**
 * One provider made of several: every one must grant the request, in order
 * (the first refusal is the answer). Grants merge in the same order: `scopes`
 * are united, other identity fields and headers of a later provider win over
 * an earlier one's.
 *
 * @example
 * ```ts
 * combineProviders(new OAuthResourceServer({ ... }), new HeaderInjectionAuthProvider({ headers: { 'x-service-key': key } }));
 * ```
 */
export function combineProviders(...providers: AuthProvider[]): AuthProvider {
  const challengeScopes = [...new Set(providers.flatMap((provider) => provider.challengeScopes ?? []))];
  const resourceMetadataUrl = providers.find((provider) => provider.resourceMetadataUrl)?.resourceMetadataUrl;
  return {
    name: providers.map((provider) => provider.name).join('+'),
    ...(resourceMetadataUrl ? { resourceMetadataUrl } : {}),
    ...(challengeScopes.length > 0 ? { challengeScopes } : {}),
    async authenticate(request: AuthRequest): Promise<AuthGrant> {
      const grants: AuthGrant[] = [];
      const names: string[] = [];
      for (const provider of providers) {
        const grant = await provider.authenticate(request);
        grants.push(grant);
        names.push(...(grant.providers ?? [provider.name]));
      }
      return { ...mergeGrants(grants), providers: names };
    },
    wellKnown(): WellKnownDocument[] {
      return providers.flatMap((provider) => provider.wellKnown?.() ?? []);
    },
  };
}

/** Merges grants in order, as {@link combineProviders} documents. */
export function mergeGrants(grants: readonly AuthGrant[]): AuthGrant {
  const identity: Partial<Omit<AuthContext, 'providers'>> = {};
  const scopes = new Set<string>();
  const headers: Record<string, string> = {};
  for (const grant of grants) {
    const { scopes: granted, ...rest } = grant.identity ?? {};
    Object.assign(identity, rest);
    for (const scope of granted ?? []) scopes.add(scope);
    Object.assign(headers, grant.headers);
  }
  return { identity: { ...identity, scopes: [...scopes] }, headers };
}
