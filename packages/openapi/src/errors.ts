import { Backend2McpError } from '@backend2mcp/core';

/** A document that cannot be read, parsed or used: says which and what to do. */
export function invalidDocument(message: string, cause?: unknown): Backend2McpError {
  return new Backend2McpError('INVALID_DOCUMENT', message, cause === undefined ? undefined : { cause });
}
