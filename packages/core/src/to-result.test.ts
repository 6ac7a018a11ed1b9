import { describe, expect, it } from 'vitest';
import type { HttpResponse } from './http.js';
import { toResult } from './to-result.js';

const response = (
  status: number,
  contentType: string | undefined,
  body: string | Uint8Array,
): HttpResponse => ({
  status,
  headers: contentType ? { 'content-type': contentType } : {},
  body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
});

describe('toResult', () => {
  it('maps a JSON object to structuredContent plus the JSON text', () => {
    expect(toResult(response(200, 'application/json; charset=utf-8', '{"id":1}'))).toEqual({
      content: [{ type: 'text', text: '{"id":1}' }],
      structuredContent: { id: 1 },
    });
  });

  it('keeps JSON that is not an object as it is (the server projects it per era)', () => {
    expect(toResult(response(200, 'application/json', '[1,2]')).structuredContent).toEqual([1, 2]);
    expect(toResult(response(200, 'application/problem+json', '"ok"')).structuredContent).toBe('ok');
  });

  it('maps text to text', () => {
    expect(toResult(response(200, 'text/plain', 'hello'))).toEqual({
      content: [{ type: 'text', text: 'hello' }],
    });
  });

  it('maps images and audio to image and audio content', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    expect(toResult(response(200, 'image/png', bytes)).content).toEqual([
      { type: 'image', data: 'iVBORw==', mimeType: 'image/png' },
    ]);
    expect(toResult(response(200, 'audio/wav', bytes)).content).toEqual([
      { type: 'audio', data: 'iVBORw==', mimeType: 'audio/wav' },
    ]);
  });

  it('maps other binary to an embedded resource named after the request', () => {
    const result = toResult(response(200, 'application/pdf', new Uint8Array([0, 1, 2])), {
      url: '/files/a.pdf',
    });
    expect(result.content).toEqual([
      {
        type: 'resource',
        resource: { uri: 'http://localhost/files/a.pdf', mimeType: 'application/pdf', blob: 'AAEC' },
      },
    ]);
  });

  it('marks 4xx and 5xx as errors with status and body', () => {
    expect(toResult(response(404, 'application/json', '{"error":"no user"}'))).toEqual({
      isError: true,
      content: [{ type: 'text', text: 'HTTP 404 Not Found\n{"error":"no user"}' }],
    });
    expect(toResult(response(503, undefined, ''))).toEqual({
      isError: true,
      content: [{ type: 'text', text: 'HTTP 503 Service Unavailable' }],
    });
  });

  it('turns an HTML error page into readable text without its stack frames', () => {
    const html =
      '<!DOCTYPE html><html><body><pre>Error: boom<br> &nbsp; &nbsp;at handler (app.js:1:1)</pre></body></html>';
    expect(toResult(response(500, 'text/html; charset=utf-8', html)).content).toEqual([
      { type: 'text', text: 'HTTP 500 Internal Server Error\nError: boom' },
    ]);
  });

  it('drops the stack field of a JSON error body', () => {
    const body = JSON.stringify({ message: 'boom', stack: 'Error: boom\n    at /srv/app/index.js:3:9' });
    expect(toResult(response(500, 'application/json', body)).content).toEqual([
      { type: 'text', text: 'HTTP 500 Internal Server Error\n{"message":"boom"}' },
    ]);
  });

  it('reports a redirect as a success with its status and Location', () => {
    const redirect: HttpResponse = {
      status: 303,
      headers: { location: '/orders/7', 'content-type': 'text/plain' },
      body: new TextEncoder().encode('See Other. Redirecting to /orders/7'),
    };
    expect(toResult(redirect)).toEqual({
      content: [
        {
          type: 'text',
          text: 'HTTP 303 See Other\nLocation: /orders/7\n\nSee Other. Redirecting to /orders/7',
        },
      ],
    });
  });

  it('returns a CSV download as a text resource of its media type', () => {
    const csv: HttpResponse = {
      status: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="r.csv"',
      },
      body: new TextEncoder().encode('id,name\n1,Ada\n'),
    };
    expect(toResult(csv, { url: '/export' }).content).toEqual([
      {
        type: 'resource',
        resource: { uri: 'http://localhost/export', mimeType: 'text/csv', text: 'id,name\n1,Ada\n' },
      },
    ]);
  });

  it('reports an empty success with its status line', () => {
    expect(toResult(response(204, undefined, ''))).toEqual({
      content: [{ type: 'text', text: 'HTTP 204 No Content' }],
    });
  });

  it('passes malformed JSON through as text', () => {
    expect(toResult(response(200, 'application/json', '{oops'))).toEqual({
      content: [{ type: 'text', text: '{oops' }],
    });
  });
});

describe('toResult: JSON nested deeper than a result can be serialised', () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const refusal = (status: string) => ({
    isError: true,
    content: [
      {
        type: 'text',
        text: `${status}: the route answered JSON nested more than 1000 levels deep, deeper than an MCP result can be serialised; nothing of it is returned.`,
      },
    ],
  });

  it('is an error result, for plain JSON and for MCP content bodies', () => {
    expect(toResult(response(200, 'application/json', deep))).toEqual(refusal('HTTP 200 OK'));
    expect(
      toResult(
        response(
          201,
          'application/vnd.backend2mcp.content+json',
          `{"content":[],"structuredContent":${deep}}`,
        ),
      ),
    ).toEqual(refusal('HTTP 201 Created'));
  });

  it('an error status with a deep JSON body keeps its text (a string serialises at any depth)', () => {
    const result = toResult(response(500, 'application/json', deep));
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toBe(`HTTP 500 Internal Server Error\n${deep}`);
  });
});
