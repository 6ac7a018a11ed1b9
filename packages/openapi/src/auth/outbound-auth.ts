import { Backend2McpError } from '@backend2mcp/core';
import { isObject, type JsonObject, type SecurityRequirement } from '../document/types.js';
import { checkHeaderValue } from '../request/serialize-parameter.js';

/** OAuth 2.0 client credentials for a document's `oauth2` scheme (token fetched and refreshed by backend2mcp). */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** Scopes to ask for. Default: none (the server's default). */
  scopes?: string[];
  /** Token endpoint; default the scheme's `flows.clientCredentials.tokenUrl`. */
  tokenUrl?: string;
}

/**
 * The credential for one security scheme of the document, by its kind:
 * a string for `apiKey` (the key), `http` bearer and `oauth2`/`openIdConnect`
 * (a token); `{ username, password }` (or `"user:password"`) for `http` basic; {@link ClientCredentials}
 * for `oauth2` with the client credentials flow.
 */
export type SchemeCredential = string | { username: string; password: string } | ClientCredentials;

/** The pieces of a request the credentials go into. */
export interface CredentialTarget {
  headers: Record<string, string>;
  /** Query pairs to append, already encoded. */
  query: string[];
  cookies: string[];
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** Seconds before expiry at which a cached client-credentials token is renewed. */
const RENEW_EARLY_MS = 30_000;

/**
 * Applies configured credentials to upstream requests, per the security
 * requirements of each operation (OpenAPI `security`): the first alternative
 * whose schemes all have a credential wins. Credentials come only from
 * configuration; they never come from, nor appear in, tool arguments.
 */
export class OutboundAuth {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly schemes: Record<string, JsonObject>,
    private readonly credentials: Readonly<Record<string, SchemeCredential>>,
    private readonly baseUrl: URL,
  ) {
    for (const name of Object.keys(credentials)) {
      if (!isObject(schemes[name])) {
        throw new Backend2McpError(
          'INVALID_OPTIONS',
          `credentials names the security scheme "${name}", which the document does not define (it defines: ${Object.keys(schemes).join(', ') || 'none'}).`,
        );
      }
    }
  }

  /** True when some requirement of `security` can be met, so {@link apply} has work to do. */
  get configured(): boolean {
    return Object.keys(this.credentials).length > 0;
  }

  /** Writes the credentials of the first satisfiable requirement into `target`; returns the schemes used. */
  async apply(security: readonly SecurityRequirement[], target: CredentialTarget): Promise<string[]> {
    const chosen = security.find(
      (requirement) =>
        Object.keys(requirement).length > 0 &&
        Object.keys(requirement).every((name) => this.credentials[name] !== undefined),
    );
    if (!chosen) return [];
    const used: string[] = [];
    for (const [name, scopes] of Object.entries(chosen)) {
      await this.applyScheme(name, scopes, target);
      used.push(name);
    }
    return used;
  }

  /** Forgets cached tokens of these schemes (the backend answered 401): the next {@link apply} fetches new ones. */
  invalidate(schemes: readonly string[]): boolean {
    let any = false;
    for (const name of schemes) any = this.tokens.delete(name) || any;
    return any;
  }

  private async applyScheme(name: string, scopes: string[], target: CredentialTarget): Promise<void> {
    const scheme = this.schemes[name]!;
    const credential = this.credentials[name]!;
    if (scheme.type === 'apiKey' && typeof credential === 'string') {
      const key = String(scheme.name);
      if (scheme.in === 'query')
        target.query.push(`${encodeURIComponent(key)}=${encodeURIComponent(credential)}`);
      else if (scheme.in === 'cookie')
        target.cookies.push(`${encodeURIComponent(key)}=${encodeURIComponent(credential)}`);
      else target.headers[key.toLowerCase()] = checkHeaderValue(key, credential);
      return;
    }
    if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') {
      if (typeof credential !== 'object' || !('username' in credential))
        throw wrongKind(name, '{ username, password }');
      const encoded = Buffer.from(`${credential.username}:${credential.password}`).toString('base64');
      target.headers.authorization = `Basic ${encoded}`;
      return;
    }
    if (typeof credential === 'string') {
      target.headers.authorization = checkHeaderValue('authorization', `Bearer ${credential}`);
      return;
    }
    if (scheme.type === 'oauth2' && 'clientId' in credential) {
      const token = await this.clientCredentialsToken(name, scheme, credential, scopes);
      target.headers.authorization = checkHeaderValue('authorization', `Bearer ${token.value}`);
      return;
    }
    throw wrongKind(name, 'a string (key or token)');
  }

  private async clientCredentialsToken(
    name: string,
    scheme: JsonObject,
    credential: ClientCredentials,
    scopes: string[],
  ): Promise<CachedToken> {
    const cached = this.tokens.get(name);
    if (cached && cached.expiresAt - RENEW_EARLY_MS > Date.now()) return cached;
    let pending = this.pending.get(name);
    if (!pending) {
      pending = this.fetchToken(name, scheme, credential, scopes).finally(() => this.pending.delete(name));
      this.pending.set(name, pending);
    }
    const token = await pending;
    this.tokens.set(name, token);
    return token;
  }

  private async fetchToken(
    name: string,
    scheme: JsonObject,
    credential: ClientCredentials,
    scopes: string[],
  ): Promise<CachedToken> {
    const flows = isObject(scheme.flows) ? scheme.flows : {};
    const flow = isObject(flows.clientCredentials) ? flows.clientCredentials : {};
    const declared = credential.tokenUrl ?? (typeof flow.tokenUrl === 'string' ? flow.tokenUrl : undefined);
    if (!declared)
      throw new Backend2McpError(
        'INVALID_OPTIONS',
        `The oauth2 scheme "${name}" has no tokenUrl; give one in its credentials.`,
      );
    const tokenUrl = new URL(declared, this.baseUrl);
    if (tokenUrl.protocol !== 'https:' && tokenUrl.protocol !== 'http:') {
      throw new Backend2McpError('INVALID_OPTIONS', `The token URL of "${name}" must be http(s).`);
    }
    const wanted = credential.scopes ?? scopes;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (wanted.length > 0) form.set('scope', wanted.join(' '));
    const basic = Buffer.from(
      `${encodeURIComponent(credential.clientId)}:${encodeURIComponent(credential.clientSecret)}`,
    ).toString('base64');
    let response: Response;
    try {
      response = await fetch(tokenUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        redirect: 'error',
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new Backend2McpError(
        'UNAUTHORIZED',
        `The token endpoint of "${name}" did not answer: ${(error as Error).message}.`,
      );
    }
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
    };
    if (!response.ok || typeof body.access_token !== 'string') {
      // The endpoint's answer is not echoed: it could carry the secret back in an error description.
      throw new Backend2McpError(
        'UNAUTHORIZED',
        `The token endpoint of "${name}" refused the client credentials (status ${response.status}).`,
      );
    }
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 3_600_000;
    return { value: body.access_token, expiresAt: Date.now() + lifetime };
  }
}

function wrongKind(name: string, expected: string): Backend2McpError {
  return new Backend2McpError(
    'INVALID_OPTIONS',
    `The credential for the security scheme "${name}" must be ${expected}.`,
  );
}
