import { describe, expect, it } from 'vitest';
import { buildTools } from './build-tools.js';

describe('buildTools', () => {
  it('types path params from the template and adds query and body arguments', () => {
    const { tools } = buildTools([
      { method: 'GET', path: '/users/:id' },
      { method: 'POST', path: '/users' },
    ]);
    expect(tools.map((tool) => tool.name)).toEqual(['get_users_by_id', 'post_users']);
    expect(tools[0]!.inputSchema).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string' },
        query: expect.objectContaining({ type: 'object', additionalProperties: true }),
      },
      required: ['id'],
      additionalProperties: false,
    });
    expect(Object.keys(tools[1]!.inputSchema.properties as object)).toEqual(['query', 'body']);
  });

  it('flattens an object body and renames fields that collide with path params', () => {
    const { tools } = buildTools([
      {
        method: 'PUT',
        path: '/users/:id',
        schemas: {
          query: { type: 'object', properties: { dryRun: { type: 'boolean' } } },
          body: {
            type: 'object',
            properties: { id: { type: 'string' }, name: { type: 'string' } },
            required: ['name'],
          },
        },
      },
    ]);
    const tool = tools[0]!;
    expect(tool.inputSchema).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string' },
        dryRun: { type: 'boolean' },
        body_id: { type: 'string' },
        name: { type: 'string' },
      },
      required: ['id', 'name'],
      additionalProperties: false,
    });
    expect(tool.binding.arguments).toEqual([
      { arg: 'id', location: 'path', name: 'id' },
      { arg: 'dryRun', location: 'query', name: 'dryRun' },
      { arg: 'body_id', location: 'body', name: 'id' },
      { arg: 'name', location: 'body', name: 'name' },
    ]);
  });

  it('keeps a declared JSON Schema 2020-12 dialect and drops any other', () => {
    const dialect = 'https://json-schema.org/draft/2020-12/schema';
    const body = (schema: string) => ({
      $schema: schema,
      type: 'object',
      properties: { name: { type: 'string' } },
    });
    const { tools } = buildTools([
      { method: 'POST', path: '/a', schemas: { body: body(dialect) } },
      { method: 'POST', path: '/b', schemas: { body: body(`${dialect}#`) } },
      { method: 'POST', path: '/c', schemas: { body: body('http://json-schema.org/draft-07/schema#') } },
      {
        method: 'POST',
        path: '/d',
        schemas: { body: body(dialect), query: body('http://json-schema.org/draft-07/schema#') },
      },
    ]);
    expect(tools.map((tool) => tool.inputSchema.$schema)).toEqual([dialect, dialect, undefined, undefined]);
  });

  it('carries whole-object constraints of a flattened body to the input schema root', () => {
    const body = {
      type: 'object',
      properties: {
        contactMethod: { enum: ['phone', 'email'] },
        phone: { type: 'string' },
        email: { type: 'string' },
      },
      allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
      if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
      // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, not a thenable
      then: { required: ['phone'] },
      else: { required: ['email'] },
      dependentRequired: { phone: ['contactMethod'] },
    };
    const { tools } = buildTools([{ method: 'POST', path: '/contacts', schemas: { body } }]);
    const { properties: _properties, type: _type, ...constraints } = body;
    expect(tools[0]!.inputSchema).toEqual({
      type: 'object',
      properties: body.properties,
      additionalProperties: false,
      ...constraints,
    });
  });

  it('combines the constraints of several flattened schemas with allOf', () => {
    const { tools } = buildTools([
      {
        method: 'POST',
        path: '/search',
        schemas: {
          query: {
            type: 'object',
            properties: { a: {}, b: {} },
            oneOf: [{ required: ['a'] }, { required: ['b'] }],
          },
          body: { type: 'object', properties: { c: {}, d: {} }, not: { required: ['c', 'd'] } },
        },
      },
    ]);
    expect(tools[0]!.inputSchema.allOf).toEqual([
      { oneOf: [{ required: ['a'] }, { required: ['b'] }] },
      { not: { required: ['c', 'd'] } },
    ]);
  });

  it('does not carry constraints that would name a renamed field', () => {
    const { tools } = buildTools([
      {
        method: 'PUT',
        path: '/users/:id',
        schemas: {
          body: { type: 'object', properties: { id: {}, name: {} }, anyOf: [{ required: ['id'] }] },
        },
      },
      {
        method: 'GET',
        path: '/me',
        schemas: {
          headers: { type: 'object', properties: { 'X-Token': {} }, anyOf: [{ required: ['X-Token'] }] },
        },
      },
    ]);
    expect(tools.map((tool) => tool.inputSchema.anyOf)).toEqual([undefined, undefined]);
  });

  it('keeps a non-object body as one required body argument', () => {
    const { tools } = buildTools([
      { method: 'POST', path: '/tags', schemas: { body: { type: 'array', items: { type: 'string' } } } },
    ]);
    expect(tools[0]!.inputSchema.properties).toMatchObject({
      body: { type: 'array', items: { type: 'string' } },
    });
    expect(tools[0]!.inputSchema.required).toEqual(['body']);
    expect(tools[0]!.binding.arguments.at(-1)).toEqual({
      arg: 'body',
      location: 'body',
      name: 'body',
      whole: true,
    });
  });

  it('types an Express 4 numeric param as integer and marks optional and wildcard params', () => {
    const { tools } = buildTools([
      { method: 'GET', path: '/items/:id{/:format}', paramPatterns: { id: '\\d+' } },
      { method: 'GET', path: '/files/*path' },
    ]);
    expect(tools[0]!.inputSchema.properties).toMatchObject({
      id: { type: 'integer', minimum: 0 },
      format: { type: 'string' },
    });
    expect(tools[0]!.inputSchema.required).toEqual(['id']);
    expect(tools[1]!.inputSchema.properties).toMatchObject({ path: { type: 'string' } });
  });

  it('derives annotations from the method, and lets route metadata override them', () => {
    const { tools } = buildTools([
      { method: 'GET', path: '/a' },
      { method: 'POST', path: '/a' },
      { method: 'PUT', path: '/a' },
      { method: 'DELETE', path: '/a' },
      { method: 'PATCH', path: '/a', meta: { annotations: { idempotentHint: true } } },
    ]);
    expect(tools.map((tool) => tool.annotations)).toEqual([
      { title: 'GET /a', readOnlyHint: true },
      { title: 'POST /a', readOnlyHint: false, destructiveHint: false, idempotentHint: false },
      { title: 'PUT /a', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
      { title: 'DELETE /a', readOnlyHint: false, destructiveHint: true, idempotentHint: true },
      { title: 'PATCH /a', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
    ]);
  });

  it('applies name, title, description and hidden overrides', () => {
    const { tools } = buildTools([
      {
        method: 'GET',
        path: '/users/:id',
        meta: { name: 'fetch_user', title: 'Fetch user', description: 'One user.' },
      },
      { method: 'GET', path: '/internal', meta: { hidden: true } },
    ]);
    expect(tools).toHaveLength(1);
    expect(tools[0]).toMatchObject({ name: 'fetch_user', title: 'Fetch user', description: 'One user.' });
  });

  it('checks responses against a declared response schema but publishes it only when the route opts in', () => {
    const response = { type: 'array', items: { type: 'integer' } };
    const { tools } = buildTools([
      { method: 'GET', path: '/ids', schemas: { response } },
      { method: 'GET', path: '/opted', schemas: { response }, meta: { publishOutputSchema: true } },
      { method: 'GET', path: '/given', meta: { outputSchema: response } },
    ]);
    expect(tools.map((tool) => [tool.name, tool.outputSchema, tool.responseSchema])).toEqual([
      ['get_ids', undefined, response],
      ['get_opted', response, response],
      ['get_given', response, response],
    ]);
  });

  it('publishes every declared JSON response schema with outputSchemas: "declared", unless a route opts out', () => {
    const response = { type: 'object', properties: { id: { type: 'integer' } } };
    const { tools } = buildTools(
      [
        { method: 'GET', path: '/a', schemas: { response } },
        { method: 'GET', path: '/b', schemas: { response }, meta: { publishOutputSchema: false } },
        {
          method: 'GET',
          path: '/c.csv',
          schemas: { response: { type: 'string', contentMediaType: 'text/csv' } },
        },
      ],
      { outputSchemas: 'declared' },
    );
    expect(tools.map((tool) => tool.outputSchema)).toEqual([response, undefined, undefined]);
    expect(tools[2]!.responseSchema).toBeUndefined();
  });

  it('skips a route whose template cannot be parsed, with the reason, and keeps the others', () => {
    const skipped: string[] = [];
    const { tools } = buildTools(
      [
        { method: 'GET', path: '/bad/:' },
        { method: 'GET', path: '/good' },
      ],
      { onSkip: (entry) => skipped.push(entry.route) },
    );
    expect(tools.map((tool) => tool.name)).toEqual(['get_good']);
    expect(skipped).toEqual(['GET /bad/:']);
  });

  it('lifts $defs of a recursive body schema to the root so references resolve', () => {
    const { tools } = buildTools([
      {
        method: 'POST',
        path: '/trees',
        schemas: {
          body: {
            type: 'object',
            properties: { root: { $ref: '#/$defs/node' } },
            $defs: {
              node: {
                type: 'object',
                properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } },
              },
            },
          },
        },
      },
    ]);
    expect(tools[0]!.inputSchema.$defs).toHaveProperty('node');
    expect(tools[0]!.inputSchema.properties).toMatchObject({ root: { $ref: '#/$defs/node' } });
  });
});

describe('static checks on the tools built', () => {
  it('gives an array schema without items an explicit items: {} and says where', () => {
    const warnings: string[] = [];
    const { tools } = buildTools(
      [
        {
          method: 'POST',
          path: '/tags',
          schemas: {
            body: {
              type: 'object',
              properties: { tags: { type: 'array' }, fixed: { enum: [{ type: 'array' }] } },
            },
          },
        },
      ],
      { onWarning: (message) => warnings.push(message) },
    );
    expect(tools[0]!.inputSchema.properties).toEqual({
      tags: { type: 'array', items: {} },
      fixed: { enum: [{ type: 'array' }] },
    });
    expect(warnings).toEqual([
      'backend2mcp: POST /tags: the array schema at /properties/tags has no "items"; it accepts any items.',
    ]);
  });

  it('keeps a route whose response schema is not valid JSON Schema, without an output schema and with a warning', () => {
    const warnings: string[] = [];
    const { tools, skipped } = buildTools(
      [
        { method: 'GET', path: '/ok' },
        {
          method: 'GET',
          path: '/broken',
          schemas: { response: { type: 'object', properties: 'not-a-map' } },
        },
      ],
      { onWarning: (message) => warnings.push(message), outputSchemas: 'declared' },
    );
    expect(skipped).toEqual([]);
    expect(tools.map((tool) => [tool.name, tool.outputSchema])).toEqual([
      ['get_ok', undefined],
      ['get_broken', undefined],
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^backend2mcp: GET \/broken: its response schema is not published nor checked: not valid JSON Schema 2020-12: schema\/properties must be object/,
      ),
    ]);
  });

  it('keeps the first route that asks for an explicit name and skips the next, instead of failing', () => {
    const { tools, skipped } = buildTools([
      { method: 'GET', path: '/a', meta: { name: 'list' } },
      { method: 'GET', path: '/b', meta: { name: 'list' } },
      { method: 'GET', path: '/c', meta: { name: 'bad name!' } },
    ]);
    expect(tools.map((tool) => `${tool.name} ${tool.route.path}`)).toEqual(['list /a']);
    expect(skipped.map((entry) => entry.route)).toEqual(['GET /b', 'GET /c']);
    expect(skipped[0]!.reason).toBe(
      'the tool name "list" is already given to GET /a; give this route another name',
    );
  });

  it('splits a whole inputSchema override into path and query (GET) or body (POST) arguments', () => {
    const inputSchema = {
      type: 'object',
      properties: { id: { type: 'integer' }, verbose: { type: 'boolean' } },
      required: ['id'],
    };
    const { tools } = buildTools([
      { method: 'GET', path: '/users/:id', meta: { inputSchema } },
      { method: 'POST', path: '/users/:id', meta: { inputSchema } },
    ]);
    expect(tools.map((tool) => tool.binding.arguments.map((arg) => `${arg.arg}:${arg.location}`))).toEqual([
      ['id:path', 'verbose:query'],
      ['id:path', 'verbose:body'],
    ]);
    expect(tools[0]!.inputSchema).toMatchObject({
      properties: { id: { type: 'integer' } },
      required: ['id'],
    });
  });

  it('reads schema-library objects through their JSON Schema export', () => {
    const librarySchema = {
      '~standard': {
        vendor: 'fake',
        jsonSchema: {
          input: () => ({
            $schema: 'https://json-schema.org/draft/2020-12/schema',
            type: 'object',
            properties: { q: { type: 'string' } },
          }),
          output: () => ({}),
        },
      },
    };
    const { tools } = buildTools([
      { method: 'GET', path: '/search', meta: { schemas: { query: librarySchema } } },
    ]);
    expect(tools[0]!.inputSchema.properties).toEqual({ q: { type: 'string' } });
  });

  it('skips a route whose schema library cannot export JSON Schema', () => {
    const { skipped } = buildTools([
      {
        method: 'GET',
        path: '/x',
        meta: { schemas: { query: { '~standard': { vendor: 'opaque' } } as never } },
      },
    ]);
    expect(skipped[0]!.reason).toContain('the opaque schema cannot export JSON Schema');
  });
});
