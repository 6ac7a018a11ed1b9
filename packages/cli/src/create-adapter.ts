import type { BackendMcpOptions, BackendMcpServer } from '@backend2mcp/core';
import type { Framework } from './detect-framework.js';

/** What the CLI needs of any adapter. */
export interface AnyAdapter {
  server: BackendMcpServer;
  serve(): unknown;
  connect(transport: import('@backend2mcp/core').McpTransport): unknown;
  listen(options: { port?: number; host?: string }): Promise<{ url: URL; close(): Promise<void> }>;
}

/** The adapter for a detected framework, from its package. */
export async function createAdapter(
  framework: Framework,
  app: unknown,
  options: BackendMcpOptions,
): Promise<AnyAdapter> {
  switch (framework) {
    case 'express':
      return new (await import('@backend2mcp/express')).McpAdapter(app as never, options);
    case 'fastify':
      return new (await import('@backend2mcp/fastify')).McpAdapter(app as never, options);
    case 'hono':
      return new (await import('@backend2mcp/hono')).McpAdapter(
        app as never,
        options,
      ) as unknown as AnyAdapter;
    case 'koa':
      return new (await import('@backend2mcp/koa')).McpAdapter(app as never, options);
  }
}
