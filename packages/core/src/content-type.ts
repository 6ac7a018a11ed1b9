import { MCP_CONTENT_TYPE } from './content-response.js';

/** How a response body is presented to the model (`content`: the body is MCP content itself). */
export type BodyKind = 'empty' | 'content' | 'json' | 'text' | 'image' | 'audio' | 'binary';

/** The media type without parameters, lower-case: `Application/JSON; charset=utf-8` -> `application/json`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

const TEXTUAL_APPLICATION_TYPES = new Set([
  'application/xml',
  'application/javascript',
  'application/ecmascript',
  'application/x-www-form-urlencoded',
  'application/graphql',
  'application/yaml',
  'application/x-yaml',
  'application/sql',
  'application/csv',
]);

/**
 * Classifies a response body by its `content-type`. A body without a content
 * type counts as text when it is valid UTF-8 and as binary otherwise, so nothing
 * is lost either way.
 */
export function classifyBody(contentType: string | undefined, body: Uint8Array): BodyKind {
  if (body.byteLength === 0) return 'empty';
  const type = mediaType(contentType);
  if (type === MCP_CONTENT_TYPE) return 'content';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('text/') || type.endsWith('+xml') || TEXTUAL_APPLICATION_TYPES.has(type)) return 'text';
  if (type === '' || /;\s*charset=/i.test(contentType ?? '')) return isUtf8(body) ? 'text' : 'binary';
  return 'binary';
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

function isUtf8(body: Uint8Array): boolean {
  try {
    strictDecoder.decode(body);
    return true;
  } catch {
    return false;
  }
}
