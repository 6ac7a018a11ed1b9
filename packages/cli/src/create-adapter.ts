import type { BackendMcpOptions } from '@backend2mcp/core';
import type { McpServerAdapter } from '@backend2mcp/core/adapter';
import { adapterFor, type Framework } from './detect-framework.js';

/** What the CLI needs of any adapter: the one adapter interface of core. */
export type AnyAdapter = McpServerAdapter;

/** The adapter for a detected framework, from its package's descriptor. */
export async function createAdapter(
  framework: Framework,
  app: unknown,
  options: BackendMcpOptions,
): Promise<AnyAdapter> {
  return adapterFor(framework).create(app, options);
}
