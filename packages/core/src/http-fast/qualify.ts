import {
  classifyInboundRequest,
  isJSONRPCRequest,
  isJsonContentType,
  type JSONRPCRequest,
  type MessageClassification,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/server';

/** A request the fast path serves: one `tools/call` or `tools/list`, and the era it came in. */
export type FastRequest =
  | { era: 'legacy'; message: JSONRPCRequest }
  | { era: 'modern'; revision: string; message: JSONRPCRequest; classification: MessageClassification };

/** The methods the fast path answers; everything else goes to the SDK. */
const FAST_METHODS = new Set(['tools/call', 'tools/list']);

/** 2025-era revisions a stateless request may name in `mcp-protocol-version` (the SDK accepts these). */
const LEGACY_REVISIONS = new Set(SUPPORTED_PROTOCOL_VERSIONS.filter((version) => version < '2026-07-28'));

/**
 * True when the HTTP side of a request is one the SDK's stateless serving
 * accepts as is and the client takes `application/json` for the answer:
 * a POST with a JSON content type that accepts both JSON and SSE.
 */
export function fastHttpShape(request: Request): boolean {
  if (request.method !== 'POST') return false;
  if (!isJsonContentType(request.headers.get('content-type'))) return false;
  const accept = request.headers.get('accept');
  return accept?.includes('application/json') === true && accept.includes('text/event-stream');
}

/**
 * Decides whether the fast path may answer this message, and for which era.
 * Only what the SDK would serve without a doubt qualifies: a single JSON-RPC
 * request for `tools/call` or `tools/list` with plain-object params and no
 * progress token; in the 2025 era without an envelope and with a supported (or
 * absent) `mcp-protocol-version`; in the 2026-07-28 era with a valid envelope
 * whose revision, method and tool name the standard headers repeat exactly.
 * Anything else (a batch, a notification, an odd id, a mismatched header)
 * returns undefined and is served by the SDK, which produces its own error.
 * The era decision is the SDK's own classifier, so the two cannot disagree.
 */
export function qualify(headers: Headers, body: unknown): FastRequest | undefined {
  if (!isPlainObject(body)) return undefined;
  const { method, params } = body;
  if (typeof method !== 'string' || !FAST_METHODS.has(method)) return undefined;
  if (!isJSONRPCRequest(body)) return undefined;
  if (params !== undefined && !isPlainObject(params)) return undefined;
  const meta = params?._meta;
  if (meta !== undefined && (!isPlainObject(meta) || meta.progressToken !== undefined)) return undefined;
  const name = params?.name;
  if (method === 'tools/call') {
    if (typeof name !== 'string') return undefined;
    if (params?.arguments !== undefined && !isPlainObject(params.arguments)) return undefined;
  }
  const protocolVersionHeader = headers.get('mcp-protocol-version') ?? undefined;
  const mcpMethodHeader = headers.get('mcp-method') ?? undefined;
  const mcpNameHeader = headers.get('mcp-name') ?? undefined;
  const outcome = classifyInboundRequest({
    httpMethod: 'POST',
    ...(protocolVersionHeader === undefined ? {} : { protocolVersionHeader }),
    ...(mcpMethodHeader === undefined ? {} : { mcpMethodHeader }),
    ...(mcpNameHeader === undefined ? {} : { mcpNameHeader }),
    body,
  });
  if (outcome.kind === 'legacy') {
    if (outcome.reason !== 'no-claim') return undefined;
    if (protocolVersionHeader !== undefined && !LEGACY_REVISIONS.has(protocolVersionHeader)) return undefined;
    if (mcpMethodHeader !== undefined || mcpNameHeader !== undefined) return undefined;
    return { era: 'legacy', message: body };
  }
  if (outcome.kind !== 'modern' || outcome.messageKind !== 'request') return undefined;
  const revision = outcome.classification.revision;
  if (revision === undefined || protocolVersionHeader !== revision) return undefined;
  if (mcpMethodHeader !== method) return undefined;
  if (method === 'tools/call' ? mcpNameHeader !== name : mcpNameHeader !== undefined) return undefined;
  return { era: 'modern', revision, message: outcome.message, classification: outcome.classification };
}

function isPlainObject(
  value: unknown,
): value is Record<string, unknown> & { params?: Record<string, unknown> } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
