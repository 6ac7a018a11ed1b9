import type { Dispatch, ExtractedRoutes, HttpRequest, RequestEncoder } from '@backend2mcp/core';
import { OutboundAuth, type SchemeCredential } from './auth/outbound-auth.js';
import type { DocumentSource } from './document/load-document.js';
import { type ReadDocument, type ReadDocumentOptions, readDocument } from './document/read-document.js';
import { isObject, type JsonObject } from './document/types.js';
import { resolveBaseUrl } from './http/base-url.js';
import { Upstream, type UpstreamOptions } from './http/upstream.js';
import type { OperationPlan } from './operations/operation-plan.js';
import { listOperations } from './operations/operations.js';
import { operationsToRoutes, planKey, type RouteOptions } from './operations/to-routes.js';
import { createRequestEncoder } from './request/encode-request.js';
import { SchemaConverter } from './schema/convert-schema.js';

/** Everything about the backend besides MCP: where its document is, where calls go, which credentials they carry. */
export interface OpenApiBackendOptions
  extends RouteOptions,
    Omit<ReadDocumentOptions, 'headers'>,
    UpstreamOptions {
  /** The OpenAPI 3.0/3.1 or Swagger 2.0 document: a URL, a file path (JSON or YAML), or the parsed object. */
  document: DocumentSource;
  /** Where calls go. Default: the document's `servers`, else the origin it was fetched from. */
  baseUrl?: string | URL;
  /** Headers sent when fetching the document (not on calls). */
  documentHeaders?: Record<string, string>;
  /**
   * Credentials for the document's security schemes, by scheme name: the key
   * of an `apiKey` scheme, the token of a bearer or OAuth scheme,
   * `{ username, password }` for basic, `{ clientId, clientSecret }` for
   * OAuth client credentials. Nothing else authenticates calls: the MCP
   * caller's own credentials reach the backend only through `forwardHeaders`.
   */
  credentials?: Readonly<Record<string, SchemeCredential>>;
}

interface Loaded {
  read: ReadDocument;
  routes: ExtractedRoutes;
  plans: Map<string, OperationPlan>;
  upstream: Upstream;
}

/**
 * A backend known from its OpenAPI document: parsed once per (re)load into
 * routes and per-operation plans, with one upstream connection pool.
 */
export class OpenApiBackend {
  private loaded?: Loaded;
  private readonly requestPlans = new WeakMap<HttpRequest, OperationPlan>();
  /** Builds each call's request the way the document says. */
  readonly encodeRequest: RequestEncoder;

  constructor(private readonly options: OpenApiBackendOptions) {
    this.encodeRequest = createRequestEncoder({
      planOf: (route) => this.loaded?.plans.get(planKey(route)),
      remember: (request, plan) => this.requestPlans.set(request, plan),
    });
  }

  /** Reads (or reads again) the document; returns true when its text changed since the last read. */
  async load(onWarning?: (message: string) => void): Promise<boolean> {
    const read = await readDocument(this.options.document, {
      ...this.options,
      ...(this.options.documentHeaders ? { headers: this.options.documentHeaders } : {}),
      ...(onWarning ? { onWarning } : {}),
      ...(this.loaded?.read.text !== undefined ? { previousText: this.loaded.read.text } : {}),
    });
    if (read.unchanged) return false;
    const document = read.document;
    const operations = listOperations(document);
    const built = operationsToRoutes(document, operations, new SchemaConverter(document), this.options);
    const baseUrl = resolveBaseUrl(this.options.baseUrl, document, read.url);
    const schemes = (
      isObject(document.components?.securitySchemes) ? document.components.securitySchemes : {}
    ) as Record<string, JsonObject>;
    const auth = new OutboundAuth(schemes, this.options.credentials ?? {}, baseUrl);
    const previous = this.loaded?.upstream;
    const upstream =
      previous && previous.baseUrl.href === baseUrl.href
        ? previous.reconfigure(auth, document.security ?? [])
        : new Upstream(
            baseUrl,
            auth,
            (request) => this.requestPlans.get(request),
            document.security ?? [],
            this.options,
          );
    if (previous && previous !== upstream) void previous.close();
    this.loaded = {
      read,
      routes: { routes: built.routes, skipped: built.skipped },
      plans: built.plans,
      upstream,
    };
    return true;
  }

  /** The document's operations as routes (none before the first load). */
  routes(): ExtractedRoutes {
    return this.loaded?.routes ?? { routes: [], skipped: [] };
  }

  /** The document as read (after Swagger 2.0 conversion). */
  get document(): ReadDocument | undefined {
    return this.loaded?.read;
  }

  /** Where calls go. */
  get baseUrl(): URL | undefined {
    return this.loaded?.upstream.baseUrl;
  }

  /** Sends one request to the backend (the adapter's dispatch). */
  dispatch: Dispatch = (request, options) => {
    if (!this.loaded) return Promise.reject(new Error('The OpenAPI document has not been loaded yet.'));
    return this.loaded.upstream.dispatch(request, options);
  };

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.loaded?.upstream.close();
  }
}
