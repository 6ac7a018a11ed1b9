import { Cleanups, connectInMemory, describeToolSurface, textOf } from '@backend2mcp/test-support';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { McpAdapter } from '../src/index.js';
import { fastifySurfaceFixture } from './fixtures/surface-app.js';

describeToolSurface('fastify', fastifySurfaceFixture);

describe('fastify adapter: zod overrides in config.mcp', () => {
  const cleanups = new Cleanups();
  afterEach(() => cleanups.run());

  it('turns a zod inputSchema and outputSchema into the tool schemas and validates with them', async () => {
    const app = Fastify();
    app.get<{ Querystring: { q: string; limit?: string } }>(
      '/find',
      {
        config: {
          mcp: {
            inputSchema: z.object({ q: z.string().min(1), limit: z.number().int().default(10) }),
            outputSchema: z.object({ found: z.string() }),
          },
        },
      },
      async (request) => ({ found: `${request.query.q}:${request.query.limit ?? 'none'}` }),
    );
    const client = await connectInMemory(new McpAdapter(app), cleanups);
    const [tool] = (await client.listTools()).tools;
    expect(tool!.inputSchema).toMatchObject({
      properties: { q: { type: 'string', minLength: 1 }, limit: { type: 'integer', default: 10 } },
      required: ['q'],
    });
    expect(tool!.outputSchema).toMatchObject({
      properties: { found: { type: 'string' } },
      required: ['found'],
    });
    const result = await client.callTool({ name: 'get_find', arguments: { q: 'ada', limit: 3 } });
    expect(result.structuredContent).toEqual({ found: 'ada:3' });
    const invalid = await client.callTool({ name: 'get_find', arguments: { q: '' } });
    expect(invalid.isError).toBe(true);
    expect(textOf(invalid)).toContain('"q"');
  });
});
