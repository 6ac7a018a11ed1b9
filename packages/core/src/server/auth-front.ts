import {
  type McpRequestContext,
  ProtocolError,
  ProtocolErrorCode,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { isAuthFailure } from '../auth/auth-failure.js';
import type { AuthProvider, WellKnownDocument } from '../auth/auth-provider.js';
import { type Caller, fromAuthInfo, identifyCaller } from '../auth/caller.js';
import { insufficientScope, scopedTarget } from '../auth/scope-challenge.js';
import { FAST_PATH_CONTEXT, fastPathCaller } from '../http-fast/index.js';
import { batchRefused } from './batch-refusal.js';
import type { SurfaceView } from './surface-view.js';

/** What the auth front needs: the providers, the header allow-list, stdio's credentials. */
export interface AuthFrontOptions {
  surface: SurfaceView;
  provider?: AuthProvider;
  /** Caller headers forwarded to the app (`forwardHeaders`, normalised). */
  forwardList: readonly string[];
  /** Headers a stdio or in-process connection authenticates with, once (`stdioCredentials`). */
  stdioCredentials?: Readonly<Record<string, string>>;
}

/**
 * Who is calling, and whether they may: identifies the caller of an HTTP
 * request or of a local connection, answers the 403 scope challenge, and
 * serves the documents providers publish beside the endpoint. The one place
 * that talks to auth providers, so the HTTP front and the protocol handlers
 * only carry the caller it hands them.
 */
export class AuthFront {
  private readonly wellKnownDocuments: ReadonlyMap<string, WellKnownDocument>;

  constructor(private readonly options: AuthFrontOptions) {
    this.wellKnownDocuments = new Map(
      (options.provider?.wellKnown?.() ?? []).map((document) => [document.path, document]),
    );
  }

  /** True when HTTP requests carry a caller (auth providers, or headers to forward). */
  get identifiesCallers(): boolean {
    return this.options.provider !== undefined || this.options.forwardList.length > 0;
  }

  /** Paths of the documents auth providers publish beside the endpoint. */
  get wellKnownPaths(): readonly string[] {
    return [...this.wellKnownDocuments.keys()];
  }

  /**
   * Answers a `GET` for one of {@link wellKnownPaths} (with CORS open, as browser
   * clients fetch it cross-origin), or returns undefined for any other request.
   */
  serveWellKnown(request: Request): Response | undefined {
    const document = this.wellKnownDocuments.get(new URL(request.url).pathname);
    if (!document) return undefined;
    const headers = { 'access-control-allow-origin': '*', 'content-type': 'application/json' };
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers });
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { ...headers, allow: 'GET, HEAD, OPTIONS' } });
    }
    return new Response(request.method === 'HEAD' ? null : JSON.stringify(document.body), { headers });
  }

  /** The caller of one HTTP request, or the provider's refusal as a response (401/403). */
  async identifyHttp(request: Request): Promise<Caller | Response> {
    try {
      return await identifyCaller(
        this.options.provider,
        { url: new URL(request.url), headers: request.headers, transport: 'http' },
        this.options.forwardList,
      );
    } catch (error) {
      if (isAuthFailure(error)) return error.toResponse();
      throw error;
    }
  }

  /**
   * The caller of one SDK server instance: from the HTTP request (packed by the
   * HTTP front), or, for stdio and in-process transports, authenticated once
   * from `stdioCredentials`.
   */
  callerFor(context: McpRequestContext | undefined): (ctx?: ServerContext) => Promise<Caller> {
    // The fast path's long-lived servers take each request's caller from that request (http-fast/).
    if (context === FAST_PATH_CONTEXT)
      return fastPathCaller(this.callerFor(undefined), this.identifiesCallers);
    const fromHttp = fromAuthInfo(context?.authInfo);
    if (fromHttp) return () => Promise.resolve(fromHttp);
    if (context?.requestInfo && this.identifiesCallers) {
      // Every HTTP request passes through the HTTP front, which packs the caller; reaching here means it was bypassed.
      return () =>
        Promise.reject(new ProtocolError(ProtocolErrorCode.InvalidRequest, 'Unauthenticated HTTP request.'));
    }
    let local: Promise<Caller> | undefined;
    return () => {
      local ??= identifyCaller(
        this.options.provider,
        {
          url: new URL('stdio:'),
          headers: new Headers({ ...this.options.stdioCredentials }),
          transport: 'local',
        },
        this.options.forwardList,
      ).catch((error: unknown) => {
        if (!isAuthFailure(error)) throw error;
        throw new ProtocolError(
          ProtocolErrorCode.InvalidRequest,
          `${error.message} This connection has no HTTP headers: give the credentials with the stdioCredentials option (e.g. from process.env).`,
        );
      });
      return local;
    };
  }

  /**
   * A `tools/call` for a tool the caller lacks scopes for is answered at the
   * HTTP level with 403 `insufficient_scope`, so the client can step up its
   * token (MCP authorization spec); the JSON-RPC handler refuses it as well.
   */
  async scopeChallenge(request: Request, parsedBody: unknown, caller: Caller): Promise<Response | undefined> {
    const { provider, surface } = this.options;
    if (!provider) return undefined;
    await surface.prepare();
    const anyScoped = surface.anyScoped();
    const target = await scopedTarget(request, parsedBody);
    if (!target) return undefined;
    if ('batch' in target) return batchRefused();
    if (!anyScoped) return undefined;
    const entry = 'tool' in target ? surface.catalog.find(target.tool) : undefined;
    const tool =
      'tool' in target ? (entry?.tool ?? entry?.custom) : surface.findResource(target.resource)?.route?.tool;
    if (!tool) return undefined;
    const { required, missing } = surface.scopesLacking(tool, caller.auth);
    const what = 'tool' in target ? `Tool "${tool.name}"` : `Resource ${target.resource}`;
    return missing.length > 0 ? insufficientScope(what, required, missing, provider).toResponse() : undefined;
  }
}
