import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonRpcErrorHandler } from '@backend2mcp/fastify/dispatch';
import type { NestHttpAdapter } from './nest-internals.js';

/** True for a request (or a route URL) that is the MCP endpoint. */
export type EndpointMatcher = (path: string) => boolean;

interface ExpressLike {
  use(
    handler: (
      error: unknown,
      req: IncomingMessage,
      res: ServerResponse,
      next: (error?: unknown) => void,
    ) => void,
  ): void;
}

interface FastifyLike {
  addHook(
    name: 'onRoute',
    hook: (route: { url: string; errorHandler?: unknown; bodyLimit?: number }) => void,
  ): void;
  route(options: {
    method: string[];
    url: string;
    handler: (request: { raw: IncomingMessage }, reply: { raw: ServerResponse; hijack(): void }) => void;
  }): void;
}

interface ExpressRoutes {
  get(path: string, handler: NodeHandler): void;
  options(path: string, handler: NodeHandler): void;
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the OAuth Protected Resource Metadata documents at the server root, on
 * the platform itself: they sit outside the global prefix by definition (RFC
 * 9728) and are public, so no guard applies.
 */
export function mountWellKnown(
  httpAdapter: NestHttpAdapter,
  paths: readonly string[],
  handler: NodeHandler,
): void {
  for (const path of paths) {
    if (httpAdapter.getType() === 'fastify') {
      (httpAdapter.getInstance() as FastifyLike).route({
        method: ['GET', 'OPTIONS'],
        url: path,
        handler: (request, reply) => {
          reply.hijack();
          handler(request.raw, reply.raw);
        },
      });
    } else {
      const express = httpAdapter.getInstance() as ExpressRoutes;
      express.get(path, handler);
      express.options(path, handler);
    }
  }
}

/**
 * On the Fastify platform, gives the endpoint's route the error handler that
 * answers a body Fastify refused (malformed JSON, too large) as the JSON-RPC
 * error the MCP SDK would send, and the adapter's message limit as its body
 * limit. Must run before Nest registers its routes (`app.init()`).
 */
export function prepareFastifyEndpoint(
  httpAdapter: NestHttpAdapter,
  isEndpoint: EndpointMatcher,
  bodyLimit: number,
): void {
  if (httpAdapter.getType() !== 'fastify') return;
  (httpAdapter.getInstance() as FastifyLike).addHook('onRoute', (route) => {
    if (!isEndpoint(route.url)) return;
    route.errorHandler = jsonRpcErrorHandler;
    route.bodyLimit = bodyLimit;
  });
}

/**
 * On the Express platform, answers a body Nest's body parser refused on the
 * endpoint's path as a JSON-RPC error (an error middleware after the parser;
 * other paths keep the app's own error handling). Runs once the parser is in
 * place (`onModuleInit`).
 */
export function prepareExpressEndpoint(httpAdapter: NestHttpAdapter, isEndpoint: EndpointMatcher): void {
  if (httpAdapter.getType() !== 'express') return;
  (httpAdapter.getInstance() as ExpressLike).use((error, req, res, next) => {
    const type = (error as { type?: string })?.type;
    if (!isEndpoint(new URL(req.url ?? '/', 'http://localhost').pathname) || res.headersSent) {
      next(error);
      return;
    }
    const parseFailed = type === 'entity.parse.failed';
    const tooLarge = type === 'entity.too.large';
    if (!parseFailed && !tooLarge) {
      next(error);
      return;
    }
    const body = JSON.stringify({
      jsonrpc: '2.0',
      error: parseFailed
        ? { code: -32700, message: 'Parse error: Invalid JSON' }
        : { code: -32000, message: `Payload Too Large: ${(error as Error).message}` },
      id: null,
    });
    res.writeHead(parseFailed ? 400 : 413, { 'content-type': 'application/json' }).end(body);
  });
}
