import { Backend2McpError } from '../errors.js';
import type { AuthGrant, AuthProvider } from './auth-provider.js';

/** Options for {@link HeaderInjectionAuthProvider}. */
export interface HeaderInjectionOptions {
  /** Headers added to every request dispatched to the app, e.g. a service credential. */
  headers: Readonly<Record<string, string>>;
}

/**
 * Adds static headers to every dispatched request, for a backend that expects
 * a service credential. It checks nothing about the caller; combine it with a
 * provider that does. Injected headers win over anything a caller sends.
 *
 * @example
 * ```ts
 * new HeaderInjectionAuthProvider({ headers: { authorization: `Bearer ${process.env.BACKEND_TOKEN}` } });
 * ```
 */
export class HeaderInjectionAuthProvider implements AuthProvider {
  readonly name = 'header-injection';
  private readonly grant: AuthGrant;

  constructor(options: HeaderInjectionOptions) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (!/^[!#$%&'*+.^`|~\w-]+$/.test(name) || typeof value !== 'string' || /[\r\n\0]/.test(value)) {
        throw new Backend2McpError(
          'INVALID_OPTIONS',
          `HeaderInjectionAuthProvider: header "${name}" needs a token name and a string value without CR, LF or NUL.`,
        );
      }
      headers[name.toLowerCase()] = value;
    }
    this.grant = { headers };
  }

  authenticate(): AuthGrant {
    return this.grant;
  }
}
