import type { Client } from '@modelcontextprotocol/client';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The wire shape of a listed tool, as far as schema checks read it. */
export interface ListedToolSchemas {
  name: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
}

/** Options for {@link listPublishableTools}. */
export interface PublishableCheckOptions {
  /**
   * Compile in ajv's strict mode (`strict: true`, union types allowed): an
   * unknown keyword, a keyword that does not apply to the declared `type`, or
   * a `required` name with no property schema is an error, as in the
   * strictest validating clients.
   */
  strict?: boolean;
}

/**
 * Lists every tool with the SDK client and compiles each published input and
 * output schema with ajv (JSON Schema 2020-12) after checking it against the
 * meta-schema: the checks a validating client and a strict inspector make.
 * Throws naming the tool and the problem; returns the tools by name.
 */
export async function listPublishableTools(
  client: Client,
  options: PublishableCheckOptions = {},
): Promise<Map<string, ListedToolSchemas>> {
  const { tools } = await client.listTools();
  const ajv = options.strict
    ? new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, logger: false })
    : new Ajv2020({ strict: false, allErrors: true, logger: false });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  for (const tool of tools) {
    for (const [kind, schema] of [
      ['inputSchema', tool.inputSchema],
      ['outputSchema', tool.outputSchema],
    ] as const) {
      if (!schema) continue;
      if (!ajv.validateSchema(schema)) {
        throw new Error(
          `${tool.name}: ${kind} is not valid JSON Schema 2020-12: ${ajv.errorsText(ajv.errors)}`,
        );
      }
      try {
        ajv.compile(schema);
      } catch (error) {
        throw new Error(`${tool.name}: ${kind} does not compile: ${(error as Error).message}`);
      }
    }
  }
  return new Map(tools.map((tool) => [tool.name, tool as ListedToolSchemas]));
}
