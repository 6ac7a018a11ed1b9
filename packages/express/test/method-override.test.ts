import type { AddressInfo } from 'node:net';
import { Cleanups, connectInMemory } from '@backend2mcp/test-support';
import express from 'express';
import methodOverride from 'method-override';
import { afterEach, describe, expect, it } from 'vitest';
import { McpAdapter, mcp } from '../src/index.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

/**
 * An app written the way HTML-form apps are: the `method-override` package turns
 * a POST into the method named by `?_method=` or by a `_method` body field
 * (its documented custom-getter form), so browsers can "send" DELETE.
 */
function formStyleApp(hits: string[]) {
  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  app.use(methodOverride('_method', { methods: ['POST'] }));
  app.use(
    methodOverride((req) => {
      const body = req.body as { _method?: unknown } | undefined;
      // An empty string is "no override" to method-override (its getter is typed to return a string).
      return typeof body?._method === 'string' ? body._method : '';
    }),
  );
  app.delete('/things/:id', mcp({ hidden: true }), (req, res) => {
    hits.push(`hidden-delete ${req.params.id}`);
    res.json({ deleted: req.params.id });
  });
  const query = { query: { type: 'object', properties: { _method: { type: 'string' } } } };
  app.post('/things/:id', mcp({ schemas: query }), (req, res) => {
    res.json({ posted: req.params.id });
  });
  // No declared schema: the tool takes a free-form body, which can carry `_method`.
  app.delete('/notes/:id', mcp({ hidden: true }), (req, res) => {
    hits.push(`hidden-note-delete ${req.params.id}`);
    res.json({ deleted: req.params.id });
  });
  app.post('/notes/:id', (req, res) => {
    res.json({ posted: req.params.id });
  });
  return app;
}

async function outcome(
  client: Awaited<ReturnType<typeof connectInMemory>>,
  name: string,
  args: Record<string, unknown>,
) {
  const result = (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    structuredContent?: unknown;
    content: Array<{ text?: string }>;
  };
  if (result.isError)
    return /lead to another route than its own/.test(result.content[0]?.text ?? '') ? 'refused' : result;
  return result.structuredContent ?? JSON.parse(result.content[0]?.text ?? 'null');
}

describe('express: method-override (`_method`) cannot send a tool to another route', () => {
  it('over plain HTTP the override works, so the app really does re-route (the test can fail)', async () => {
    const hits: string[] = [];
    const server = formStyleApp(hits).listen(0, '127.0.0.1');
    cleanups.add(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const byQuery = await fetch(`${base}/things/1?_method=DELETE`, { method: 'POST' });
    expect(await byQuery.json()).toEqual({ deleted: '1' });
    const byBody = await fetch(`${base}/notes/2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ _method: 'DELETE' }),
    });
    expect(await byBody.json()).toEqual({ deleted: '2' });
    expect(hits).toEqual(['hidden-delete 1', 'hidden-note-delete 2']);
  });

  it('a POST tool never runs the hidden DELETE of its path, by ?_method= or by a body field', async () => {
    const hits: string[] = [];
    const client = await connectInMemory(new McpAdapter(formStyleApp(hits)), cleanups);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names.sort()).toEqual(['post_notes_by_id', 'post_things_by_id']);
    expect(await outcome(client, 'post_things_by_id', { id: '1' })).toEqual({ posted: '1' });
    expect(await outcome(client, 'post_things_by_id', { id: '1', _method: 'DELETE' })).toBe('refused');
    expect(await outcome(client, 'post_notes_by_id', { id: '2', body: { note: 'x' } })).toEqual({
      posted: '2',
    });
    expect(await outcome(client, 'post_notes_by_id', { id: '2', body: { _method: 'DELETE' } })).toBe(
      'refused',
    );
    expect(await outcome(client, 'post_notes_by_id', { id: '3', body: { _method: 'delete' } })).toBe(
      'refused',
    );
    expect(hits).toEqual([]);
  });
});
