import { McpAdapter } from '@backend2mcp/express';
import { createApp, PIXEL_PNG } from './app.js';

/** GET routes served as MCP resources, `test://<path>`, as the suite names them. */
export const RESOURCE_ROUTES = ['/static-text', '/static-binary', '/template/:id/data', '/watched-resource'];

/**
 * The conformance server: the app's routes as tools and resources, plus the
 * prompts the suite reads (prompts are not routes, so they are hand-written).
 */
export function createAdapter(): McpAdapter {
  const adapter = new McpAdapter(createApp(), {
    name: 'backend2mcp-conformance',
    version: '1.0.0',
    routeMaps: [{ methods: ['GET'], path: RESOURCE_ROUTES, as: 'resource' }],
    resourceScheme: 'test',
  });
  adapter.prompt('test_simple_prompt', { description: 'A simple prompt without arguments.' }, () => ({
    messages: [{ role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } }],
  }));
  adapter.prompt(
    'test_prompt_with_arguments',
    {
      description: 'A prompt with two required arguments.',
      arguments: [
        { name: 'arg1', description: 'First test argument', required: true },
        { name: 'arg2', description: 'Second test argument', required: true },
      ],
      complete: {
        arg1: (value) =>
          ['paris', 'park', 'party', 'test', 'testing'].filter((word) => word.startsWith(value)),
      },
    },
    ({ arg1, arg2 }) => ({
      messages: [
        {
          role: 'user',
          content: { type: 'text', text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` },
        },
      ],
    }),
  );
  adapter.prompt(
    'test_prompt_with_embedded_resource',
    {
      description: 'A prompt that embeds a resource.',
      arguments: [{ name: 'resourceUri', description: 'URI of the resource to embed', required: true }],
    },
    ({ resourceUri }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'resource',
            resource: {
              uri: resourceUri!,
              mimeType: 'text/plain',
              text: 'Embedded resource content for testing.',
            },
          },
        },
        { role: 'user', content: { type: 'text', text: 'Please process the embedded resource above.' } },
      ],
    }),
  );
  adapter.prompt('test_prompt_with_image', { description: 'A prompt with an image.' }, () => ({
    messages: [
      { role: 'user', content: { type: 'image', data: PIXEL_PNG.toString('base64'), mimeType: 'image/png' } },
      { role: 'user', content: { type: 'text', text: 'Please analyze the image above.' } },
    ],
  }));
  return adapter;
}
