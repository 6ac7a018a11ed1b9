import { AuthFailure } from './auth-failure.js';
import type { AuthGrant, AuthProvider, AuthRequest } from './auth-provider.js';
import { findSecret } from './constant-time.js';
import { type CredentialList, credentialEntries } from './secret-list.js';

/** Options for {@link BearerAuthProvider}. */
export interface BearerAuthOptions {
  /** Header that carries the token. Default `authorization`. */
  header?: string;
  /** Text before the token in that header, matched case-insensitively. Default `Bearer `; `''` for a bare token. */
  prefix?: string;
  /**
   * Accepted tokens (compared in constant time), optionally with the identity
   * each stands for. Without it any non-empty token is accepted and handed to
   * the app as `AuthContext.token`, for backends that validate tokens themselves.
   */
  tokens?: CredentialList;
}

/**
 * Requires a bearer token from every MCP caller.
 *
 * @example
 * ```ts
 * new McpAdapter(app, {
 *   auth: new BearerAuthProvider({ tokens: { [process.env.AGENT_TOKEN!]: { subject: 'agent', scopes: ['read'] } } }),
 * });
 * ```
 */
export class BearerAuthProvider implements AuthProvider {
  readonly name = 'bearer';
  private readonly header: string;
  private readonly prefix: string;
  private readonly tokens?: ReturnType<typeof credentialEntries>;

  constructor(options: BearerAuthOptions = {}) {
    this.header = (options.header ?? 'authorization').toLowerCase();
    this.prefix = options.prefix ?? 'Bearer ';
    if (options.tokens) this.tokens = credentialEntries(options.tokens, 'BearerAuthProvider');
  }

  authenticate({ headers }: AuthRequest): AuthGrant {
    const value = headers.get(this.header)?.trim();
    const hasPrefix = value?.toLowerCase().startsWith(this.prefix.toLowerCase()) ?? false;
    const token = hasPrefix ? value?.slice(this.prefix.length).trim() : undefined;
    if (!token) {
      throw AuthFailure.unauthorized(
        `Send a bearer token in the ${this.header} header (${this.prefix}<token>).`,
        'Bearer',
      );
    }
    if (!this.tokens) return { identity: { token } };
    const identity = findSecret(token, this.tokens);
    if (!identity) {
      throw AuthFailure.unauthorized('The bearer token is not accepted by this server.', 'Bearer', {
        oauthError: 'invalid_token',
      });
    }
    return { identity: { ...identity, token } };
  }
}
