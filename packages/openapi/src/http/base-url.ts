import { Backend2McpError } from '@backend2mcp/core';
import type { OpenApiDocument } from '../document/types.js';

/**
 * Where calls go: the `baseUrl` option, else the document's first server
 * (variables at their defaults; a relative URL such as FastAPI's `/api` or
 * Swagger's `basePath` resolved against the document's URL), else the origin
 * the document was fetched from.
 */
export function resolveBaseUrl(
  configured: string | URL | undefined,
  document: OpenApiDocument,
  documentUrl: URL | undefined,
): URL {
  if (configured !== undefined) return checked(new URL(String(configured)), 'baseUrl');
  const server = document.servers?.find((candidate) => typeof candidate?.url === 'string');
  const httpDocument = documentUrl && /^https?:$/.test(documentUrl.protocol) ? documentUrl : undefined;
  if (server) {
    const url = server.url.replace(
      /\{([^}]+)\}/g,
      (_whole, name: string) => server.variables?.[name]?.default ?? '',
    );
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return checked(new URL(url), "the document's servers[0].url");
    if (httpDocument) return checked(new URL(url, httpDocument), "the document's servers[0].url");
  } else if (httpDocument) {
    return new URL('/', httpDocument);
  }
  throw new Backend2McpError(
    'INVALID_OPTIONS',
    "The document names no absolute server URL and was not fetched over HTTP: give the backend's address with baseUrl (CLI: --base-url http://127.0.0.1:8000).",
  );
}

function checked(url: URL, origin: string): URL {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Backend2McpError('INVALID_OPTIONS', `${origin} must be an http or https URL, not ${url.href}.`);
  }
  return url;
}
