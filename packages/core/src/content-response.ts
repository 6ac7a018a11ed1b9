import { type CallToolResult, type ContentBlock, specTypeSchemas } from '@modelcontextprotocol/server';

/**
 * The media type of a response whose body is MCP content itself:
 * `{ "content": [ContentBlock, ...], "structuredContent"?: ... }`. A route
 * answers it when the ordinary mapping (one JSON, text, image, audio or
 * binary body -> one result) cannot say what it means, e.g. several blocks,
 * an embedded resource with its own URI, or annotations. The HTTP status still
 * decides `isError` (4xx/5xx), so callers outside MCP see an honest response.
 *
 * @example
 * ```ts
 * res.type(MCP_CONTENT_TYPE).json({
 *   content: [
 *     { type: 'text', text: 'Report for May:' },
 *     { type: 'resource', resource: { uri: 'reports://2026-05', mimeType: 'text/csv', text: csv } },
 *   ],
 * });
 * ```
 */
export const MCP_CONTENT_TYPE = 'application/vnd.backend2mcp.content+json';

/** The body of an {@link MCP_CONTENT_TYPE} response. */
export interface McpContentBody {
  /** The result's content blocks, in order: text, image, audio, resource_link or resource. */
  content: ContentBlock[];
  /** Structured content for clients that read it (must match the route's response schema, if it declares one). */
  structuredContent?: unknown;
}

/** Either the result a content body describes or why the body is not a valid one. */
export type ParsedContentBody = { ok: true; result: CallToolResult } | { ok: false; problems: string[] };

const BODY_KEYS = new Set(['content', 'structuredContent']);

/**
 * Reads an {@link MCP_CONTENT_TYPE} body. Each block is checked against the MCP
 * schema, so a route cannot send a client a result it would reject; every
 * problem found is reported with the block it is in.
 */
export function parseContentBody(text: string): ParsedContentBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, problems: ['the body is not JSON'] };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, problems: ['the body must be an object { "content": [...] }'] };
  }
  const problems: string[] = [];
  for (const key of Object.keys(body)) {
    if (!BODY_KEYS.has(key)) {
      problems.push(
        key === 'isError'
          ? '"isError" is not allowed: the HTTP status decides it (4xx/5xx is an error)'
          : `unknown key "${key}" (allowed: content, structuredContent)`,
      );
    }
  }
  const { content, structuredContent } = body as Record<string, unknown>;
  if (!Array.isArray(content)) {
    problems.push('"content" must be an array of content blocks');
  } else {
    content.forEach((block, index) => {
      const checked = specTypeSchemas.ContentBlock['~standard'].validate(block);
      if (checked.issues) {
        for (const issue of describeIssues(checked.issues)) problems.push(`content[${index}]${issue}`);
      }
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    result: {
      content: content as ContentBlock[],
      ...(structuredContent === undefined
        ? {}
        : { structuredContent: structuredContent as Record<string, unknown> }),
    },
  };
}

interface Issue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
  readonly code?: string;
  readonly errors?: ReadonlyArray<ReadonlyArray<Issue>>;
}

/**
 * Turns schema issues into short messages. A content block is a union keyed by
 * `type`: the branch whose `type` matched says what is wrong; when none did,
 * the type itself is unknown.
 */
function describeIssues(issues: ReadonlyArray<Issue>, prefix = ''): string[] {
  return issues.flatMap((issue) => {
    const path = prefix + (issue.path ?? []).map((part) => `.${String(keyOf(part))}`).join('');
    if (issue.code === 'invalid_union' && issue.errors) {
      const matching = issue.errors.filter(
        (branch) =>
          !branch.some((inner) => inner.code === 'invalid_value' && keyOf(inner.path?.[0] ?? '') === 'type'),
      );
      if (matching.length === 0) {
        return [`${path}: unknown content type (expected text, image, audio, resource_link or resource)`];
      }
      if (matching.length === 1) return describeIssues(matching[0]!, path);
      const alternatives = matching.map((branch) =>
        describeIssues(branch)
          .map((message) => message.replace(/^\./, ''))
          .join(', '),
      );
      return [`${path}: ${alternatives.join('; or ')}`];
    }
    return [`${path}: ${issue.message.replace(/^Invalid input: /, '')}`];
  });
}

function keyOf(part: PropertyKey | { readonly key: PropertyKey }): PropertyKey {
  return typeof part === 'object' ? part.key : part;
}
