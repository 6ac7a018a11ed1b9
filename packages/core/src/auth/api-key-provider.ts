import { Backend2McpError } from '../errors.js';
import { AuthFailure } from './auth-failure.js';
import type { AuthGrant, AuthProvider, AuthRequest } from './auth-provider.js';
import { findSecret } from './constant-time.js';
import { type CredentialList, credentialEntries } from './secret-list.js';

/** Options for {@link ApiKeyAuthProvider}. */
export interface ApiKeyAuthOptions {
  /** Header that carries the key. Default `x-api-key` when `queryParam` is not set either. */
  header?: string;
  /** Query parameter of the MCP endpoint URL that carries the key (`/mcp?api_key=...`). Read when the header is absent. */
  queryParam?: string;
  /** Accepted keys (constant-time compare), optionally with the identity each stands for. Without it any non-empty key passes. */
  keys?: CredentialList;
}

/**
 * Requires an API key from every MCP caller, in a header or a query parameter.
 *
 * @example
 * ```ts
 * new ApiKeyAuthProvider({ header: 'x-api-key', queryParam: 'api_key', keys: [process.env.MCP_KEY!] });
 * ```
 */
export class ApiKeyAuthProvider implements AuthProvider {
  readonly name = 'api-key';
  private readonly header?: string;
  private readonly queryParam?: string;
  private readonly keys?: ReturnType<typeof credentialEntries>;

  constructor(options: ApiKeyAuthOptions = {}) {
    if (options.header === '' || options.queryParam === '') {
      throw new Backend2McpError(
        'INVALID_OPTIONS',
        'ApiKeyAuthProvider: header and queryParam must not be empty.',
      );
    }
    const header = options.header ?? (options.queryParam === undefined ? 'x-api-key' : undefined);
    if (header) this.header = header.toLowerCase();
    if (options.queryParam) this.queryParam = options.queryParam;
    if (options.keys) this.keys = credentialEntries(options.keys, 'ApiKeyAuthProvider');
  }

  authenticate({ headers, url }: AuthRequest): AuthGrant {
    const key =
      (this.header ? headers.get(this.header)?.trim() : undefined) ||
      (this.queryParam ? url.searchParams.get(this.queryParam)?.trim() : undefined);
    if (!key)
      throw AuthFailure.unauthorized(`Send an API key in ${this.where()}.`, 'ApiKey', this.challenge());
    if (!this.keys) return { identity: { token: key } };
    const identity = findSecret(key, this.keys);
    if (!identity) {
      throw AuthFailure.unauthorized(
        'The API key is not accepted by this server.',
        'ApiKey',
        this.challenge(),
      );
    }
    return { identity: { ...identity, token: key } };
  }

  private where(): string {
    const places = [
      ...(this.header ? [`the ${this.header} header`] : []),
      ...(this.queryParam ? [`the ${this.queryParam} query parameter`] : []),
    ];
    return places.join(' or ');
  }

  private challenge() {
    return {
      parameters: {
        ...(this.header ? { header: this.header } : {}),
        ...(this.queryParam ? { query: this.queryParam } : {}),
      },
    };
  }
}
