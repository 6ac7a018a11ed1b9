import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '../route.js';
import { schemaDocumentProblem } from '../schema-validation.js';

/**
 * Compiled the way the MCP SDK client compiles a tool's schemas (ajv 2020-12,
 * `strict: false`, formats, no meta-validation): whatever compiles here
 * compiles there. Meta-validation is done apart, as strict clients do it.
 */
const clientLikeAjv = new Ajv2020({
  strict: false,
  validateSchema: false,
  allErrors: true,
  validateFormats: true,
  logger: false,
});
(addFormats as unknown as (ajv: Ajv2020) => void)(clientLikeAjv);

/**
 * Why a client would refuse `schema` (it does not compile, or it is not valid
 * JSON Schema 2020-12), or undefined when every client takes it.
 */
export function publishProblem(schema: JsonSchema): string | undefined {
  const document = schemaDocumentProblem(schema);
  if (document) return `not valid JSON Schema 2020-12: ${document}`;
  try {
    // compile, not validateSchema: unresolvable $refs, bad regexes and non-JSON types only show here.
    clientLikeAjv.compile(schema);
    clientLikeAjv.removeSchema(schema);
    return undefined;
  } catch (error) {
    clientLikeAjv.removeSchema(schema);
    return (error as Error).message;
  }
}

/** A schema that can be published, and what was loosened to get it. */
export interface Publishable {
  schema: JsonSchema;
  /** Why the declared schema could not be published as it was; empty when it was. */
  loosened: string[];
}

/**
 * The tool's input schema in a form every client accepts. A schema that does
 * not compile is loosened step by step, keeping every argument: references
 * that lead nowhere accept anything, then each argument whose own schema still
 * fails accepts anything, then the whole-object constraints go. The route is
 * never dropped: the app still validates what it receives.
 */
export function publishableInput(schema: JsonSchema): Publishable {
  const problem = publishProblem(schema);
  if (!problem) return { schema, loosened: [] };
  const loosened = [problem];
  const withoutDangling = replaceDanglingRefs(schema);
  if (!publishProblem(withoutDangling)) return { schema: withoutDangling, loosened };

  const defs = withoutDangling.$defs as Record<string, unknown> | undefined;
  const properties: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(
    (withoutDangling.properties as Record<string, JsonSchema> | undefined) ?? {},
  )) {
    const alone = { ...(property as JsonSchema), ...(defs ? { $defs: defs } : {}) };
    const fine = typeof property === 'object' && property !== null && !publishProblem(alone);
    const description = typeof property?.description === 'string' ? property.description : undefined;
    Object.defineProperty(properties, name, {
      value: fine ? property : description ? { description } : {},
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const perArgument: JsonSchema = {
    type: 'object',
    properties,
    ...(Array.isArray(withoutDangling.required) ? { required: withoutDangling.required } : {}),
    additionalProperties: false,
  };
  const withDefs = defs ? { ...perArgument, $defs: defs } : perArgument;
  if (!publishProblem(withDefs)) return { schema: withDefs, loosened };
  if (!publishProblem(perArgument)) return { schema: perArgument, loosened };
  return {
    schema: { type: 'object', properties: {}, additionalProperties: true },
    loosened,
  };
}

/** The output schema if every client accepts it; otherwise none, and why. */
export function publishableOutput(schema: JsonSchema | undefined): { schema?: JsonSchema; problem?: string } {
  if (!schema) return {};
  const problem = publishProblem(schema);
  return problem ? { problem } : { schema };
}

/** Local `#/...` references that resolve to nothing become `{}` (accept anything). */
function replaceDanglingRefs(root: JsonSchema): JsonSchema {
  const resolves = (pointer: string): boolean => {
    let node: unknown = root;
    for (const raw of pointer.split('/').slice(1)) {
      const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return false;
      node = (node as Record<string, unknown>)[part];
    }
    return true;
  };
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && (!ref.startsWith('#') || !resolves(ref.slice(1)))) {
      const { $ref: _dangling, ...rest } = node as Record<string, unknown>;
      return visit(rest);
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      Object.defineProperty(out, key, {
        value:
          key === 'enum' || key === 'const' || key === 'default' || key === 'examples' ? value : visit(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  return visit(root) as JsonSchema;
}
