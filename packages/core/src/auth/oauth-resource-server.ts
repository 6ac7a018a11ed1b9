import { getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/server';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { Backend2McpError } from '../errors.js';
import { AuthFailure } from './auth-failure.js';
import type { AuthGrant, AuthProvider, AuthRequest, WellKnownDocument } from './auth-provider.js';

/** Options for {@link OAuthResourceServer}. */
export interface OAuthResourceServerOptions {
  /**
   * The public URL of this MCP endpoint, e.g. `https://api.example.com/mcp`: its
   * RFC 8707 resource identifier. Tokens must name it in `aud` (unless
   * `audience` says otherwise); the metadata document is served for it.
   */
  resource: string | URL;
  /** Issuer URLs of the authorization servers that issue tokens for this resource (RFC 9728 `authorization_servers`). */
  authorizationServers: readonly string[];
  /**
   * Where the signing keys come from: a JWKS URL (fetched and cached by `jose`),
   * a JWKS object, or any `jose` key resolver.
   */
  jwks: string | URL | JSONWebKeySet | JWTVerifyGetKey;
  /** Accepted `iss` values. Default: `authorizationServers`. */
  issuer?: string | readonly string[];
  /** Accepted `aud` values. Default: `resource`. */
  audience?: string | readonly string[];
  /** Scopes every request needs (403 `insufficient_scope` otherwise). Per-tool scopes come from route metadata. */
  requiredScopes?: readonly string[];
  /** Scopes advertised in the metadata (`scopes_supported`) and in 401 challenges. */
  scopesSupported?: readonly string[];
  /** Human-readable name in the metadata (`resource_name`). */
  resourceName?: string;
  /** Accepted signature algorithms. Default: asymmetric ones only (`RS*`, `PS*`, `ES*`, `EdDSA`). */
  algorithms?: readonly string[];
  /** Leeway for `exp`/`nbf`, in seconds. Default 5. */
  clockToleranceSeconds?: number;
  /**
   * Accept only JWTs typed as OAuth access tokens (`typ: at+jwt`, RFC 9068), so
   * an ID token or another JWT from the same issuer and audience is refused.
   * Default false: many authorization servers do not set it.
   */
  requireAccessTokenType?: boolean;
}

const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/**
 * An OAuth 2.1 resource server per the MCP authorization spec: validates JWT
 * access tokens against the authorization server's JWKS (signature, issuer,
 * audience/resource per RFC 8707, expiry, required scopes), publishes
 * Protected Resource Metadata (RFC 9728) and answers failures with the
 * challenges MCP clients follow: 401 `Bearer resource_metadata="...", scope="..."`,
 * 403 `insufficient_scope`.
 *
 * @example
 * ```ts
 * new McpAdapter(app, {
 *   auth: new OAuthResourceServer({
 *     resource: 'https://api.example.com/mcp',
 *     authorizationServers: ['https://auth.example.com'],
 *     jwks: 'https://auth.example.com/.well-known/jwks.json',
 *     scopesSupported: ['orders:read', 'orders:write'],
 *   }),
 * }).mount('/mcp');
 * ```
 */
export class OAuthResourceServer implements AuthProvider {
  readonly name = 'oauth';
  readonly challengeScopes: readonly string[];
  /** The URL of the Protected Resource Metadata document, as advertised in challenges. */
  readonly resourceMetadataUrl: string;
  private readonly resource: URL;
  private readonly keys: JWTVerifyGetKey;
  private readonly options: OAuthResourceServerOptions;

  constructor(options: OAuthResourceServerOptions) {
    this.options = options;
    this.resource = parseUrl(options.resource, 'resource');
    if (this.resource.hash) this.resource.hash = '';
    if (!options.authorizationServers?.length) {
      throw new Backend2McpError(
        'INVALID_OPTIONS',
        'OAuthResourceServer: authorizationServers must name at least one issuer URL.',
      );
    }
    for (const server of options.authorizationServers) parseUrl(server, 'authorizationServers');
    this.keys = keyResolver(options.jwks);
    this.resourceMetadataUrl = getOAuthProtectedResourceMetadataUrl(this.resource);
    this.challengeScopes = options.scopesSupported ?? options.requiredScopes ?? [];
  }

  async authenticate({ headers }: AuthRequest): Promise<AuthGrant> {
    const authorization = headers.get('authorization')?.trim() ?? '';
    const token = /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '').trim() : '';
    if (!token)
      throw this.failure(401, 'This server requires an OAuth access token (Authorization: Bearer <token>).');

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: toArray(this.options.issuer ?? this.options.authorizationServers),
        audience: toArray(this.options.audience ?? this.resource.href),
        algorithms: [...(this.options.algorithms ?? ASYMMETRIC_ALGORITHMS)],
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
        requiredClaims: ['exp'],
        ...(this.options.requireAccessTokenType ? { typ: 'at+jwt' } : {}),
      }));
    } catch (error) {
      throw this.failure(401, describeJoseError(error), 'invalid_token', error);
    }

    const scopes = scopesOf(payload);
    const missing = (this.options.requiredScopes ?? []).filter((scope) => !scopes.includes(scope));
    if (missing.length > 0) {
      throw this.failure(
        403,
        `The access token lacks the scope(s) ${missing.join(', ')}.`,
        'insufficient_scope',
        undefined,
        [...(this.options.requiredScopes ?? [])],
      );
    }
    const clientId = stringClaim(payload.client_id) ?? stringClaim(payload.azp);
    return {
      identity: {
        ...(payload.sub ? { subject: payload.sub } : {}),
        ...(clientId ? { clientId } : {}),
        scopes,
        token,
        ...(payload.exp === undefined ? {} : { expiresAt: payload.exp }),
        claims: payload,
      },
    };
  }

  wellKnown(): WellKnownDocument[] {
    const body = {
      resource: this.resource.href,
      authorization_servers: [...this.options.authorizationServers],
      bearer_methods_supported: ['header'],
      ...(this.options.scopesSupported ? { scopes_supported: [...this.options.scopesSupported] } : {}),
      ...(this.options.resourceName ? { resource_name: this.options.resourceName } : {}),
    };
    const path = new URL(this.resourceMetadataUrl).pathname;
    // RFC 9728 inserts the well-known segment before the resource's path; clients that only
    // know the origin try the bare one, so both answer.
    const bare = '/.well-known/oauth-protected-resource';
    return path === bare
      ? [{ path, body }]
      : [
          { path, body },
          { path: bare, body },
        ];
  }

  private failure(
    status: 401 | 403,
    message: string,
    oauthError?: string,
    cause?: unknown,
    scopes: readonly string[] = this.challengeScopes,
  ): AuthFailure {
    return new AuthFailure(message, {
      status,
      scheme: 'Bearer',
      ...(oauthError ? { oauthError } : {}),
      parameters: {
        resource_metadata: this.resourceMetadataUrl,
        ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}),
      },
      cause,
    });
  }
}

function keyResolver(jwks: OAuthResourceServerOptions['jwks']): JWTVerifyGetKey {
  if (typeof jwks === 'function') return jwks;
  if (typeof jwks === 'string' || jwks instanceof URL) return createRemoteJWKSet(parseUrl(jwks, 'jwks'));
  return createLocalJWKSet(jwks);
}

function parseUrl(value: string | URL, option: string): URL {
  try {
    return new URL(value);
  } catch (error) {
    throw new Backend2McpError(
      'INVALID_OPTIONS',
      `OAuthResourceServer: ${option} must be an absolute URL, got "${String(value)}".`,
      {
        cause: error,
      },
    );
  }
}

function toArray(value: string | readonly string[]): string[] {
  return typeof value === 'string' ? [value] : [...value];
}

/** `scope` (RFC 9068, space-separated) or `scp` (a list, as some servers send). */
function scopesOf(payload: JWTPayload): string[] {
  if (typeof payload.scope === 'string') return payload.scope.split(' ').filter(Boolean);
  if (Array.isArray(payload.scp))
    return payload.scp.filter((scope): scope is string => typeof scope === 'string');
  if (typeof payload.scp === 'string') return payload.scp.split(' ').filter(Boolean);
  return [];
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/** What the caller reads: why the token was refused, never the token itself. */
function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The access token has expired.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'The access token was not issued for this server (audience mismatch).';
    if (error.claim === 'iss') return 'The access token comes from an issuer this server does not trust.';
    if (error.claim === 'nbf') return 'The access token is not valid yet.';
    return `The access token's "${error.claim}" claim is invalid.`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'The access token signature is invalid.';
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return 'The access token was signed with an unknown key.';
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return 'The access token uses a signature algorithm this server does not accept.';
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JOSEError) {
    return error instanceof joseErrors.JWKSTimeout
      ? 'The signing keys could not be fetched in time; try again.'
      : 'The access token is not a valid JWT.';
  }
  return 'The access token could not be validated.';
}
