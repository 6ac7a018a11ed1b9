import type { ToolSpec } from './tool-spec.js';

/**
 * A path parameter is text in the URL whatever its schema says, and models
 * send ids as numbers (`{"id": 2}`) even where the schema says string. Such a
 * number is taken as the text it stands for before the arguments are checked,
 * so the call goes through as `/users/2` instead of failing validation.
 * Returns `args` itself when nothing changes.
 */
export function withPathValuesAsText(
  tool: Pick<ToolSpec, 'inputSchema' | 'binding'>,
  args: Record<string, unknown>,
): Record<string, unknown> {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, { type?: unknown }>;
  let converted: Record<string, unknown> | undefined;
  for (const binding of tool.binding.arguments) {
    if (binding.location !== 'path' || !Object.hasOwn(args, binding.arg)) continue;
    const value = args[binding.arg];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const type = Object.hasOwn(properties, binding.arg) ? properties[binding.arg]?.type : undefined;
    if (!acceptsOnlyText(type)) continue;
    converted ??= { ...args };
    converted[binding.arg] = String(value);
  }
  return converted ?? args;
}

function acceptsOnlyText(type: unknown): boolean {
  if (type === 'string') return true;
  return (
    Array.isArray(type) && type.includes('string') && !type.includes('number') && !type.includes('integer')
  );
}
