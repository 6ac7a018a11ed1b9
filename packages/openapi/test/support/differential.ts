import type { Client } from '@modelcontextprotocol/client';
import { Agent, fetch } from 'undici';
import { expect } from 'vitest';

/** Direct requests use a connection each: a reused idle connection can race the backend closing it. */
export const freshConnections = new Agent({ pipelining: 0 });

/** One tool call and the plain HTTP request that must give the same answer. */
export interface CallCase {
  tool: string;
  args: Record<string, unknown>;
  http: { method?: string; path: string; headers?: Record<string, string>; body?: string };
}

type Block = { type: string; text?: string; data?: string; mimeType?: string };

/**
 * Calls the tool through the MCP client and the route with `fetch`, and
 * checks the tool result says what the HTTP response said: the same JSON, the
 * same image bytes, or an error naming the same status and body.
 */
export async function expectSameAsHttp(client: Client, origin: string, call: CallCase): Promise<void> {
  const result = (await client.callTool({ name: call.tool, arguments: call.args })) as {
    isError?: boolean;
    content: Block[];
    structuredContent?: unknown;
  };
  const response = await fetch(`${origin}${call.http.path}`, {
    dispatcher: freshConnections,
    method: call.http.method ?? 'GET',
    ...(call.http.headers ? { headers: call.http.headers } : {}),
    ...(call.http.body !== undefined ? { body: call.http.body } : {}),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const contentType = response.headers.get('content-type') ?? '';
  const text = new TextDecoder().decode(bytes);
  const label = `${call.tool} ${JSON.stringify(call.args)}`;
  if (response.status >= 400) {
    expect(result.isError, label).toBe(true);
    expect(result.content[0]?.text, label).toContain(`HTTP ${response.status}`);
    if (contentType.includes('json')) {
      for (const value of leafStrings(JSON.parse(text)))
        expect(result.content[0]?.text, label).toContain(value);
    }
    return;
  }
  expect(result.isError ?? false, `${label}: ${result.content[0]?.text}`).toBe(false);
  if (contentType.startsWith('image/')) {
    expect(result.content[0], label).toEqual({
      type: 'image',
      mimeType: contentType,
      data: Buffer.from(bytes).toString('base64'),
    });
  } else if (contentType.includes('json')) {
    expect(JSON.parse(result.content[0]?.text ?? 'null'), label).toEqual(JSON.parse(text));
  } else {
    expect(result.content[0]?.text, label).toBe(text);
  }
}

function leafStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(leafStrings);
  return [];
}
