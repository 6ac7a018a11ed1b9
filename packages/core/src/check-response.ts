import type { CallToolResult } from '@modelcontextprotocol/server';
import type { SchemaValidator } from './schema-validation.js';
import { statusLine } from './to-result.js';
import type { ToolSpec } from './tool-spec.js';

/** Tools whose mismatch was already reported: one warning per tool, not one per call. */
const warned = new WeakSet<Pick<ToolSpec, 'name'>>();

/**
 * Checks a route's successful JSON response against the response schema it
 * declares. A 2xx is a success whatever its body looks like: an error after a
 * POST would invite the model to retry it and create a duplicate.
 *
 * - The schema is not published (the default): the result stays as it is; a
 *   mismatch is warned about once per tool (`onWarning`, stderr by default).
 * - The schema is published as `outputSchema`: clients reject structured content
 *   that breaks it with an error the model never sees. The result then carries
 *   the data as text only, marked so that no client rejects it, and says the
 *   request succeeded and must not be repeated.
 */
export function checkRouteResponse(
  tool: Pick<ToolSpec, 'name' | 'outputSchema' | 'responseSchema'>,
  result: CallToolResult,
  status: number,
  validator: SchemaValidator,
  onWarning: (message: string) => void,
): CallToolResult {
  const schema = tool.outputSchema ?? tool.responseSchema;
  if (!schema || result.isError) return result;
  let problem: string | undefined;
  if (result.structuredContent === undefined) {
    // Only a published schema promises structured content; an unpublished one describes JSON the route did not send.
    if (!tool.outputSchema) return result;
    problem = 'the route did not answer JSON';
  } else {
    const check = validator.check(schema, result.structuredContent);
    if (check.ok) return result;
    problem = check.problems.join('; ');
  }
  if (!warned.has(tool)) {
    warned.add(tool);
    onWarning(
      `backend2mcp: the response of ${tool.name} does not match its declared response schema (${problem}); ` +
        'the data is passed on as it is. Fix the schema or the route.',
    );
  }
  if (!tool.outputSchema) return result;
  // isError is the only way a result may leave out what a published schema promises; the text says it is not a failure.
  return {
    isError: true,
    content: [
      {
        type: 'text',
        text:
          `${statusLine(status)}: the request succeeded (do not repeat it), but its response does not match ` +
          `the output schema of ${tool.name} (${problem}). The response follows as text.`,
      },
      ...result.content,
    ],
  };
}
