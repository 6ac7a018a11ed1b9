import { Backend2McpError } from '../errors.js';

/** The HTTP status an auth failure answers with. */
export type AuthFailureStatus = 401 | 403;

/** Options for {@link AuthFailure}. */
export interface AuthFailureOptions {
  /** 401: no or bad credentials; 403: valid credentials that lack a scope. */
  status: AuthFailureStatus;
  /** Authentication scheme of the challenge, e.g. `Bearer`. */
  scheme: string;
  /** OAuth error code for the challenge (`invalid_token`, `insufficient_scope`), when one applies. */
  oauthError?: string;
  /** Extra challenge parameters (`resource_metadata`, `scope`, ...). */
  parameters?: Record<string, string>;
  cause?: unknown;
}

/**
 * Thrown by an {@link AuthProvider} to refuse a caller. The server answers
 * with `status`, a `WWW-Authenticate` challenge and a JSON body
 * `{ error, error_description }`; the message is what the caller reads, so it
 * says what to send instead (never echoing the credential).
 */
export class AuthFailure extends Backend2McpError {
  readonly status: AuthFailureStatus;
  readonly scheme: string;
  readonly oauthError?: string;
  readonly parameters: Readonly<Record<string, string>>;

  constructor(message: string, options: AuthFailureOptions) {
    super(options.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', message, { cause: options.cause });
    this.name = 'AuthFailure';
    this.status = options.status;
    this.scheme = options.scheme;
    if (options.oauthError) this.oauthError = options.oauthError;
    this.parameters = options.parameters ?? {};
  }

  /** A 401 for missing or invalid credentials. */
  static unauthorized(
    message: string,
    scheme: string,
    options: Omit<AuthFailureOptions, 'status' | 'scheme'> = {},
  ) {
    return new AuthFailure(message, { status: 401, scheme, ...options });
  }

  /** The `WWW-Authenticate` header value, e.g. `Bearer error="invalid_token", resource_metadata="..."`. */
  get challenge(): string {
    const parameters: Array<[string, string]> = [];
    if (this.oauthError) {
      parameters.push(['error', this.oauthError], ['error_description', this.message]);
    }
    parameters.push(...Object.entries(this.parameters));
    const rendered = parameters.map(([name, value]) => `${name}="${quote(value)}"`).join(', ');
    return rendered ? `${this.scheme} ${rendered}` : this.scheme;
  }

  /** The HTTP answer: status, challenge and an OAuth-style JSON error body. */
  toResponse(): Response {
    return new Response(
      JSON.stringify({
        error: this.oauthError ?? (this.status === 401 ? 'unauthorized' : 'forbidden'),
        error_description: this.message,
      }),
      {
        status: this.status,
        headers: { 'content-type': 'application/json', 'www-authenticate': this.challenge },
      },
    );
  }
}

/** True for an {@link AuthFailure}. */
export function isAuthFailure(error: unknown): error is AuthFailure {
  return error instanceof AuthFailure;
}

/** RFC 7235 quoted-string: backslash-escape `"` and `\`; CR/LF never belong in a header. */
function quote(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/["\\]/g, '\\$&');
}
