import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { JsonSchema } from './route.js';

/** The outcome of checking a value against a schema: every problem, each naming its field. */
export type SchemaCheck = { ok: true } | { ok: false; problems: string[] };

/**
 * Validates values against JSON Schema 2020-12: tool arguments before anything
 * is dispatched (so the route never sees a call its schema forbids) and
 * structured results against a declared output schema. Validators are compiled
 * on first use and cached per schema object: compiling every schema at start
 * would make startup of large apps slow for no gain.
 */
export class SchemaValidator {
  // strict: false because apps' schemas carry vendor keywords (example, nullable, x-*) that are not errors.
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  private readonly compiled = new WeakMap<JsonSchema, ValidateFunction | Error>();

  constructor() {
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.ajv);
  }

  /**
   * Checks `value` against `schema`. A schema that is not valid JSON Schema
   * 2020-12 is reported as one problem, never thrown.
   */
  check(schema: JsonSchema, value: unknown): SchemaCheck {
    const validate = this.validatorFor(schema);
    if (validate instanceof Error) {
      return { ok: false, problems: [`the schema is not valid JSON Schema 2020-12 (${validate.message})`] };
    }
    if (validate(value)) return { ok: true };
    return { ok: false, problems: [...new Set((validate.errors ?? []).map(describeError))] };
  }

  private validatorFor(schema: JsonSchema): ValidateFunction | Error {
    let validate = this.compiled.get(schema);
    if (!validate) {
      try {
        validate = this.ajv.compile(schema);
      } catch (error) {
        validate = error as Error;
      }
      this.compiled.set(schema, validate);
    }
    return validate;
  }
}

const metaValidator = new Ajv2020({ strict: false, validateFormats: false });

/**
 * Why `schema` is not a valid JSON Schema 2020-12 document (checked against
 * the meta-schema, without compiling it), or undefined when it is.
 */
export function schemaDocumentProblem(schema: JsonSchema): string | undefined {
  if (metaValidator.validateSchema(schema) === true) return undefined;
  return metaValidator.errorsText(metaValidator.errors, { dataVar: 'schema' });
}

function describeError(error: ErrorObject): string {
  const field = fieldName(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return `"${joinField(field, String(error.params.missingProperty))}" is required`;
    case 'additionalProperties':
      return `unknown argument "${joinField(field, String(error.params.additionalProperty))}"`;
    default:
      return field ? `"${field}" ${error.message ?? 'is invalid'}` : (error.message ?? 'is invalid');
  }
}

/** `/user/name` -> `user.name`; `/tags/0` -> `tags[0]`. */
function fieldName(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : joinField(path, part)), '');
}

function joinField(parent: string, child: string): string {
  return parent ? `${parent}.${child}` : child;
}
