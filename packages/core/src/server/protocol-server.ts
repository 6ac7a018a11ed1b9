import { type McpRequestContext, Server } from '@modelcontextprotocol/server';
import { version as packageVersion } from '../../package.json';
import type { AuthFront } from './auth-front.js';
import type { Connections } from './connections.js';
import { type HandlerParts, registerHandlers } from './protocol-handlers.js';

/** What a protocol server shows of itself in `initialize`. */
export interface ServerIdentity {
  name?: string;
  version?: string;
  instructions?: string;
}

/** The parts every SDK server instance of one backend shares. */
export interface ProtocolServerParts extends HandlerParts {
  identity: ServerIdentity;
  auth: AuthFront;
  connections: Connections;
}

/**
 * A fresh SDK server instance with a backend's tools. The SDK's serving entries
 * ask for one per HTTP request or stdio connection, for either era; a
 * long-lived (stdio or in-process) one joins the connections told about changes.
 */
export function createProtocolServer(parts: ProtocolServerParts, context?: McpRequestContext): Server {
  const { identity } = parts;
  const server = new Server(
    { name: identity.name ?? 'backend2mcp', version: identity.version ?? packageVersion },
    {
      capabilities: {
        tools: { listChanged: true },
        resources: { listChanged: true, subscribe: true },
        completions: {},
        prompts: { listChanged: true },
        // Routes and hand-written tools can log to the caller through their context.
        logging: {},
      },
      ...(identity.instructions ? { instructions: identity.instructions } : {}),
    },
  );
  const subscriptions = new Set<string>();
  registerHandlers(server, parts, parts.auth.callerFor(context), subscriptions);
  // A stdio or in-process connection lives on: it is told when the lists change.
  if (!context?.requestInfo) parts.connections.track(server, subscriptions);
  return server;
}
