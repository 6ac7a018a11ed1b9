import { Cleanups, connectInMemory } from '@backend2mcp/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { McpAdapter, mcp } from '../src/index.js';
import { createMultipartApp } from './fixtures/multipart-app.js';
import { serve } from './fixtures/serve.js';
import { createSessionApp } from './fixtures/session-app.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

/** The same fields as a browser form posts them, over real HTTP. */
async function postMultipart(origin: string, path: string, fields: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of [value].flat()) form.append(name, item);
  }
  const response = await fetch(`${origin}${path}`, { method: 'POST', body: form });
  return { status: response.status, body: await response.json() };
}

describe('express adapter: bodies in the encoding the app parses', () => {
  it('sends multipart/form-data to routes whose only parser is multer (.none() and .single())', async () => {
    const app = createMultipartApp();
    const server = await serve(app);
    cleanups.add(server.close);
    const adapter = new McpAdapter(app);
    expect(adapter.tools.map((tool) => [tool.name, tool.binding.bodyEncoding])).toEqual([
      ['post_feedback', 'multipart'],
      ['post_profiles', 'multipart'],
    ]);
    const client = await connectInMemory(adapter, cleanups);

    const feedback = await client.callTool({
      name: 'post_feedback',
      arguments: { body: { message: 'Great tea', stars: '5' } },
    });
    const overHttp = await postMultipart(server.origin, '/feedback', { message: 'Great tea', stars: '5' });
    expect(overHttp).toEqual({
      status: 201,
      body: { received: { message: 'Great tea', stars: '5' }, type: 'multipart/form-data' },
    });
    expect(feedback.isError).toBeFalsy();
    expect(feedback.structuredContent).toEqual(overHttp.body);

    const profile = await client.callTool({
      name: 'post_profiles',
      arguments: { body: { name: 'Ada', tags: ['math', 'engines'] } },
    });
    const profileOverHttp = await postMultipart(server.origin, '/profiles', {
      name: 'Ada',
      tags: ['math', 'engines'],
    });
    expect(profileOverHttp.body).toEqual({ name: 'Ada', tags: ['math', 'engines'], avatar: null });
    expect(profile.structuredContent).toEqual(profileOverHttp.body);
  });

  it('lets a route override what was detected, with mcp({ bodyEncoding })', async () => {
    const app = createSessionApp();
    app.post('/api/notes', mcp({ bodyEncoding: 'json' }), (req, res) => {
      res.json({ body: req.body ?? null, type: req.headers['content-type'] });
    });
    app.post('/uploads', mcp({ bodyEncoding: 'multipart' }), (req, res) => {
      res.json({ type: req.headers['content-type']?.split(';')[0] });
    });
    const adapter = new McpAdapter(app);
    const encodings = Object.fromEntries(adapter.tools.map((tool) => [tool.name, tool.binding.bodyEncoding]));
    expect(encodings).toMatchObject({
      post_login: 'form',
      post_api_notes: undefined,
      post_uploads: 'multipart',
    });
    const client = await connectInMemory(adapter, cleanups);
    // The app parses only forms: the JSON the route asked for reaches it unparsed.
    const notes = await client.callTool({ name: 'post_api_notes', arguments: { body: { text: 'hi' } } });
    expect(notes.structuredContent).toEqual({ body: null, type: 'application/json' });
    const upload = await client.callTool({ name: 'post_uploads', arguments: { body: { name: 'x' } } });
    expect(upload.structuredContent).toEqual({ type: 'multipart/form-data' });
  });
});
