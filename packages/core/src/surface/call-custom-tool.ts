import type { CallToolResult } from '@modelcontextprotocol/server';
import { callSignal } from '../abort.js';
import { checkOutput, errorResult, handlerErrorMessage } from '../call-tool.js';
import { MAX_RESULT_DEPTH, valueTooDeep } from '../json-depth.js';
import type { SchemaValidator } from '../schema-validation.js';
import type { CustomTool, HandlerContext } from './custom-surface.js';

/**
 * Runs a hand-written tool like a generated one: arguments validated first,
 * the per-call timeout applied, a thrown error or a result that breaks the
 * output schema turned into an `isError` result.
 */
export async function callCustomTool(
  tool: CustomTool,
  args: Record<string, unknown>,
  context: Omit<HandlerContext, 'signal'> & { signal?: AbortSignal; timeoutMs: number },
  validator: SchemaValidator,
): Promise<CallToolResult> {
  const check = validator.check(tool.inputSchema, args);
  if (!check.ok) return errorResult(`Invalid arguments for ${tool.name}: ${check.problems.join('; ')}.`);
  const call = callSignal(context.timeoutMs, context.signal);
  const { signal } = call;
  try {
    const result = await Promise.race([
      Promise.resolve(tool.handler(args, { ...context, signal })),
      new Promise<never>((_, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
    ]);
    // A result the serialiser cannot write would never reach the caller: say so instead.
    if (valueTooDeep(result)) {
      return errorResult(
        `${tool.name} returned a result nested more than ${MAX_RESULT_DEPTH} levels deep (or a cyclic one), which an MCP result cannot carry.`,
      );
    }
    return checkOutput(tool, result, validator);
  } catch (error) {
    if (call.timedOut) {
      return errorResult(
        `${tool.name} did not answer within ${context.timeoutMs} ms and was aborted (option timeoutMs).`,
      );
    }
    return errorResult(handlerErrorMessage(error).replace('The route failed', `${tool.name} failed`));
  } finally {
    call.dispose();
  }
}
