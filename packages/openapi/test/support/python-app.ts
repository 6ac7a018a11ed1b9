import { Cleanups, connectInMemory, textOf } from '@backend2mcp/test-support';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OpenApiMcpAdapter, type OpenApiMcpOptions } from '../../src/index.js';
import { type CallCase, expectSameAsHttp } from './differential.js';
import { type PythonBackend, startPythonBackend } from './python-backend.js';

/** A real Python app and the adapter serving its document, filled in before the file's tests run. */
export interface ServedPythonApp {
  backend: PythonBackend;
  adapter: OpenApiMcpAdapter;
  client: Client;
  /** What the adapter warned about while reading the document and serving calls. */
  warnings: string[];
}

/**
 * Starts `script` (under test/backends) before the file's tests and stops it
 * after, with an adapter on its document at `documentPath` connected over
 * the in-memory transport. The FastAPI, Flask and Django tests share it, so
 * the three frameworks are set up (and torn down) the same way.
 */
export function servePythonApp(
  script: string,
  documentPath: string,
  options: Omit<OpenApiMcpOptions, 'document' | 'onWarning'>,
): ServedPythonApp {
  const cleanups = new Cleanups();
  const served = { warnings: [] as string[] } as ServedPythonApp;
  beforeAll(async () => {
    served.backend = await startPythonBackend(script, documentPath);
    served.adapter = new OpenApiMcpAdapter({
      ...options,
      document: served.backend.documentUrl,
      onWarning: (message) => served.warnings.push(message),
    });
    served.client = await connectInMemory(served.adapter, cleanups);
  });
  afterAll(async () => {
    await cleanups.run();
    await served.adapter?.close();
    await served.backend?.stop();
  });
  return served;
}

/**
 * The checks every Python app passes: it lists one tool per case's tool, reads
 * its document without warnings, and answers every case as the route does over
 * HTTP (or, for a case with `refusedWith`, refuses it before the backend sees it).
 */
export function itServesLikeHttp(app: ServedPythonApp, cases: readonly PythonCallCase[]): void {
  it('lists exactly the tools the cases call', async () => {
    const { tools } = await app.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...new Set(cases.map((c) => c.tool))].sort());
  });

  it('reads a document that validates against its specification, without warnings', async () => {
    await app.adapter.ready();
    expect(app.warnings).toEqual([]);
  });

  it.each(cases.map((c) => [`${c.tool} ${JSON.stringify(c.args)}`, c] as const))(
    'answers %s as the route does over HTTP',
    async (_label, call) => {
      if (call.refusedWith === undefined) return expectSameAsHttp(app.client, app.backend.origin, call);
      // The tool refuses what its schema forbids before the backend sees it.
      const result = await app.client.callTool({ name: call.tool, arguments: call.args });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(call.refusedWith);
    },
  );
}

/** A {@link CallCase}, or one the tool refuses with `refusedWith` in its error text. */
export interface PythonCallCase extends CallCase {
  refusedWith?: string;
}
