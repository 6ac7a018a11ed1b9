import { MCP_CONTENT_TYPE, mcp } from '@backend2mcp/express';
import express, { type NextFunction, type Request, type Response } from 'express';

/** A 1x1 PNG. */
export const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** A tenth of a second of a 440 Hz tone: 8 kHz, mono, 16-bit PCM in a RIFF/WAVE container. */
export const TONE_WAV = wav(440, 0.1, 8000);

/** The body of POST /contacts, in JSON Schema 2020-12. */
export const CONTACT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: {
    address: {
      $anchor: 'addressDef',
      type: 'object',
      properties: { street: { type: 'string' }, city: { type: 'string' } },
    },
  },
  properties: {
    name: { type: 'string' },
    address: { $ref: '#/$defs/address' },
    contactMethod: { type: 'string', enum: ['phone', 'email'] },
    phone: { type: 'string' },
    email: { type: 'string' },
  },
  allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
  if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
  // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, not a thenable
  then: { required: ['phone'] },
  else: { required: ['email'] },
  additionalProperties: false,
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Plain Express routes implementing the fixture tools of the official MCP
 * conformance suite (`@modelcontextprotocol/conformance`). Each is an ordinary
 * route that works over HTTP too; `mcp({ name })` only gives it the name the
 * suite calls, and `req.mcp` is used where the fixture talks back to the caller
 * (progress, logging).
 */
export function createApp() {
  const app = express();
  app.use(express.json());

  app.get(
    '/simple-text',
    mcp({ name: 'test_simple_text', description: 'Returns a simple text response.' }),
    (_req, res) => {
      res.type('text/plain').send('This is a simple text response for testing.');
    },
  );

  app.get('/image', mcp({ name: 'test_image_content', description: 'Returns a PNG image.' }), (_req, res) => {
    res.type('image/png').send(PIXEL_PNG);
  });

  app.get(
    '/audio',
    mcp({ name: 'test_audio_content', description: 'Returns a WAV audio clip.' }),
    (_req, res) => {
      res.type('audio/wav').send(TONE_WAV);
    },
  );

  // Routes that want a result the one-body mapping cannot express answer MCP content themselves.
  app.get(
    '/embedded-resource',
    mcp({ name: 'test_embedded_resource', description: 'Returns an embedded text resource.' }),
    (_req, res) => {
      res.type(MCP_CONTENT_TYPE).json({
        content: [
          {
            type: 'resource',
            resource: {
              uri: 'test://embedded-resource',
              mimeType: 'text/plain',
              text: 'This is an embedded resource content.',
            },
          },
        ],
      });
    },
  );

  app.get(
    '/multiple-content-types',
    mcp({
      name: 'test_multiple_content_types',
      description: 'Returns text, an image and an embedded resource in one result.',
    }),
    (_req, res) => {
      res.type(MCP_CONTENT_TYPE).json({
        content: [
          { type: 'text', text: 'Multiple content types test:' },
          { type: 'image', data: PIXEL_PNG.toString('base64'), mimeType: 'image/png' },
          {
            type: 'resource',
            resource: {
              uri: 'test://mixed-content-resource',
              mimeType: 'application/json',
              text: JSON.stringify({ test: 'data', value: 123 }),
            },
          },
        ],
      });
    },
  );

  app.get(
    '/error',
    mcp({ name: 'test_error_handling', description: 'Always fails.' }),
    (_req, _res, next) => {
      next(new Error('This tool intentionally returns an error for testing'));
    },
  );

  app.post(
    '/progress',
    mcp({ name: 'test_tool_with_progress', description: 'Reports progress 0, 50 and 100 of 100.' }),
    async (req, res) => {
      for (const progress of [0, 50, 100]) {
        if (progress > 0) await pause(50);
        await req.mcp?.reportProgress(progress, 100, `${progress}% done`);
      }
      res.type('text/plain').send('Progress reported: 0, 50 and 100 of 100.');
    },
  );

  app.post(
    '/logging',
    mcp({ name: 'test_tool_with_logging', description: 'Sends three info log messages while it runs.' }),
    async (req, res) => {
      await req.mcp?.log('info', 'Tool execution started');
      await pause(50);
      await req.mcp?.log('info', 'Tool processing data');
      await pause(50);
      await req.mcp?.log('info', 'Tool execution completed');
      res.type('text/plain').send('Logged three messages.');
    },
  );

  // The 2026-07-28 suite checks that a route's log messages reach only callers that asked for them.
  app.post(
    '/log-once',
    mcp({ name: 'test_logging_tool', description: 'Sends one info log message.' }),
    async (req, res) => {
      await req.mcp?.log('info', 'A log message the caller receives only if it set a log level');
      res.type('text/plain').send('Logged one message.');
    },
  );

  // A route that declares its body in JSON Schema 2020-12: the tool's input schema keeps the dialect,
  // the $defs (with their $anchor) and the whole-object constraints (allOf/anyOf, if/then/else).
  app.post(
    '/contacts',
    mcp({
      name: 'json_schema_2020_12_tool',
      description: 'Tool with JSON Schema 2020-12 features',
      schemas: { body: CONTACT_SCHEMA },
    }),
    (req, res) => {
      res.status(201).json({ saved: req.body });
    },
  );

  // Routes the adapter serves as MCP resources (see RESOURCE_ROUTES in adapter.ts): ordinary GETs.
  app.get('/static-text', (_req, res) => {
    res.type('text/plain').send('This is the content of the static text resource.');
  });
  app.get('/static-binary', (_req, res) => {
    res.type('image/png').send(PIXEL_PNG);
  });
  app.get('/template/:id/data', (req, res) => {
    res.json({ id: req.params.id, data: `Data for resource ${req.params.id}` });
  });
  app.get('/watched-resource', (_req, res) => {
    res.type('text/plain').send('A resource clients can subscribe to.');
  });

  // An ordinary error handler: the message as plain text, no stack trace.
  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).type('text/plain').send(error.message);
  });

  return app;
}

function wav(frequency: number, seconds: number, sampleRate: number): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 8000), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
