import { describe, expect, it } from 'vitest';
import { MCP_CONTENT_TYPE, parseContentBody } from './content-response.js';
import { toResult } from './to-result.js';

const answer = (status: number, body: unknown, contentType = `${MCP_CONTENT_TYPE}; charset=utf-8`) => ({
  status,
  headers: { 'content-type': contentType },
  body: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
});

describe('MCP content responses', () => {
  const blocks = [
    { type: 'text', text: 'Report:' },
    { type: 'image', data: 'iVBORw==', mimeType: 'image/png' },
    { type: 'resource', resource: { uri: 'reports://may', mimeType: 'text/csv', text: 'a,b\n1,2' } },
    { type: 'resource_link', uri: 'reports://june', name: 'june' },
  ];

  it('passes the blocks a route answers through as the result, in order', () => {
    expect(toResult(answer(200, { content: blocks }))).toEqual({ content: blocks });
  });

  it('keeps structured content the route gives', () => {
    expect(toResult(answer(201, { content: [blocks[0]], structuredContent: { rows: 1 } }))).toEqual({
      content: [blocks[0]],
      structuredContent: { rows: 1 },
    });
  });

  it('lets the HTTP status decide isError', () => {
    expect(toResult(answer(422, { content: [{ type: 'text', text: 'name is taken' }] }))).toEqual({
      isError: true,
      content: [{ type: 'text', text: 'name is taken' }],
    });
  });

  it('turns an invalid body into an error that says what is wrong with each block', () => {
    const result = toResult(
      answer(200, {
        content: [
          { type: 'text', text: 'ok' },
          { type: 'video', data: 'AA==' },
          { type: 'image', data: 'AA==' },
          { type: 'resource', resource: { uri: 'x://y' } },
        ],
        isError: true,
      }),
    );
    expect(result.isError).toBe(true);
    const text = (result.content[0] as { text: string }).text;
    expect(text).toContain(
      `HTTP 200 OK: the route answered ${MCP_CONTENT_TYPE} but the body is not valid MCP content`,
    );
    expect(text).toContain('"isError" is not allowed: the HTTP status decides it');
    expect(text).toContain('content[1]: unknown content type');
    expect(text).toContain('content[2].mimeType:');
    expect(text).toContain('content[3].resource: text:');
    expect(text).toContain('; or blob:');
  });

  it('rejects bodies that are not a content object', () => {
    expect(parseContentBody('nope')).toEqual({ ok: false, problems: ['the body is not JSON'] });
    expect(parseContentBody('[]')).toEqual({
      ok: false,
      problems: ['the body must be an object { "content": [...] }'],
    });
    expect(parseContentBody('{"content":{},"extra":1}')).toEqual({
      ok: false,
      problems: [
        'unknown key "extra" (allowed: content, structuredContent)',
        '"content" must be an array of content blocks',
      ],
    });
  });

  it('leaves ordinary JSON alone', () => {
    expect(toResult(answer(200, { content: blocks }, 'application/json')).structuredContent).toEqual({
      content: blocks,
    });
  });
});
