import { gunzipSync } from 'node:zlib';
import {
  Cleanups,
  connectInMemory,
  listPublishableTools,
  PROTOCOL_ERAS,
  textOf,
} from '@backend2mcp/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { createRealSchemasApp } from './fixtures/real-schemas-app.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

const warnings: string[] = [];
let adapter: McpAdapter;
let app: Awaited<ReturnType<typeof createRealSchemasApp>>;
beforeAll(async () => {
  app = await createRealSchemasApp();
  adapter = new McpAdapter(app, { onWarning: (message) => warnings.push(message) });
  await app.ready();
});
afterAll(() => app.close());

const tool = (name: string) => adapter.tools.find((entry) => entry.name === name)!;

describe('fastify adapter: schemas as real apps write them', () => {
  it('publishes only schemas a validating client compiles, for every route', async () => {
    const client = await connectInMemory(adapter, cleanups);
    const listed = await listPublishableTools(client);
    expect([...listed.keys()].sort()).toEqual([
      'get_backups_latest',
      'get_old_home',
      'get_reports_export',
      'post_customers',
      'post_events',
      'post_notes',
      'post_payments',
      'post_uploads',
      'put_orders_by_id',
    ]);
  });

  it('reads fluent-json-schema builders as the JSON they stand for, shared schemas included', () => {
    expect(tool('post_customers').inputSchema).toEqual({
      type: 'object',
      properties: {
        notify: { type: 'boolean' },
        name: { type: 'string', minLength: 1 },
        address: { $ref: '#/$defs/Address' },
      },
      required: ['name'],
      additionalProperties: false,
      $defs: {
        Address: {
          type: 'object',
          properties: { city: { type: 'string' }, zip: { type: 'string', pattern: '^[0-9]{5}$' } },
          required: ['city'],
        },
      },
    });
    expect(tool('post_customers').responseSchema).toEqual({
      type: 'object',
      properties: { id: { type: 'integer', minimum: 1 }, name: { type: 'string' } },
    });
  });

  it('reads TypeBox schemas, formats and literal unions included', () => {
    expect(tool('post_events').inputSchema).toEqual({
      type: 'object',
      properties: {
        title: { type: 'string' },
        at: { type: 'string', format: 'date-time' },
        kind: {
          anyOf: [
            { const: 'meeting', type: 'string' },
            { const: 'call', type: 'string' },
          ],
        },
      },
      required: ['title', 'at', 'kind'],
      additionalProperties: false,
    });
  });

  it('exposes a route whose schema cannot be JSON Schema (TypeBox Date) with a looser one and a warning', () => {
    expect(tool('post_uploads').inputSchema).toEqual({
      type: 'object',
      properties: { name: { type: 'string' }, when: {} },
      required: ['name', 'when'],
      additionalProperties: false,
    });
    expect(warnings).toContainEqual(
      expect.stringMatching(/^backend2mcp: POST \/uploads: its input schema cannot be published as declared/),
    );
  });

  it('reads the shorthand Fastify accepts: bare property maps for body, querystring and response', () => {
    expect(tool('post_notes').inputSchema).toEqual({
      type: 'object',
      properties: { draft: { type: 'boolean' }, text: { type: 'string' } },
      additionalProperties: false,
    });
    expect(tool('post_notes').responseSchema).toEqual({
      type: 'object',
      properties: { id: { type: 'number' }, text: { type: 'string' } },
    });
  });

  it('rewrites draft-07: definitions lifted and renamed apart from $defs, dependencies and nullable translated', () => {
    expect(tool('put_orders_by_id').inputSchema).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string' },
        kind: { $ref: '#/$defs/Item' },
        item: { $ref: '#/$defs/Item_2' },
        card: { type: 'string' },
        billing: { type: 'string' },
        note: { type: ['string', 'null'] },
      },
      required: ['id'],
      additionalProperties: false,
      dependentRequired: { card: ['billing'] },
      $defs: {
        Item: { type: 'string', enum: ['a', 'b'] },
        Item_2: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] },
      },
    });
  });

  it('keeps CORS preflight, static-file and HEAD routes out of the tools, listed as skipped with the reason', () => {
    const skipped = adapter.server.skipped.map((entry) => `${entry.route}: ${entry.reason.split(' (')[0]}`);
    expect(skipped).toEqual([
      'OPTIONS *: OPTIONS answers CORS preflight requests',
      'HEAD /assets/*: its schema says hide: true, as the routes plugins add for documentation and static files do',
      'GET /assets/*: its schema says hide: true, as the routes plugins add for documentation and static files do',
      'HEAD /ping: HEAD only asks for the headers of a GET, which the GET tool already answers; give the route config.mcp to expose it',
    ]);
  });
});

describe.each(PROTOCOL_ERAS)(
  'fastify adapter: responses as real apps send them, protocol %s',
  (_era, options) => {
    it('calls the fluent and TypeBox routes with the SDK client', async () => {
      const client = await connectInMemory(adapter, cleanups, options);
      await client.listTools();
      const created = await client.callTool({
        name: 'post_customers',
        arguments: { name: 'Ada', address: { city: 'London' } },
      });
      expect(created.structuredContent).toEqual({ id: 1, name: 'Ada' });
      const event = await client.callTool({
        name: 'post_events',
        arguments: { title: 'Standup', at: '2026-12-02T09:00:00Z', kind: 'call' },
      });
      expect(event.structuredContent).toEqual({ id: 5, at: '2026-12-02T09:00:00Z' });
      const order = await client.callTool({
        name: 'put_orders_by_id',
        arguments: { id: 7, kind: 'a', item: { sku: 'x' }, note: null },
      });
      expect(order.structuredContent).toEqual({ id: '7', item: { sku: 'x' }, note: null });
    });

    it('keeps a 2xx whose body breaks its own response schema a success that reaches the model', async () => {
      const client = await connectInMemory(adapter, cleanups, options);
      await client.listTools();
      const paid = await client.callTool({ name: 'post_payments', arguments: { amount: 12 } });
      expect(paid.isError).toBeFalsy();
      expect(paid.structuredContent).toEqual({ id: 3, receiptId: 0, paidOn: '2026-12-02T10:00:00.000Z' });
      expect(warnings.filter((message) => message.includes('post_payments'))).toHaveLength(1);
    });

    it('returns CSV and gzip downloads as the files they are', async () => {
      const client = await connectInMemory(adapter, cleanups, options);
      await client.listTools();
      const csv = await client.callTool({ name: 'get_reports_export', arguments: {} });
      expect(csv.isError).toBeFalsy();
      expect(csv.content).toEqual([
        {
          type: 'resource',
          resource: {
            uri: 'http://localhost/reports/export',
            mimeType: 'text/csv',
            text: 'id,name\n1,Ada\n',
          },
        },
      ]);
      const backup = await client.callTool({ name: 'get_backups_latest', arguments: {} });
      const [block] = backup.content as Array<{ type: string; resource: { mimeType: string; blob: string } }>;
      expect(block!.resource.mimeType).toBe('application/gzip');
      expect(gunzipSync(Buffer.from(block!.resource.blob, 'base64')).toString()).toBe('backup');
    });

    it('reports a redirect with its status and Location', async () => {
      const client = await connectInMemory(adapter, cleanups, options);
      const moved = await client.callTool({ name: 'get_old_home', arguments: {} });
      expect(moved.isError).toBeFalsy();
      expect(textOf(moved)).toBe('HTTP 301 Moved Permanently\nLocation: /home');
    });
  },
);
