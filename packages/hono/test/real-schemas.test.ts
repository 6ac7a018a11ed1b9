import { Cleanups, connectInMemory, listPublishableTools, PROTOCOL_ERAS } from '@backend2mcp/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { createCategoriesApp, createEventsApp } from './fixtures/dated-apps.js';
import { createFormsApp } from './fixtures/form-apps.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

describe.each(PROTOCOL_ERAS)(
  'hono adapter: zod-openapi and hono-openapi schemas, protocol %s',
  (_era, options) => {
    it('publishes compilable schemas with the dates, formats and unions zod-openapi emits, and calls them', async () => {
      const warnings: string[] = [];
      const adapter = new McpAdapter(createEventsApp(), { onWarning: (message) => warnings.push(message) });
      const client = await connectInMemory(adapter, cleanups, options);
      const tools = await listPublishableTools(client);
      expect(tools.get('post_events')!.inputSchema).toEqual({
        type: 'object',
        properties: {
          title: { type: 'string', minLength: 1 },
          // z.coerce.date() as @hono/zod-openapi writes it: any date-time text (or null) the app coerces.
          startsAt: { type: ['string', 'null'], format: 'date-time' },
          location: {
            anyOf: [
              { type: 'object', properties: { room: { type: 'string' } }, required: ['room'] },
              { type: 'object', properties: { url: { type: 'string', format: 'uri' } }, required: ['url'] },
            ],
          },
        },
        required: ['title', 'startsAt', 'location'],
        additionalProperties: false,
      });

      const created = await client.callTool({
        name: 'post_events',
        arguments: {
          title: 'Review',
          startsAt: '2026-12-03T15:30:00Z',
          location: { url: 'https://meet.example/r' },
        },
      });
      // The response says `day` is a date and sends a date-time: still a success, with its data.
      expect(created.isError).toBeFalsy();
      expect(created.structuredContent).toMatchObject({
        title: 'Review',
        startsAt: '2026-12-03T15:30:00.000Z',
        day: '2026-12-03T15:30:00.000Z',
      });
      expect(warnings).toEqual([
        expect.stringMatching(
          /^backend2mcp: the response of post_events does not match .*"day" must match format "date"/,
        ),
      ]);
      const listed = await client.callTool({
        name: 'get_events',
        arguments: { after: '2026-12-01T00:00:00Z' },
      });
      expect(listed.isError).toBeFalsy();
    });

    it('reads OpenAPI 3.0 nullable fields (getOpenAPIDocument) as 2020-12 null unions', async () => {
      const app = createEventsApp();
      const adapter = new McpAdapter(app, {
        onWarning: () => {},
        openapi: () => app.getOpenAPIDocument({ openapi: '3.0.0', info: { title: 'events', version: '1' } }),
      });
      const client = await connectInMemory(adapter, cleanups, options);
      const tools = await listPublishableTools(client);
      expect(tools.get('get_events')!.inputSchema.properties).toEqual({
        after: { type: 'string', format: 'date-time' },
        limit: { type: ['integer', 'null'] },
      });
    });

    it('keeps a zod schema that contains itself (hono-openapi) resolvable, and calls it', async () => {
      const adapter = new McpAdapter(createCategoriesApp(), { outputSchemas: 'declared' });
      const client = await connectInMemory(adapter, cleanups, options);
      const tools = await listPublishableTools(client);
      const tool = tools.get('post_categories')!;
      expect(tool.inputSchema.properties).toEqual({
        name: { type: 'string' },
        children: { type: 'array', items: { $ref: '#/$defs/Root' } },
      });
      expect(tool.inputSchema.$defs).toEqual({
        Root: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/$defs/Root' } },
          },
          required: ['name', 'children'],
        },
      });
      const tree = { name: 'root', children: [{ name: 'leaf', children: [] }] };
      const result = await client.callTool({ name: 'post_categories', arguments: tree });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual(tree);
    });

    it('sends form and multipart bodies to routes that declare them instead of JSON', async () => {
      const client = await connectInMemory(new McpAdapter(createFormsApp()), cleanups, options);
      const tools = await listPublishableTools(client);
      expect(tools.get('post_signup')!.inputSchema.properties).toEqual({
        email: { type: 'string', format: 'email' },
        plan: { type: 'string', enum: ['free', 'pro'] },
      });
      const signup = await client.callTool({
        name: 'post_signup',
        arguments: { email: 'a@b.io', plan: 'pro' },
      });
      expect(signup.isError).toBeFalsy();
      expect(signup.structuredContent).toEqual({ email: 'a@b.io', plan: 'pro' });
      const message = 'Nice "tool"\r\nreally';
      const feedback = await client.callTool({ name: 'post_feedback', arguments: { message } });
      expect(feedback.structuredContent).toEqual({ message, type: 'multipart/form-data' });
    });
  },
);
