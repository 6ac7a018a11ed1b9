import type { CallToolResult } from '@modelcontextprotocol/server';
import type { ArgumentValidator } from './argument-validation.js';
import { isBackend2McpError } from './errors.js';
import type { Dispatch, HttpRequest } from './http.js';
import type { CallLimits } from './limits.js';
import { toRequest } from './to-request.js';
import { toResult } from './to-result.js';
import type { ToolSpec } from './tool-spec.js';

/** Everything one call needs besides the tool and its arguments. */
export interface CallEnvironment {
  dispatch: Dispatch;
  validator: ArgumentValidator;
  limits: Required<CallLimits>;
  /** Cancellation from the MCP caller. */
  signal?: AbortSignal;
  /** Headers the server adds to this call's request; they win over the caller's. */
  headers?: Record<string, string>;
}

/**
 * Runs one `tools/call`: validates the arguments, builds the request, dispatches
 * it in process under a timeout and the caller's cancellation, and maps the
 * response. Every failure becomes an `isError` result with a message that says
 * what went wrong, so one bad call never takes the server down.
 */
export async function callTool(
  tool: ToolSpec,
  args: Record<string, unknown>,
  environment: CallEnvironment,
): Promise<CallToolResult> {
  const check = environment.validator.check(tool, args);
  if (!check.ok) return errorResult(check.message);

  let request: HttpRequest;
  try {
    request = toRequest(tool, args, {
      maxRequestBytes: environment.limits.maxRequestBytes,
      ...(environment.headers ? { headers: environment.headers } : {}),
    });
  } catch (error) {
    return errorResult(messageOf(error));
  }

  const timeout = AbortSignal.timeout(environment.limits.timeoutMs);
  const signal = environment.signal ? AbortSignal.any([environment.signal, timeout]) : timeout;
  try {
    const response = await environment.dispatch(request, {
      signal,
      maxResponseBytes: environment.limits.maxResponseBytes,
      context: { toolName: tool.name, arguments: args },
    });
    return toResult(response, { url: request.url });
  } catch (error) {
    if (timeout.aborted && !environment.signal?.aborted) {
      return errorResult(
        `${tool.name} did not answer within ${environment.limits.timeoutMs} ms and was aborted (option timeoutMs).`,
      );
    }
    return errorResult(messageOf(error));
  }
}

function errorResult(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

function messageOf(error: unknown): string {
  if (isBackend2McpError(error)) return error.message;
  if (error instanceof Error) return `The route failed: ${error.message}`;
  return `The route failed: ${String(error)}`;
}
