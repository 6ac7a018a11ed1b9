/**
 * The OpenAPI 3.0 document of the bench app, written by hand for the peer
 * proxy (which needs one; backend2mcp reads the routes from the app instead).
 * Operation ids equal backend2mcp's tool names so every contender is called
 * with the same tool name and arguments.
 */
import { NEW_USER_SCHEMA, USER_PARAMS_SCHEMA } from './business.js';

const USER_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    ...NEW_USER_SCHEMA.properties,
  },
  required: ['id', 'name', 'email'],
} as const;

/** The document, with the app's loopback base URL as its only server. */
export function benchOpenApiDocument(baseUrl: string): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'bench users API', version: '1.0.0' },
    servers: [{ url: baseUrl }],
    paths: {
      '/users/{id}': {
        get: {
          operationId: 'get_users_by_id',
          summary: 'Fetch one user.',
          parameters: [{ name: 'id', in: 'path', required: true, schema: USER_PARAMS_SCHEMA.properties.id }],
          responses: {
            '200': { description: 'The user.', content: { 'application/json': { schema: USER_SCHEMA } } },
            '404': { description: 'No such user.' },
          },
        },
      },
      '/users': {
        post: {
          operationId: 'post_users',
          summary: 'Create a user.',
          requestBody: { required: true, content: { 'application/json': { schema: NEW_USER_SCHEMA } } },
          responses: {
            '201': { description: 'The new user.', content: { 'application/json': { schema: USER_SCHEMA } } },
          },
        },
      },
    },
  };
}
