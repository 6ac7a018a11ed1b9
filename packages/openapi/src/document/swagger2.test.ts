import { describe, expect, it } from 'vitest';
import { swagger2ToOpenApi3 } from './swagger2.js';

describe('Swagger 2.0 as OpenAPI 3.0', () => {
  const swagger = {
    swagger: '2.0',
    info: { title: 'Gin app', version: '1' },
    host: 'api.example.test:8080',
    basePath: '/v1',
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    securityDefinitions: {
      key: { type: 'apiKey', in: 'header', name: 'X-Key' },
      machine: {
        type: 'oauth2',
        flow: 'application',
        tokenUrl: 'https://auth.test/token',
        scopes: { read: 'r' },
      },
    },
    parameters: { Limit: { name: 'limit', in: 'query', type: 'integer' } },
    definitions: { User: { type: 'object', properties: { id: { type: 'integer' } } } },
    paths: {
      '/users/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, type: 'integer' }],
        put: {
          operationId: 'putUser',
          parameters: [
            { $ref: '#/parameters/Limit' },
            { name: 'ids', in: 'query', type: 'array', items: { type: 'integer' } },
            {
              name: 'tags',
              in: 'query',
              type: 'array',
              items: { type: 'string' },
              collectionFormat: 'multi',
            },
            { name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/User' } },
          ],
          responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/User' } } },
        },
      },
      '/upload': {
        post: {
          operationId: 'upload',
          parameters: [
            { name: 'file', in: 'formData', type: 'file', required: true },
            { name: 'note', in: 'formData', type: 'string' },
          ],
        },
      },
    },
  };
  const converted = swagger2ToOpenApi3(swagger, undefined) as Record<string, any>;

  it('builds servers from schemes, host and basePath', () => {
    expect(converted.servers).toEqual([{ url: 'https://api.example.test:8080/v1' }]);
  });

  it('turns body parameters into a request body and definitions into components', () => {
    const put = converted.paths['/users/{id}'].put;
    expect(put.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } },
    });
    expect(put.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/User',
    });
    expect(converted.components.schemas.User).toEqual(swagger.definitions.User);
  });

  it('merges path-level parameters and gives collectionFormat as style/explode (csv by default)', () => {
    const parameters = converted.paths['/users/{id}'].put.parameters;
    expect(parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
      { name: 'limit', in: 'query', schema: { type: 'integer' } },
      {
        name: 'ids',
        in: 'query',
        schema: { type: 'array', items: { type: 'integer' } },
        style: 'form',
        explode: false,
      },
      {
        name: 'tags',
        in: 'query',
        schema: { type: 'array', items: { type: 'string' } },
        style: 'form',
        explode: true,
      },
    ]);
  });

  it('turns formData with a file into a multipart body with a binary field', () => {
    expect(converted.paths['/upload'].post.requestBody).toEqual({
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: { file: { type: 'string', format: 'binary' }, note: { type: 'string' } },
            required: ['file'],
          },
        },
      },
    });
  });

  it('maps security definitions, the application flow to client credentials', () => {
    expect(converted.components.securitySchemes).toEqual({
      key: { type: 'apiKey', in: 'header', name: 'X-Key' },
      machine: {
        type: 'oauth2',
        flows: {
          clientCredentials: {
            tokenUrl: 'https://auth.test/token',
            authorizationUrl: undefined,
            scopes: { read: 'r' },
          },
        },
      },
    });
  });
});
