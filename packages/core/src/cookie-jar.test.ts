import { describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar.js';
import type { HttpRequest, HttpResponse } from './http.js';

const request = (url: string, headers: Record<string, string> = {}): HttpRequest => ({
  method: 'GET',
  url,
  headers,
});
const setting = (cookies: string): HttpResponse => ({
  status: 200,
  headers: { 'set-cookie': cookies },
  body: new Uint8Array(),
});

describe('CookieJar', () => {
  it('sends back cookies by path, splitting joined Set-Cookie headers whose Expires holds a comma', () => {
    let now = Date.parse('2026-12-02T10:00:00Z');
    const jar = new CookieJar(() => now);
    jar.storeFrom(
      request('/login'),
      setting(
        'sid=abc; Path=/; HttpOnly, pref=1; Expires=Wed, 02 Dec 2026 11:00:00 GMT, admin=yes; Path=/admin',
      ),
    );
    const api = request('/api/users?x=1', { cookie: 'mine=1' });
    jar.addTo(api);
    expect(api.headers.cookie).toBe('mine=1; sid=abc; pref=1');
    const admin = request('/admin/stats');
    jar.addTo(admin);
    expect(admin.headers.cookie).toBe('sid=abc; pref=1; admin=yes');
    const other = request('/administrator');
    jar.addTo(other);
    expect(other.headers.cookie).toBe('sid=abc; pref=1');

    now += 2 * 3_600_000; // pref expired
    jar.storeFrom(request('/logout'), setting('sid=; Path=/; Max-Age=0'));
    const later = request('/');
    jar.addTo(later);
    expect(later.headers.cookie).toBeUndefined();
  });
});
