import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from './adapter.js';
import { CONTACT_SCHEMA, createApp, PIXEL_PNG, TONE_WAV } from './app.js';

// The same expectations the conformance suite has, checked in process so `pnpm test` catches a
// regression without the suite (scripts/conformance.mjs runs the suite itself over HTTP).
describe('the conformance fixtures as backend2mcp tools', () => {
  const client = new Client({ name: 'conformance-example-test', version: '1.0.0' });
  let close: () => Promise<void>;

  beforeAll(async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const handle = createAdapter().connect(serverSide);
    await client.connect(clientSide);
    close = async () => {
      await client.close();
      await handle.close();
    };
  });
  afterAll(() => close());

  it('lists every fixture tool with a description and an input schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'json_schema_2020_12_tool',
      'test_audio_content',
      'test_embedded_resource',
      'test_error_handling',
      'test_image_content',
      'test_logging_tool',
      'test_multiple_content_types',
      'test_simple_text',
      'test_tool_with_logging',
      'test_tool_with_progress',
    ]);
    for (const tool of tools) {
      expect(tool.description).toBeTruthy();
      expect(tool.inputSchema.type).toBe('object');
    }
  });

  it('keeps the JSON Schema 2020-12 features of a declared body', async () => {
    const { tools } = await client.listTools();
    const schema = tools.find((tool) => tool.name === 'json_schema_2020_12_tool')!.inputSchema;
    expect(schema).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: CONTACT_SCHEMA.properties,
      $defs: CONTACT_SCHEMA.$defs,
      allOf: CONTACT_SCHEMA.allOf,
      if: CONTACT_SCHEMA.if,
      // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, not a thenable
      then: CONTACT_SCHEMA.then,
      else: CONTACT_SCHEMA.else,
      additionalProperties: false,
    });
    const missingPhone = await client.callTool({
      name: 'json_schema_2020_12_tool',
      arguments: { name: 'Ada', contactMethod: 'phone', email: 'ada@example.com' },
    });
    expect(missingPhone.isError).toBe(true);
    expect(missingPhone.content).toEqual([
      expect.objectContaining({ text: expect.stringContaining('"phone" is required') }),
    ]);
    const saved = await client.callTool({
      name: 'json_schema_2020_12_tool',
      arguments: { name: 'Ada', contactMethod: 'phone', phone: '555', address: { city: 'London' } },
    });
    expect(saved.structuredContent).toEqual({
      saved: { name: 'Ada', contactMethod: 'phone', phone: '555', address: { city: 'London' } },
    });
  });

  it('maps text, image and audio responses to their content types', async () => {
    expect((await client.callTool({ name: 'test_simple_text' })).content).toEqual([
      { type: 'text', text: 'This is a simple text response for testing.' },
    ]);
    expect((await client.callTool({ name: 'test_image_content', arguments: {} })).content).toEqual([
      { type: 'image', data: PIXEL_PNG.toString('base64'), mimeType: 'image/png' },
    ]);
    expect((await client.callTool({ name: 'test_audio_content', arguments: {} })).content).toEqual([
      { type: 'audio', data: TONE_WAV.toString('base64'), mimeType: 'audio/wav' },
    ]);
  });

  it('passes content blocks a route answers as MCP content through', async () => {
    expect((await client.callTool({ name: 'test_embedded_resource', arguments: {} })).content).toEqual([
      {
        type: 'resource',
        resource: {
          uri: 'test://embedded-resource',
          mimeType: 'text/plain',
          text: 'This is an embedded resource content.',
        },
      },
    ]);
    const mixed = await client.callTool({ name: 'test_multiple_content_types', arguments: {} });
    expect(mixed.content.map((block) => block.type)).toEqual(['text', 'image', 'resource']);
  });

  it('reports a failing route as an error result with its message', async () => {
    expect(await client.callTool({ name: 'test_error_handling', arguments: {} })).toEqual({
      isError: true,
      content: [
        {
          type: 'text',
          text: 'HTTP 500 Internal Server Error\nThis tool intentionally returns an error for testing',
        },
      ],
    });
  });

  it('sends the progress a route reports', async () => {
    const progress: number[] = [];
    const result = await client.callTool(
      { name: 'test_tool_with_progress', arguments: {} },
      { onprogress: ({ progress: value, total }) => progress.push(total === 100 ? value : -1) },
    );
    expect(result.isError).toBeFalsy();
    expect(progress).toEqual([0, 50, 100]);
  });

  it('sends the log messages a route writes', async () => {
    const logs: unknown[] = [];
    client.setNotificationHandler('notifications/message', (notification) => {
      logs.push([notification.params.level, notification.params.data]);
    });
    await client.setLoggingLevel('debug');
    await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logs).toEqual([
      ['info', 'Tool execution started'],
      ['info', 'Tool processing data'],
      ['info', 'Tool execution completed'],
    ]);
  });

  it('serves the same routes over plain HTTP', async () => {
    const server = createApp().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      const text = await fetch(`http://127.0.0.1:${port}/simple-text`);
      expect(await text.text()).toBe('This is a simple text response for testing.');
      const error = await fetch(`http://127.0.0.1:${port}/error`);
      expect(error.status).toBe(500);
    } finally {
      server.close();
    }
  });
});

describe('the conformance resources and prompts', () => {
  const client = new Client({ name: 'conformance-example-test', version: '1.0.0' });
  const updated: string[] = [];
  const adapter = createAdapter();
  let close: () => Promise<void>;

  beforeAll(async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const handle = adapter.connect(serverSide);
    client.setNotificationHandler('notifications/resources/updated', (notification) => {
      updated.push(notification.params.uri);
    });
    await client.connect(clientSide);
    close = async () => {
      await client.close();
      await handle.close();
    };
  });
  afterAll(() => close());

  it('serves the GET routes as test:// resources and a template', async () => {
    expect((await client.listResources()).resources.map((resource) => resource.uri)).toEqual([
      'test://static-text',
      'test://static-binary',
      'test://watched-resource',
    ]);
    expect(
      (await client.listResourceTemplates()).resourceTemplates.map((template) => template.uriTemplate),
    ).toEqual(['test://template/{id}/data']);
    expect((await client.readResource({ uri: 'test://static-text' })).contents).toEqual([
      {
        uri: 'test://static-text',
        mimeType: 'text/plain',
        text: 'This is the content of the static text resource.',
      },
    ]);
    expect((await client.readResource({ uri: 'test://static-binary' })).contents).toEqual([
      { uri: 'test://static-binary', mimeType: 'image/png', blob: PIXEL_PNG.toString('base64') },
    ]);
    const templated = await client.readResource({ uri: 'test://template/123/data' });
    expect(JSON.parse((templated.contents[0] as { text: string }).text)).toEqual({
      id: '123',
      data: 'Data for resource 123',
    });
    expect(await client.subscribeResource({ uri: 'test://watched-resource' })).toEqual({});
    adapter.resourceUpdated('test://watched-resource');
    adapter.resourceUpdated('test://static-text'); // nobody subscribed
    await expect.poll(() => updated).toEqual(['test://watched-resource']);
    expect(await client.unsubscribeResource({ uri: 'test://watched-resource' })).toEqual({});
    adapter.resourceUpdated('test://watched-resource');
    await expect(client.subscribeResource({ uri: 'test://nothing' })).rejects.toThrow(/Resource not found/);
    expect(updated).toEqual(['test://watched-resource']);
  });

  it('serves the prompts, with completion for arg1', async () => {
    expect((await client.listPrompts()).prompts.map((prompt) => prompt.name)).toEqual([
      'test_simple_prompt',
      'test_prompt_with_arguments',
      'test_prompt_with_embedded_resource',
      'test_prompt_with_image',
    ]);
    const withArgs = await client.getPrompt({
      name: 'test_prompt_with_arguments',
      arguments: { arg1: 'a', arg2: 'b' },
    });
    expect(withArgs.messages).toEqual([
      { role: 'user', content: { type: 'text', text: "Prompt with arguments: arg1='a', arg2='b'" } },
    ]);
    const completion = await client.complete({
      ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' },
      argument: { name: 'arg1', value: 'par' },
    });
    expect(completion.completion).toEqual({ values: ['paris', 'park', 'party'], total: 3, hasMore: false });
  });
});
