/**
 * Who is calling the MCP server, as the configured auth providers established
 * it. Route handlers read it in their framework's idiom (`req.mcp.auth`,
 * `request.mcpAuth`, `ctx.state.mcpAuth`, `c.get('mcpAuth')`) or with the
 * adapter's `getAuthContext()`.
 */
export interface AuthContext {
  /** The caller: a JWT's `sub`, or the subject configured for a token or API key. */
  subject?: string;
  /** The OAuth client the token was issued to (`client_id` / `azp`), when known. */
  clientId?: string;
  /** Scopes the caller holds (a JWT's `scope`/`scp`, or those configured for a token or key). */
  scopes: readonly string[];
  /** The providers that authenticated the caller, in the order they ran. */
  providers: readonly string[];
  /** The credential the caller presented (bearer token or API key). Never logged by backend2mcp. */
  token?: string;
  /** When the credential expires, in seconds since the epoch. */
  expiresAt?: number;
  /** The validated claims of a JWT access token. */
  claims?: Readonly<Record<string, unknown>>;
}

/** What a provider sees of one incoming MCP request. */
export interface AuthRequest {
  /** The MCP endpoint URL as requested (its query string holds `?api_key=` style credentials). */
  url: URL;
  /** The request headers. On stdio: the `stdioCredentials` the server was given, usually from the environment. */
  headers: Headers;
  /** `http` for Streamable HTTP; `local` for stdio and in-process transports. */
  transport: 'http' | 'local';
}

/** What a provider grants a caller it accepts. */
export interface AuthGrant {
  /** Facts about the caller, merged into the {@link AuthContext}. */
  identity?: Partial<Omit<AuthContext, 'providers'>>;
  /**
   * Headers added to every request dispatched for this caller. They win over
   * the caller's forwarded headers and over tool arguments.
   */
  headers?: Readonly<Record<string, string>>;
  /** The providers that made this grant; set by {@link combineProviders}, else the provider's own name. */
  providers?: readonly string[];
}

/** A document a provider publishes beside the MCP endpoint (RFC 9728 Protected Resource Metadata). */
export interface WellKnownDocument {
  /** Absolute path, e.g. `/.well-known/oauth-protected-resource/mcp`. */
  path: string;
  /** The JSON body. */
  body: Readonly<Record<string, unknown>>;
}

/**
 * Authenticates MCP callers. A provider either grants the request (optionally
 * adding identity and headers) or throws an {@link AuthFailure}, which becomes
 * the HTTP 401/403 answer. Providers run once per HTTP request and once per
 * stdio connection.
 *
 * @example
 * ```ts
 * const provider: AuthProvider = {
 *   name: 'team-header',
 *   authenticate: ({ headers }) => {
 *     const team = headers.get('x-team');
 *     if (!team) throw AuthFailure.unauthorized('Send an x-team header.', 'Team');
 *     return { identity: { subject: team } };
 *   },
 * };
 * ```
 */
export interface AuthProvider {
  /** Shown in `AuthContext.providers` and in error messages. */
  readonly name: string;
  /** Grants the request or throws an {@link AuthFailure}. */
  authenticate(request: AuthRequest): AuthGrant | Promise<AuthGrant>;
  /**
   * Scopes a client should ask for, advertised in the `scope` parameter of a
   * 401 challenge (MCP authorization spec: scope selection).
   */
  readonly challengeScopes?: readonly string[];
  /** The RFC 9728 metadata URL advertised in challenges, for providers that publish one. */
  readonly resourceMetadataUrl?: string;
  /** Documents to serve beside the MCP endpoint, e.g. Protected Resource Metadata. */
  wellKnown?(): WellKnownDocument[];
}
