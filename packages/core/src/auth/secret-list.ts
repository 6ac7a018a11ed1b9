import { Backend2McpError } from '../errors.js';
import type { AuthContext } from './auth-provider.js';

/** Who a token or key stands for, when configured as a map. */
export interface CredentialIdentity {
  /** Becomes `AuthContext.subject`. */
  subject?: string;
  /** Becomes `AuthContext.scopes`. */
  scopes?: string[];
}

/**
 * Accepted credentials: a list, or a map from credential to the identity it
 * stands for. A list entry's subject is unset (the app sees `token`).
 */
export type CredentialList = readonly string[] | Readonly<Record<string, CredentialIdentity>>;

/** The list as `[secret, identity]` pairs, checked for empty and CR/LF-bearing secrets. */
export function credentialEntries(
  list: CredentialList,
  provider: string,
): Array<readonly [string, Partial<AuthContext>]> {
  const entries: Array<readonly [string, Partial<AuthContext>]> = Array.isArray(list)
    ? (list as readonly string[]).map((secret) => [secret, {}] as const)
    : Object.entries(list as Record<string, CredentialIdentity>).map(
        ([secret, identity]) =>
          [
            secret,
            {
              ...(identity.subject === undefined ? {} : { subject: identity.subject }),
              ...(identity.scopes ? { scopes: [...identity.scopes] } : {}),
            },
          ] as const,
      );
  for (const [secret] of entries) {
    if (typeof secret !== 'string' || secret.length === 0 || /[\r\n\0]/.test(secret)) {
      throw new Backend2McpError(
        'INVALID_OPTIONS',
        `${provider}: every accepted credential must be a non-empty string without CR, LF or NUL.`,
      );
    }
  }
  return entries;
}
