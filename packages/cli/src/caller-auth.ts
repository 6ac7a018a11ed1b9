import { timingSafeEqual } from 'node:crypto';

/** Credentials an HTTP caller must present (`--bearer-token`, `--api-key`). */
export interface CallerCredentials {
  bearerTokens?: string[];
  apiKeys?: string[];
}

/**
 * A check for the HTTP endpoint: the caller must send one of the bearer tokens
 * (`Authorization: Bearer <token>`) or one of the API keys (`X-API-Key` header or
 * `api_key` query parameter). Compared in constant time, so timing does not
 * reveal how much of a guess was right. 401 with a `WWW-Authenticate` challenge otherwise.
 */
export function callerAuthentication(
  credentials: CallerCredentials,
): ((request: Request) => Response | undefined) | undefined {
  const tokens = credentials.bearerTokens ?? [];
  const keys = credentials.apiKeys ?? [];
  if (tokens.length === 0 && keys.length === 0) return undefined;
  return (request) => {
    const authorization = request.headers.get('authorization') ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
    const apiKey = request.headers.get('x-api-key') ?? new URL(request.url).searchParams.get('api_key');
    if (bearer !== undefined && tokens.some((token) => safeEqual(token, bearer))) return undefined;
    if (apiKey !== null && keys.some((key) => safeEqual(key, apiKey))) return undefined;
    return new Response(
      JSON.stringify({ error: 'unauthorized', error_description: 'A valid credential is required.' }),
      {
        status: 401,
        headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="backend2mcp"' },
      },
    );
  };
}

function safeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  // Compare against itself when lengths differ, so the time spent does not depend on the guess.
  return timingSafeEqual(a, a.length === b.length ? b : a) && a.length === b.length;
}
