import { Cleanups, connectInMemory } from '@backend2mcp/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateTokens, OpenApiMcpAdapter } from '../src/index.js';
import { largeDocument } from './support/large-document.js';

const cleanups = new Cleanups();
let adapter: OpenApiMcpAdapter;

beforeAll(async () => {
  adapter = new OpenApiMcpAdapter({ document: largeDocument(2000), validate: false, onWarning: () => {} });
  await adapter.ready();
});
afterAll(async () => {
  await cleanups.run();
  await adapter.close();
});

describe('a 2,000-operation document', () => {
  it('becomes 2,000 tools, listed page by page from the list built once', async () => {
    const client = await connectInMemory(adapter, cleanups);
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(2000);
    expect(new Set(tools.map((tool) => tool.name)).size).toBe(2000);
    const create = tools.find((tool) => tool.name === 'create_resource7')!;
    expect(Object.keys(create.inputSchema.properties ?? {})).toEqual(['name', 'status', 'tags', 'audit']);
    expect(Object.keys((create.inputSchema.$defs as object) ?? {})).toEqual(['Audit']);
    const before = adapter.server.tools;
    await client.listTools();
    expect(adapter.server.tools).toBe(before);
  });

  it('filters by path, tag and operationId', async () => {
    const filtered = new OpenApiMcpAdapter({
      document: largeDocument(2000),
      validate: false,
      include: [{ tags: ['group3'] }, { path: '/api/v1/group4/**' }, { name: 'get_resource1' }],
      exclude: { methods: ['DELETE'] },
      onWarning: () => {},
    });
    await filtered.ready();
    const names = filtered.tools.map((tool) => tool.name);
    expect(names).toContain('get_resource1');
    expect(names).toContain('list_resource3');
    expect(names).toContain('create_resource4');
    expect(names.some((name) => name.startsWith('delete_'))).toBe(false);
    expect(names.length).toBe(1 + 2 * 25 * 3);
    await filtered.close();
  });

  it('estimates the size of its tool list in tokens', () => {
    const text = JSON.stringify(
      adapter.server.tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
    );
    expect(estimateTokens(text)).toBe(Math.ceil(text.length / 4));
    expect(estimateTokens(text)).toBeGreaterThan(100_000);
  });
});
