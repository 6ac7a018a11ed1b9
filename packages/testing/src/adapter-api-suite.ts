/**
 * The public API every adapter package offers (docs/adapter-api.md), checked
 * on the package itself: the shared exports, `McpAdapter`'s members, the
 * descriptor the CLI enumerates, and a first tool call through it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanups, type Connectable, connectInMemory } from './connect.js';

/** The names every adapter package exports, whatever its framework. */
export const ADAPTER_EXPORTS = [
  'McpAdapter',
  'descriptor',
  'extractRoutes',
  'mcpContext',
  'getAuthContext',
] as const;

/** The members of core's `McpServerAdapter`, which every `McpAdapter` implements. */
export const ADAPTER_MEMBERS = [
  'tool',
  'resource',
  'prompt',
  'resourceUpdated',
  'refresh',
  'callTool',
  'close',
  'serve',
  'listen',
  'connect',
  'mount',
] as const;

/** What the suite reads of a descriptor (core's `AdapterDescriptor`). */
export interface DescriptorLike {
  name: string;
  displayName: string;
  packageName: string;
  frameworkPackage: string;
  detect(value: unknown): boolean;
  create(
    app: never,
    options?: object,
  ): Connectable & {
    callTool(name: string, args?: Record<string, unknown>): Promise<{ structuredContent?: unknown }>;
  };
}

/** An adapter package and an app of its framework. */
export interface AdapterApiFixture {
  /** The package's module, as `import * as pkg from '@backend2mcp/x'` gives it. */
  module: Record<string, unknown>;
  /** A fresh app whose one route, `GET /ping`, answers `{ pong: true }`. */
  createPingApp(): unknown;
}

/** Values no descriptor may claim as its framework's app. */
const NOT_APPS: unknown[] = [
  undefined,
  null,
  0,
  'app',
  {},
  [],
  () => {},
  { routes: [] },
  { fetch: () => {} },
  { middleware: [] },
];

/** The adapter-API suite for one adapter package. */
export function describeAdapterApi(name: string, fixture: AdapterApiFixture): void {
  describe(`${name}: the adapter API`, () => {
    const cleanups = new Cleanups();
    afterEach(() => cleanups.run());
    const descriptor = fixture.module.descriptor as DescriptorLike;

    it('exports the names every adapter exports', () => {
      for (const exported of ADAPTER_EXPORTS) {
        expect({ exported, type: typeof fixture.module[exported] }).toEqual({
          exported,
          type: exported === 'descriptor' ? 'object' : 'function',
        });
      }
    });

    it('gives McpAdapter every member of McpServerAdapter', () => {
      const McpAdapter = fixture.module.McpAdapter as { prototype: Record<string, unknown> };
      const missing = ADAPTER_MEMBERS.filter((member) => typeof McpAdapter.prototype[member] !== 'function');
      expect(missing).toEqual([]);
    });

    it('describes itself: names, and an app it recognises by shape', () => {
      expect(descriptor.name).toMatch(/^[a-z][a-z0-9-]*$/);
      for (const field of ['displayName', 'packageName', 'frameworkPackage'] as const) {
        expect(typeof descriptor[field]).toBe('string');
      }
      expect(descriptor.detect(fixture.createPingApp())).toBe(true);
      expect(NOT_APPS.filter((value) => descriptor.detect(value))).toEqual([]);
    });

    it('creates through its descriptor an adapter that serves the app', async () => {
      const adapter = descriptor.create(fixture.createPingApp() as never, { onWarning: () => {} });
      expect(adapter).toBeInstanceOf(fixture.module.McpAdapter as new (...args: never[]) => unknown);
      expect((await adapter.callTool('get_ping')).structuredContent).toEqual({ pong: true });
      const client = await connectInMemory(adapter, cleanups);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['get_ping']);
    });
  });
}
