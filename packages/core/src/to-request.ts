import { Backend2McpError } from './errors.js';
import type { HttpRequest } from './http.js';
import { DEFAULT_CALL_LIMITS } from './limits.js';
import { fillPathTemplate, hasLoneSurrogate } from './path-template.js';
import type { ToolSpec } from './tool-spec.js';

/** Options for {@link toRequest}. */
export interface ToRequestOptions {
  /** Headers added to every request (e.g. by an auth provider). They win over argument headers. */
  headers?: Record<string, string>;
  /** Largest request body, in bytes. Default 1 MiB. */
  maxRequestBytes?: number;
}

/** Sent so that content-negotiating routes (`res.format`) prefer JSON, which maps to structured output. */
const DEFAULT_ACCEPT = 'application/json, text/plain;q=0.9, */*;q=0.8';

const encoder = new TextEncoder();

/**
 * Turns validated tool arguments into the route's HTTP request using the tool's
 * parameter map. Path values are percent-encoded per segment (`../admin` ->
 * `..%2Fadmin`), query arrays repeat their key, object bodies are JSON.
 * Throws `INVALID_HEADER_VALUE` for a header value with CR, LF, NUL or another
 * character HTTP forbids, `INVALID_ARGUMENT` for a path value that is `.`/`..` or
 * a value with a lone surrogate, and `REQUEST_TOO_LARGE` past `maxRequestBytes`.
 */
export function toRequest(
  tool: ToolSpec,
  args: Record<string, unknown>,
  options: ToRequestOptions = {},
): HttpRequest {
  // Null-prototype records: a name like `__proto__` is then stored as data, never as a prototype.
  const pathValues = Object.create(null) as Record<string, string | string[]>;
  const query: Array<[string, string]> = [];
  const headers = Object.create(null) as Record<string, string>;
  headers.accept = DEFAULT_ACCEPT;
  const cookies: string[] = [];
  let bodyFields: Record<string, unknown> | undefined;
  let wholeBody: { value: unknown } | undefined;

  for (const binding of tool.binding.arguments) {
    if (!Object.hasOwn(args, binding.arg)) continue;
    const value = args[binding.arg];
    if (value === undefined) continue;
    switch (binding.location) {
      case 'path':
        pathValues[binding.name] = Array.isArray(value) ? value.map(scalarToString) : scalarToString(value);
        break;
      case 'query':
        if (binding.whole) appendQueryObject(query, value, undefined);
        else appendQueryValue(query, binding.name, value);
        break;
      case 'header':
        headers[binding.name.toLowerCase()] = headerValue(
          refuseReservedHeader(binding.name, tool.name),
          value,
        );
        break;
      case 'cookie':
        cookies.push(
          `${cookieComponent(binding.name)}=${cookieComponent(scalarToString(value), binding.name)}`,
        );
        break;
      case 'body':
        if (binding.whole) wholeBody = { value };
        else {
          bodyFields ??= Object.create(null) as Record<string, unknown>;
          bodyFields[binding.name] = value;
        }
        break;
    }
  }
  // A flattened object body is sent even when no field was given: the route expects an object.
  const hasFieldBody = tool.binding.arguments.some(
    (binding) => binding.location === 'body' && !binding.whole,
  );
  if (hasFieldBody && !bodyFields) bodyFields = Object.create(null) as Record<string, unknown>;

  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    headers[name.toLowerCase()] = headerValue(name, value);
  }

  let body: Uint8Array | undefined;
  const payload = wholeBody ? wholeBody.value : bodyFields;
  if (payload !== undefined) {
    const encoding = tool.binding.bodyEncoding ?? 'json';
    const boundary =
      encoding === 'multipart' ? `----backend2mcp${crypto.randomUUID().replaceAll('-', '')}` : '';
    body = encoder.encode(
      encoding === 'form'
        ? formBody(payload)
        : encoding === 'multipart'
          ? multipartBody(payload, boundary)
          : JSON.stringify(payload),
    );
    const limit = options.maxRequestBytes ?? DEFAULT_CALL_LIMITS.maxRequestBytes;
    if (body.byteLength > limit) {
      throw new Backend2McpError(
        'REQUEST_TOO_LARGE',
        `The request body for ${tool.name} is ${body.byteLength} bytes; the limit is ${limit} (option maxRequestBytes).`,
      );
    }
    headers['content-type'] ??=
      encoding === 'form'
        ? 'application/x-www-form-urlencoded'
        : encoding === 'multipart'
          ? `multipart/form-data; boundary=${boundary}`
          : 'application/json';
    headers['content-length'] = String(body.byteLength);
  }

  const path = fillPathTemplate(tool.binding.path, pathValues);
  const search = query
    .map(([key, value]) => `${queryComponent(key)}=${queryComponent(value, key)}`)
    .join('&');
  return {
    method: tool.binding.method,
    url: search ? `${path}?${search}` : path,
    headers: { ...headers },
    ...(body ? { body } : {}),
  };
}

/**
 * An object body as `application/x-www-form-urlencoded`, the way HTML forms and
 * `qs` write it: arrays repeat the key, nested objects use `key[sub]`.
 */
function formBody(payload: unknown): string {
  const pairs: Array<[string, string]> = [];
  appendQueryObject(pairs, payload, undefined);
  return pairs.map(([key, value]) => `${queryComponent(key)}=${queryComponent(value, key)}`).join('&');
}

/**
 * An object body as `multipart/form-data` with one text part per field (the
 * same keys as a form body). Names are quoted as browsers do: `"` and CR/LF
 * percent-encoded, so no name can end its header line.
 */
function multipartBody(payload: unknown, boundary: string): string {
  const pairs: Array<[string, string]> = [];
  appendQueryObject(pairs, payload, undefined);
  const parts = pairs.map(([key, value]) => {
    const name = key.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    return `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  });
  return `${parts.join('')}--${boundary}--\r\n`;
}

function scalarToString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

function appendQueryValue(query: Array<[string, string]>, key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) appendQueryValue(query, key, item);
  } else if (typeof value === 'object') {
    appendQueryObject(query, value, key);
  } else {
    query.push([key, scalarToString(value)]);
  }
}

function appendQueryObject(query: Array<[string, string]>, value: unknown, prefix: string | undefined): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Backend2McpError(
      'INVALID_ARGUMENT',
      'The "query" argument must be an object of query parameters.',
    );
  }
  for (const [key, item] of Object.entries(value)) {
    appendQueryValue(query, prefix === undefined ? key : `${prefix}[${key}]`, item);
  }
}

/** Percent-encodes a query key or value; one with a lone surrogate cannot be encoded and is refused. */
function queryComponent(text: string, key = text): string {
  if (hasLoneSurrogate(text)) {
    throw new Backend2McpError(
      'INVALID_ARGUMENT',
      `Query parameter "${key}" is not well-formed Unicode: it contains a lone surrogate.`,
    );
  }
  return encodeURIComponent(text);
}

/**
 * Percent-encodes a cookie name or value, so `;`, `=`, spaces and control
 * characters in an argument can never add a cookie of their own.
 */
function cookieComponent(text: string, name = text): string {
  if (hasLoneSurrogate(text)) {
    throw new Backend2McpError(
      'INVALID_ARGUMENT',
      `Cookie "${name}" is not well-formed Unicode: it contains a lone surrogate.`,
    );
  }
  return encodeURIComponent(text);
}

/** What HTTP allows in a field value (RFC 9110): tab, visible ASCII, space and obs-text (0x80-0xFF). */
const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * Header values cannot carry CR/LF (response splitting, smuggling), NUL or other
 * control characters, nor characters beyond Latin-1 that no HTTP server would
 * accept: the same rule `node:http` applies on the wire and `fetch`'s `Headers` enforces.
 */
function headerValue(name: string, value: unknown): string {
  const text = scalarToString(value);
  if (/[\r\n\0]/.test(text)) {
    throw new Backend2McpError(
      'INVALID_HEADER_VALUE',
      `Header "${name}" must not contain CR, LF or NUL characters.`,
    );
  }
  if (INVALID_HEADER_CHAR.test(text)) {
    throw new Backend2McpError(
      'INVALID_HEADER_VALUE',
      `Header "${name}" may only contain visible ASCII, spaces, tabs and Latin-1 characters (no control characters).`,
    );
  }
  return text;
}

/**
 * Headers an argument may never set, even when the route declares them: the
 * ones that say where a request goes or who sent it (`Host`, forwarding
 * headers), hop-by-hop and framing headers (`Connection`, `Transfer-Encoding`,
 * `Content-Length`), and backend2mcp's own call marker.
 */
const RESERVED_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'expect',
  'forwarded',
  'via',
  'x-real-ip',
  'x-backend2mcp-call',
]);

function refuseReservedHeader(name: string, toolName: string): string {
  const lower = name.toLowerCase();
  if (RESERVED_HEADERS.has(lower) || lower.startsWith('x-forwarded-')) {
    throw new Backend2McpError(
      'INVALID_ARGUMENT',
      `${toolName}: the header "${lower}" cannot be set from an argument (backend2mcp sets routing, forwarding and framing headers itself).`,
    );
  }
  return name;
}
