import { parseSetCookie } from 'set-cookie-parser';
import type { HttpRequest, HttpResponse } from './http.js';

interface StoredCookie {
  value: string;
  path: string;
  /** Epoch milliseconds after which the cookie is gone; undefined for a session cookie. */
  expiresAt?: number;
}

/**
 * The cookies one MCP connection has received from the app, sent back on its
 * later calls, so an API with a session login (`POST /login` -> `Set-Cookie`)
 * works within one connection. One jar per connection: never shared between
 * callers. Every request goes to the same app in process, so the browser rules
 * about domains and `Secure` do not apply; names, paths and expiry do.
 */
export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Adds the `cookie` header for `request` (its path decides which cookies go). */
  addTo(request: HttpRequest): void {
    const path = pathOf(request.url);
    const pairs: string[] = [];
    for (const [key, cookie] of this.cookies) {
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= this.now()) {
        this.cookies.delete(key);
        continue;
      }
      if (pathMatches(path, cookie.path)) pairs.push(`${key.slice(key.indexOf(' ') + 1)}=${cookie.value}`);
    }
    if (pairs.length === 0) return;
    // A cookie header the caller set (forwarded or configured) goes first: it is theirs.
    const own = request.headers.cookie;
    request.headers.cookie = own ? `${own}; ${pairs.join('; ')}` : pairs.join('; ');
  }

  /** Stores the `Set-Cookie` headers of `response` to the request that got it. */
  storeFrom(request: HttpRequest, response: HttpResponse): void {
    const header = response.headers['set-cookie'];
    if (!header) return;
    // The dispatch joins repeated headers with ", "; the parser splits them again, minding dates in Expires.
    for (const cookie of parseSetCookie(header, { decodeValues: false, split: true })) {
      const path = cookie.path?.startsWith('/') ? cookie.path : defaultPath(pathOf(request.url));
      const key = `${path} ${cookie.name}`;
      const expiresAt =
        cookie.maxAge !== undefined
          ? this.now() + cookie.maxAge * 1000
          : cookie.expires
            ? cookie.expires.getTime()
            : undefined;
      if (expiresAt !== undefined && expiresAt <= this.now()) this.cookies.delete(key);
      else
        this.cookies.set(key, {
          value: cookie.value,
          path,
          ...(expiresAt !== undefined ? { expiresAt } : {}),
        });
    }
  }
}

function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** RFC 6265 5.1.4: the directory of the request path. */
function defaultPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** RFC 6265 5.1.4 path-match. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/**
 * The jars of a server, one per connection, found by the connection's caller
 * object (a stdio or in-process connection keeps one caller for its lifetime;
 * each stateless HTTP request has its own). Weakly held: a closed connection's
 * jar goes with it.
 */
export class CookieJars {
  private readonly jars = new WeakMap<object, CookieJar>();

  jarFor(connection: object): CookieJar {
    let jar = this.jars.get(connection);
    if (!jar) {
      jar = new CookieJar();
      this.jars.set(connection, jar);
    }
    return jar;
  }
}
