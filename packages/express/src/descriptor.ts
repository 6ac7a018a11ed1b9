import { defineAdapter } from '@backend2mcp/core/adapter';
import { McpAdapter } from './adapter.js';
import type { ExpressAppLike } from './extract/index.js';
import { instrumentExpress } from './extract/instrument.js';
import { loadExpressFrom } from './extract/load-express.js';

/**
 * How the `backend2mcp` CLI (or any program handed "some app") recognises and
 * serves an Express app. See `AdapterDescriptor` in `@backend2mcp/core/adapter`.
 */
export const descriptor = defineAdapter({
  name: 'express',
  displayName: 'Express',
  packageName: '@backend2mcp/express',
  frameworkPackage: 'express',
  // An Express app is a function (the request listener) with the application methods on it.
  detect: (value): value is ExpressAppLike =>
    typeof value === 'function' &&
    typeof (value as { handle?: unknown }).handle === 'function' &&
    typeof (value as { set?: unknown }).set === 'function',
  create: (app, options) => new McpAdapter(app, options),
  // Instruments the copy of express the app resolves, before the app builds its routers.
  preload: (moduleUrl) => {
    const express = loadExpressFrom(moduleUrl);
    if (express) instrumentExpress(express);
  },
});
