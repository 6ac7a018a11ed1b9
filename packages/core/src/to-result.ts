import type { CallToolResult, ContentBlock } from '@modelcontextprotocol/server';
import { MCP_CONTENT_TYPE, parseContentBody } from './content-response.js';
import { classifyBody, mediaType } from './content-type.js';
import { toBase64, toText } from './encoding.js';
import type { HttpResponse } from './http.js';
import { jsonTextTooDeep, MAX_RESULT_DEPTH } from './json-depth.js';

/** Options for {@link toResult}. */
export interface ToResultOptions {
  /** The dispatched request's URL (path and query); names embedded resources. */
  url?: string;
  /** Base of embedded-resource URIs. Default `http://localhost`. */
  resourceBaseUrl?: string;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** `HTTP 404 Not Found`. */
export function statusLine(status: number): string {
  const reason = REASONS[status];
  return reason ? `HTTP ${status} ${reason}` : `HTTP ${status}`;
}

/**
 * Turns the route's HTTP response into an MCP tool result:
 *
 * | response | result |
 * | --- | --- |
 * | {@link MCP_CONTENT_TYPE} | the content blocks it carries (and `isError` for 4xx/5xx) |
 * | 4xx / 5xx | `isError: true`, text with the status line and the body (stack traces removed) |
 * | 3xx with `Location` | text with the status line and the location |
 * | a download (`Content-Disposition: attachment`, CSV) | embedded resource with its text |
 * | JSON | `structuredContent` (the parsed value) plus the JSON as text |
 * | `text/*`, XML, ... | text |
 * | `image/*` | image content (base64) |
 * | `audio/*` | audio content (base64) |
 * | other binary | embedded resource with a base64 `blob` |
 * | empty | text with the status line |
 */
export function toResult(response: HttpResponse, options: ToResultOptions = {}): CallToolResult {
  const contentType = response.headers['content-type'];
  const kind = classifyBody(contentType, response.body);

  if (kind === 'content' || (kind === 'json' && response.status < 300)) {
    // Parsed into the result: refused when it nests deeper than a result can be serialised.
    const tooDeep = tooDeepResult(response.status, toText(response.body));
    if (tooDeep) return tooDeep;
  }

  if (kind === 'content') {
    const parsed = parseContentBody(toText(response.body));
    if (parsed.ok) return response.status >= 400 ? { ...parsed.result, isError: true } : parsed.result;
    return {
      isError: true,
      content: [
        {
          type: 'text',
          text:
            `${statusLine(response.status)}: the route answered ${MCP_CONTENT_TYPE} but the body is not valid MCP content: ` +
            `${parsed.problems.join('; ')}.`,
        },
      ],
    };
  }

  if (response.status >= 400) {
    const detail =
      kind === 'empty'
        ? ''
        : kind === 'json' || kind === 'text'
          ? `\n${withoutStackTrace(readableText(toText(response.body), contentType), kind)}`
          : `\n(${mediaType(contentType) || 'binary'} body, ${response.body.byteLength} bytes)`;
    return { isError: true, content: [{ type: 'text', text: `${statusLine(response.status)}${detail}` }] };
  }

  const location = response.headers.location;
  if (response.status >= 300 && location !== undefined) return redirectResult(response, location, kind);

  if (kind === 'text' && isDownload(response))
    return fileResult(response, options, { text: toText(response.body) });

  switch (kind) {
    case 'empty':
      return { content: [{ type: 'text', text: statusLine(response.status) }] };
    case 'json':
      return jsonResult(toText(response.body));
    case 'text':
      return { content: [{ type: 'text', text: toText(response.body) }] };
    case 'image':
    case 'audio':
      return {
        content: [
          { type: kind, data: toBase64(response.body), mimeType: mediaType(contentType) } as ContentBlock,
        ],
      };
    case 'binary':
      return fileResult(response, options, { blob: toBase64(response.body) });
  }
}

/** A file the route sends (a gzip archive, a CSV export) as an embedded resource of its own media type. */
function fileResult(
  response: HttpResponse,
  options: ToResultOptions,
  data: { text: string } | { blob: string },
): CallToolResult {
  const uri = new URL(options.url ?? '/', options.resourceBaseUrl ?? 'http://localhost').href;
  const mimeType = mediaType(response.headers['content-type']) || 'application/octet-stream';
  return { content: [{ type: 'resource', resource: { uri, mimeType, ...data } } as ContentBlock] };
}

/**
 * Text that is a file rather than a message: one the route offers as a download
 * (`Content-Disposition: attachment`) or a table format (CSV, TSV) a model reads
 * best knowing its type.
 */
function isDownload(response: HttpResponse): boolean {
  if (/^\s*attachment/i.test(response.headers['content-disposition'] ?? '')) return true;
  const type = mediaType(response.headers['content-type']);
  return type === 'text/csv' || type === 'application/csv' || type === 'text/tab-separated-values';
}

/**
 * A redirect is an answer, not a failure: the model sees the status and where
 * it points (the call is not followed, since a redirect after a POST often leads
 * to a page meant for a browser).
 */
function redirectResult(response: HttpResponse, location: string, kind: string): CallToolResult {
  const body =
    kind === 'json' || kind === 'text'
      ? readableText(toText(response.body), response.headers['content-type'])
      : '';
  return {
    content: [
      {
        type: 'text',
        text: `${statusLine(response.status)}\nLocation: ${location}${body ? `\n\n${body}` : ''}`,
      },
    ],
  };
}

/** A stack frame line as V8 prints it: `    at fn (/abs/path/app.js:10:5)` or `at /abs/path/app.js:10:5`. */
const STACK_FRAME = /^\s*at\s.*(?:\(.*\)|:\d+:\d+)\s*$/;

/**
 * Error pages in development mode (Express's default handler, Koa with
 * `app.env = 'development'`) carry stack traces with absolute file paths: of
 * no use to the model and a leak of the server's layout. The status and the
 * message stay; the frames and any JSON `stack` field go.
 */
function withoutStackTrace(text: string, kind: string): string {
  if (kind === 'json' && !jsonTextTooDeep(text)) {
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value) && 'stack' in value) {
        const { stack: _stack, ...rest } = value as Record<string, unknown>;
        return JSON.stringify(rest);
      }
    } catch {
      // Not JSON after all: clean it as text.
    }
  }
  return text
    .split('\n')
    .filter((line) => !STACK_FRAME.test(line))
    .join('\n')
    .trim();
}

/**
 * JSON nested deeper than {@link MAX_RESULT_DEPTH} levels as an error result:
 * parsed, it would overflow the serialiser's stack and the call would never be
 * answered (and parsing it alone can take seconds).
 */
function tooDeepResult(status: number, text: string): CallToolResult | undefined {
  if (!jsonTextTooDeep(text)) return undefined;
  return {
    isError: true,
    content: [
      {
        type: 'text',
        text: `${statusLine(status)}: the route answered JSON nested more than ${MAX_RESULT_DEPTH} levels deep, deeper than an MCP result can be serialised; nothing of it is returned.`,
      },
    ],
  };
}

function jsonResult(text: string): CallToolResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Labelled JSON but is not: pass the text through untouched rather than fail the call.
    return { content: [{ type: 'text', text }] };
  }
  // Any JSON value: the server projects it per era (2025-11-25 wraps non-objects as { result }).
  return { content: [{ type: 'text', text }], structuredContent: value as Record<string, unknown> };
}

/**
 * Error pages are often HTML (Express's default handler answers `<pre>Error: boom<br> &nbsp;at ...</pre>`);
 * the model reads the message better without the markup.
 */
function readableText(text: string, contentType: string | undefined): string {
  if (mediaType(contentType) !== 'text/html') return text;
  return text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<(head|script|style|title)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}
