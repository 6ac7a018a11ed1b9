/**
 * Credentials backend2mcp injects into dispatched requests (the `headers`
 * option, headers granted by auth providers such as `HeaderInjectionAuthProvider`)
 * are for the app, never for the MCP caller. A route that echoes its request
 * headers (a common debug endpoint) would hand them over, so every injected
 * value is replaced by {@link REDACTED} in what goes back: text, structured
 * content, resource contents.
 */

/** What an injected credential becomes in a result. */
export const REDACTED = '[REDACTED]';

/**
 * Values shorter than this are not redacted: replacing every `1` or `on` in a
 * result would garble it, and such values are no secrets.
 */
const MIN_SECRET_LENGTH = 6;

/** The strings to redact for a set of injected headers: each value, and the credential of `Scheme credential`. */
export function secretsOf(headers: Readonly<Record<string, string>> | undefined): string[] {
  const secrets = new Set<string>();
  for (const value of Object.values(headers ?? {})) {
    if (value.length >= MIN_SECRET_LENGTH) secrets.add(value);
    const credential = value.slice(value.indexOf(' ') + 1);
    if (credential !== value && credential.length >= MIN_SECRET_LENGTH) secrets.add(credential);
  }
  // Longest first, so `Bearer token` is replaced whole before `token` alone.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** `text` with every secret replaced. */
export function redactText(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (redacted.includes(secret)) redacted = redacted.split(secret).join(REDACTED);
  }
  return redacted;
}

/** A deep copy of `value` with every secret in its strings (keys too) replaced; unchanged when none occurs. */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  return walk(value, secrets) as T;
}

function walk(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => walk(item, secrets));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = Object.create(Object.getPrototypeOf(value));
    for (const [key, item] of Object.entries(value)) copy[redactText(key, secrets)] = walk(item, secrets);
    return copy;
  }
  return value;
}
