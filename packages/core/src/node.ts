/**
 * `@backend2mcp/core/node`: the Node-only half of core, kept out of the main entry so
 * core itself stays free of `node:http`. Adapters for frameworks that sit on a Node
 * request listener (Express, Koa, plain `node:http`) dispatch through
 * {@link dispatchNodeListener}; the rest serves the MCP endpoint over HTTP or stdio.
 *
 * @packageDocumentation
 */

export type { NodeDispatchOptions, NodeRequestListener } from './node/dispatch-node-listener.js';
export { dispatchNodeListener } from './node/dispatch-node-listener.js';

export {
  createNodeEndpoint,
  createWellKnownEndpoint,
  type NodeEndpoint,
  type NodeEndpointOptions,
  type NodeMountOptions,
  type WellKnownEndpointOptions,
} from './node/endpoint.js';
export { type ListeningServer, type ListenOptions, listen } from './node/listen.js';
export { NodeMcpAdapter, nodeListenerDispatch } from './node/node-adapter.js';
export { type ReadNodeBodyOptions, readNodeBody } from './node/read-node-body.js';
export { connectTransport, type StdioServerHandle, serveStdio } from './node/stdio.js';
