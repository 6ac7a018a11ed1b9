import { McpAdapter } from '@backend2mcp/fastify';
import { Cleanups, connectInMemory, listPublishableTools } from '@backend2mcp/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonSchemaApp } from './json-schema-app.js';
import { createTypedApp } from './typed-app.js';
import { createZodApp } from './zod-app.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

describe('the Fastify examples publish only schemas a strict client accepts', () => {
  it.each([
    ['fluent-json-schema and TypeBox', createTypedApp, 5],
    ['JSON Schema with shared $id schemas', createJsonSchemaApp, undefined],
    ['zod through fastify-type-provider-zod', createZodApp, undefined],
  ] as const)(
    '%s: every input and output schema compiles with ajv 2020 in strict mode',
    async (_label, create, count) => {
      const client = await connectInMemory(new McpAdapter(create()), cleanups);
      const tools = await listPublishableTools(client, { strict: true });
      expect(tools.size).toBeGreaterThan(0);
      if (count !== undefined) expect(tools.size).toBe(count);
    },
  );
});
