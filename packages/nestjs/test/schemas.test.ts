import 'reflect-metadata';
import { Cleanups, connectInMemory, textOf } from '@backend2mcp/test-support';
import { Body, Controller, HttpCode, Module, Post, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpAdapter, type McpAdapterOptions } from '../src/index.js';
import { createCatsApp } from './fixtures/cats-app.js';

const cleanups = new Cleanups();
afterAll(() => cleanups.run());

async function toolsOf(options: McpAdapterOptions) {
  const { app } = await createCatsApp('express');
  cleanups.add(() => app.close());
  const adapter = new McpAdapter(app, { onWarning: () => {}, ...options });
  const client = await connectInMemory(adapter, cleanups);
  const { tools } = await client.listTools();
  return { client, tool: (name: string) => tools.find((tool) => tool.name === name)! };
}

describe('nest schemas from @nestjs/swagger (the document Nest builds)', () => {
  let found: Awaited<ReturnType<typeof toolsOf>>;
  beforeAll(async () => {
    // @ApiResponse schemas are published as outputSchema when the server says so (core's rule: opt-in).
    found = await toolsOf({ outputSchemas: 'declared' });
  });

  it('types the query DTO, the path param and the body from the OpenAPI document', () => {
    expect(found.tool('get_api_v1_cats').inputSchema.properties).toEqual({
      limit: { type: 'number', minimum: 1 },
    });
    expect(found.tool('get_api_v1_cats_by_id').inputSchema).toMatchObject({
      properties: { id: { type: 'number' } },
      required: ['id'],
    });
    expect(found.tool('post_api_v1_cats').inputSchema).toMatchObject({
      properties: {
        name: { type: 'string', minLength: 2, description: 'The name of the cat' },
        age: { type: 'number', minimum: 0, maximum: 30 },
      },
      required: ['name', 'age'],
    });
  });

  it('describes the tool with @ApiOperation and gives @ApiResponse as its output schema', async () => {
    const list = found.tool('get_api_v1_cats');
    expect(list.title).toBe('List cats');
    expect(list.description).toBe('Every cat, up to `limit`.');
    expect(list.outputSchema).toMatchObject({
      type: 'object',
      properties: { cats: { type: 'array' }, tenant: { type: 'string' } },
    });
    const result = await found.client.callTool({ name: 'get_api_v1_cats', arguments: { limit: 1 } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ cats: [{ id: 1, name: 'Tom', age: 3 }] });
  });

  it('rejects arguments the DTO forbids before the request, and the ValidationPipe still has the last word', async () => {
    const invalid = await found.client.callTool({
      name: 'post_api_v1_cats',
      arguments: { name: 'A', age: 3 },
    });
    expect(invalid.isError).toBe(true);
    expect(textOf(invalid)).toContain('Invalid arguments');
    const fractional = await found.client.callTool({
      name: 'post_api_v1_cats',
      arguments: { name: 'Kit', age: 1.5 },
    });
    expect(fractional.isError).toBe(true);
    expect(textOf(fractional)).toContain('age must be an integer number');
  });
});

describe('nest schemas from class-validator DTOs and parameter decorators (no swagger)', () => {
  it('turns the DTO constraints the ValidationPipe enforces into the input schema', async () => {
    const { tool } = await toolsOf({ schemas: 'dto' });
    expect(tool('post_api_v1_cats').inputSchema).toMatchObject({
      properties: {
        name: { type: 'string', minLength: 2 },
        age: { type: 'integer', minimum: 0, maximum: 30 },
      },
      required: ['name', 'age'],
    });
    expect(tool('get_api_v1_cats').inputSchema.properties).toEqual({
      limit: { type: 'integer', minimum: 1 },
    });
    expect(tool('get_api_v1_cats_by_id').inputSchema.properties).toEqual({ id: { type: 'integer' } });
    expect(tool('get_api_echo_headers').inputSchema.properties).toEqual({ 'x-trace': { type: 'string' } });
  });

  it('gives string path params and a free-form query with schemas: none', async () => {
    const { tool } = await toolsOf({ schemas: 'none' });
    expect(tool('get_api_v1_cats_by_id').inputSchema.properties).toMatchObject({
      id: { type: 'string' },
      query: { type: 'object', additionalProperties: true },
    });
    expect(tool('get_api_v1_cats').title).toBe('GET /api/v1/cats');
  });
});

@Controller('forms')
class FormsController {
  @Post()
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } })
  create(@Body() body: unknown, @Req() request: { headers: Record<string, string> }) {
    return { body, type: request.headers['content-type'] };
  }
}

@Module({ controllers: [FormsController] })
class FormsModule {}

describe('nest schemas: a form body (@ApiConsumes)', () => {
  it('sends the body encoded as the operation declares it', async () => {
    const app = await NestFactory.create(FormsModule, new ExpressAdapter(), {
      logger: false,
      abortOnError: false,
    });
    cleanups.add(() => app.close());
    const client = await connectInMemory(new McpAdapter(app, { onWarning: () => {} }), cleanups);
    const { tools } = await client.listTools();
    expect(tools.find((tool) => tool.name === 'post_forms')?.inputSchema).toMatchObject({
      properties: { name: { type: 'string' } },
      required: ['name'],
    });
    const result = await client.callTool({ name: 'post_forms', arguments: { name: 'Ada Lovelace' } });
    expect(result.structuredContent).toEqual({
      body: { name: 'Ada Lovelace' },
      type: 'application/x-www-form-urlencoded',
    });
  });
});
