import type { CreateMessageResult, ServerContext } from '@modelcontextprotocol/server';
import type { Caller } from '../auth/caller.js';
import type { CallReporter } from '../call-tool.js';
import { Backend2McpError } from '../errors.js';
import type { HandlerContext } from '../surface/custom-surface.js';

// How a running call reaches its caller (progress, logs, elicitation, sampling), apart from
// the handlers that register the methods: both `tools/call` and `prompts/get` hand it out.

/** The context hand-written handlers get. */
export function handlerContext(ctx: ServerContext, caller: Caller): HandlerContext {
  return { signal: ctx.mcpReq.signal, ...(caller.auth ? { auth: caller.auth } : {}), ...reporterFor(ctx) };
}

/** Progress goes out only for a caller that sent a progress token; both notifications are best-effort. */
export function reporterFor(ctx: ServerContext): CallReporter {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  return {
    reportProgress: async (progress, total, message) => {
      if (progressToken === undefined) return;
      await ctx.mcpReq
        .notify({
          method: 'notifications/progress',
          params: {
            progressToken,
            progress,
            ...(total === undefined ? {} : { total }),
            ...(message === undefined ? {} : { message }),
          },
        })
        .catch(() => {});
    },
    log: async (level, data, logger) => {
      await ctx.mcpReq.log(level, data, logger).catch(() => {});
    },
    elicit: (params) =>
      serverRequest('elicit()', () => ctx.mcpReq.elicitInput(params, { signal: ctx.mcpReq.signal })),
    sample: (params) =>
      serverRequest(
        'sample()',
        () =>
          ctx.mcpReq.requestSampling(params, { signal: ctx.mcpReq.signal }) as Promise<CreateMessageResult>,
      ),
  };
}

/**
 * Runs a server-to-client request, turning the SDK's refusal (2026-07-28 era,
 * a client without the capability, a transport that cannot carry it) into an
 * error whose message says what to do.
 */
async function serverRequest<T>(what: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Backend2McpError(
      'UNSUPPORTED_CONTEXT',
      `${what} could not reach the caller (${reason}). It works on stdio and in-process connections of the 2025-11-25 era with a client that declared the capability.`,
      { cause: error },
    );
  }
}
