import {
  Backend2McpError,
  type Dispatch,
  type DispatchOptions,
  type HttpRequest,
  type HttpResponse,
} from '@backend2mcp/core';
import { joinChunks, responseTooLargeError } from '@backend2mcp/core/adapter';
import { Pool } from 'undici';
import type { CredentialTarget, OutboundAuth } from '../auth/outbound-auth.js';
import type { OperationPlan } from '../operations/operation-plan.js';
import { checkHeaderValue } from '../request/serialize-parameter.js';

/** Options for {@link Upstream}. */
export interface UpstreamOptions {
  /** Keep-alive connections to the backend. Default 32. */
  connections?: number;
}

/**
 * Headers never sent to the backend, whoever set them (a tool argument, a
 * header the caller's `forwardHeaders` let through, the `headers` option):
 * the ones that belong to one connection (RFC 9110 section 7.6.1) or that the
 * pool sets itself (`Host` from the base URL, framing), and the ones a proxy
 * writes to say who the client is and where it connected (`Forwarded`, `Via`,
 * `X-Forwarded-*`, `X-Real-IP`): backend2mcp is the client here, and a backend
 * that trusts it as a proxy must not read a caller's claim as its own.
 */
const CONNECTION_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
  'content-length',
  'expect',
  'forwarded',
  'via',
  'x-real-ip',
]);

/** Whether a header (lower-cased) is never sent to the backend; see {@link CONNECTION_HEADERS}. */
function isUnsentHeader(name: string): boolean {
  return CONNECTION_HEADERS.has(name) || name.startsWith('x-forwarded-');
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

function isClosedConnection(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

/**
 * Sends tool calls to the running backend over a keep-alive connection pool
 * (undici). Redirects are not followed (a redirect could carry credentials to
 * another host); the response is read up to `maxResponseBytes`; the call's
 * signal aborts the request. Credentials of the operation's security
 * requirement are added last, and a 401 on an OAuth client-credentials token
 * renews the token and retries once.
 */
export class Upstream {
  private readonly pool: Pool;
  private readonly basePath: string;
  private auth: OutboundAuth;
  private defaultSecurity: OperationPlan['security'];

  constructor(
    readonly baseUrl: URL,
    auth: OutboundAuth,
    private readonly planOf: (request: HttpRequest) => OperationPlan | undefined,
    defaultSecurity: OperationPlan['security'],
    options: UpstreamOptions = {},
  ) {
    this.auth = auth;
    this.defaultSecurity = defaultSecurity;
    if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') {
      throw new Backend2McpError(
        'INVALID_OPTIONS',
        `The base URL must be http or https, not ${baseUrl.href}.`,
      );
    }
    this.pool = new Pool(baseUrl.origin, { connections: options.connections ?? 32, pipelining: 1 });
    this.basePath = baseUrl.pathname.replace(/\/+$/, '');
  }

  /** The {@link Dispatch} core runs every call through. */
  readonly dispatch: Dispatch = async (request, options) => {
    const security = this.planOf(request)?.security ?? this.defaultSecurity;
    const first = await this.send(request, options, security);
    if (first.response.status !== 401 || !this.auth.invalidate(first.schemes)) return first.response;
    return (await this.send(request, options, security)).response;
  };

  /** Uses the credentials and default security of a re-read document; the pooled connections stay. */
  reconfigure(auth: OutboundAuth, defaultSecurity: OperationPlan['security']): this {
    this.auth = auth;
    this.defaultSecurity = defaultSecurity;
    return this;
  }

  /** Closes the pooled connections. */
  close(): Promise<void> {
    return this.pool.close();
  }

  private async send(
    request: HttpRequest,
    options: DispatchOptions,
    security: OperationPlan['security'],
  ): Promise<{ response: HttpResponse; schemes: string[] }> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (!isUnsentHeader(name.toLowerCase())) headers[name] = value;
    }
    const target: CredentialTarget = { headers, query: [], cookies: [] };
    const schemes = this.auth.configured ? await this.auth.apply(security, target) : [];
    if (target.cookies.length > 0) {
      headers.cookie = checkHeaderValue(
        'cookie',
        [headers.cookie, ...target.cookies].filter(Boolean).join('; '),
      );
    }
    let path = `${this.basePath}${request.url}`;
    if (target.query.length > 0) path += `${path.includes('?') ? '&' : '?'}${target.query.join('&')}`;

    let answer: Awaited<ReturnType<Pool['request']>>;
    const attempt = () =>
      this.pool.request({
        method: request.method,
        path,
        headers,
        ...(request.body ? { body: request.body } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    try {
      answer = await attempt().catch((error: unknown) => {
        // A pooled connection the backend closed while idle fails before any answer: an
        // idempotent request is sent again once, on a new connection.
        if (!IDEMPOTENT.has(request.method) || !isClosedConnection(error) || options.signal?.aborted)
          throw error;
        return attempt();
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new Backend2McpError(
        'DISPATCH_FAILED',
        `The backend at ${this.baseUrl.origin} did not answer ${request.method} ${path}: ${(error as Error).message}.`,
        { cause: error },
      );
    }
    const limit = options.maxResponseBytes ?? Number.POSITIVE_INFINITY;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of answer.body) {
      size += (chunk as Uint8Array).byteLength;
      if (size > limit) {
        answer.body.destroy();
        throw responseTooLargeError(limit);
      }
      chunks.push(chunk as Uint8Array);
    }
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return {
      response: { status: answer.statusCode, headers: responseHeaders, body: joinChunks(chunks, size) },
      schemes,
    };
  }
}
