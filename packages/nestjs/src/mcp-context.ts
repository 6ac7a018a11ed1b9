import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { mcpContext } from './adapter.js';

/**
 * Injects the MCP call a handler serves (`McpCallContext`: tool name,
 * arguments, caller `auth`, `reportProgress`, `log`, `elicit`, `sample`), or
 * undefined when the request is an ordinary HTTP request.
 *
 * @example
 * ```ts
 * @Post('import')
 * async import(@Body() dto: ImportDto, @McpContext() mcp?: McpCallContext) {
 *   await mcp?.reportProgress(0, 2, 'reading');
 *   await mcp?.log('info', { rows: dto.rows.length });
 * }
 * ```
 */
export const McpContext: () => ParameterDecorator = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => mcpContext(context.switchToHttp().getRequest()),
);
