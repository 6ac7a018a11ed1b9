import type { CallToolResult } from '@modelcontextprotocol/server';
import { callSignal } from './abort.js';
import type { AuthContext } from './auth/auth-provider.js';
import { checkRouteResponse } from './check-response.js';
import type { CookieJar } from './cookie-jar.js';
import { Backend2McpError, isBackend2McpError } from './errors.js';
import type { Dispatch, DispatchContext, HttpRequest } from './http.js';
import type { CallLimits } from './limits.js';
import { withPathValuesAsText } from './path-arguments.js';
import { checkRequestBounds } from './request-bounds.js';
import { expectationFor, type RouteReach, routeBoundaryError } from './route-boundary.js';
import type { SchemaValidator } from './schema-validation.js';
import type { RequestEncoder } from './server-options.js';
import { toRequest } from './to-request.js';
import { toResult } from './to-result.js';
import type { ToolSpec } from './tool-spec.js';

/** Everything one call needs besides the tool and its arguments. */
export interface CallEnvironment {
  dispatch: Dispatch;
  /** Builds the request from the arguments; default core's `toRequest`. */
  encodeRequest?: RequestEncoder;
  validator: SchemaValidator;
  limits: Required<CallLimits>;
  /** Cancellation from the MCP caller. */
  signal?: AbortSignal;
  /** Headers the server adds to this call's request; they win over the caller's. */
  headers?: Record<string, string>;
  /** Who is calling, handed to the route as `auth` in its {@link DispatchContext}. */
  auth?: AuthContext;
  /** Sends progress and log notifications to the caller; without it they go nowhere. */
  reporter?: CallReporter;
  /** Where a response that does not match its declared schema is reported (once per tool). Default: `console.warn`. */
  onWarning?: (message: string) => void;
  /** The caller's cookie jar, when the server keeps cookies (`cookies: true`). */
  cookies?: CookieJar;
  /** The adapter's route-boundary check before dispatch (`RouteSource.reaches`). */
  reaches?: RouteReach;
}

/** The notifications a route can send to the caller of its tool. */
export type CallReporter = Pick<DispatchContext, 'reportProgress' | 'log' | 'elicit' | 'sample'>;

const noCaller = (what: string) => () =>
  Promise.reject(
    new Backend2McpError(
      'UNSUPPORTED_CONTEXT',
      `${what} needs an MCP caller; this call came from callTool() directly.`,
    ),
  );

/** What a call made without an MCP connection (a direct `callTool`) can do: nothing reaches anyone. */
export const SILENT_REPORTER: CallReporter = {
  reportProgress: async () => {},
  log: async () => {},
  elicit: noCaller('elicit()'),
  sample: noCaller('sample()'),
};

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
  args = withPathValuesAsText(tool, args);
  const check = environment.validator.check(tool.inputSchema, args);
  if (!check.ok) return errorResult(`Invalid arguments for ${tool.name}: ${check.problems.join('; ')}.`);

  let request: HttpRequest;
  try {
    request = (environment.encodeRequest ?? toRequest)(tool, args, {
      maxRequestBytes: environment.limits.maxRequestBytes,
      ...(environment.headers ? { headers: environment.headers } : {}),
    });
    environment.cookies?.addTo(request);
    // After the cookies: the whole request the app would see is bounded, whoever added to it.
    checkRequestBounds(request, environment.limits, tool.name);
  } catch (error) {
    // Building the request runs backend2mcp's or the source's encoder, not the app: its message is the caller's to see.
    return errorResult(handlerErrorMessage(error));
  }

  // The route boundary, before dispatch: the framework's router must send this request to the tool's route.
  if (environment.reaches && !environment.reaches(request.method, request.url, tool.route)) {
    return errorResult(routeBoundaryError(tool.name, tool.route).message);
  }
  const expectation = expectationFor(tool.route);
  const call = callSignal(environment.limits.timeoutMs, environment.signal);
  try {
    const response = await environment.dispatch(request, {
      signal: call.signal,
      expectation,
      maxResponseBytes: environment.limits.maxResponseBytes,
      context: {
        toolName: tool.name,
        arguments: args,
        ...(environment.auth ? { auth: environment.auth } : {}),
        ...(environment.reporter ?? SILENT_REPORTER),
      },
    });
    // The route boundary, at the route: the request arrived at another route (app middleware rewrote it).
    if (expectation.refused) return errorResult(routeBoundaryError(tool.name, tool.route).message);
    environment.cookies?.storeFrom(request, response);
    return checkRouteResponse(
      tool,
      toResult(response, { url: request.url }),
      response.status,
      environment.validator,
      environment.onWarning ?? ((message) => console.warn(message)),
    );
  } catch (error) {
    if (expectation.refused) return errorResult(routeBoundaryError(tool.name, tool.route).message);
    if (call.timedOut) {
      return errorResult(
        `${tool.name} did not answer within ${environment.limits.timeoutMs} ms and was aborted (option timeoutMs).`,
      );
    }
    return errorResult(messageOf(error));
  } finally {
    call.dispose();
  }
}

/**
 * A tool with an output schema promises structured content of that shape, and
 * clients reject a result that breaks the promise with a protocol error the
 * model never sees. Turning the mismatch into an `isError` result keeps the
 * route's answer visible (its text stays) and says what did not match.
 */
export function checkOutput(
  tool: Pick<ToolSpec, 'name' | 'outputSchema'>,
  result: CallToolResult,
  validator: SchemaValidator,
): CallToolResult {
  if (!tool.outputSchema || result.isError) return result;
  if (result.structuredContent === undefined) {
    return {
      isError: true,
      content: [
        {
          type: 'text',
          text: `${tool.name} declares a JSON response schema, but the route did not answer JSON.`,
        },
        ...result.content,
      ],
    };
  }
  const check = validator.check(tool.outputSchema, result.structuredContent);
  if (check.ok) return result;
  return {
    isError: true,
    content: [
      {
        type: 'text',
        text: `The response of ${tool.name} does not match its declared response schema: ${check.problems.join('; ')}.`,
      },
      ...result.content,
    ],
  };
}

export function errorResult(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

/**
 * What the caller learns of a failed dispatch: backend2mcp's own errors say
 * what happened; anything else (a route that destroyed its response with an
 * error, a stream that failed mid-way) gets a generic message, as a plain HTTP
 * client would see only a cut connection: the internal error text stays in the app.
 */
export function messageOf(error: unknown): string {
  if (isBackend2McpError(error)) return error.message;
  return 'The route failed before finishing its response.';
}

/** A hand-written tool's own error, whose message its author wrote for the caller. */
export function handlerErrorMessage(error: unknown): string {
  if (isBackend2McpError(error)) return error.message;
  return `The route failed: ${error instanceof Error ? error.message : String(error)}`;
}
