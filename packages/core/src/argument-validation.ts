import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ToolSpec } from './tool-spec.js';

/** The outcome of checking a call's arguments against the tool's input schema. */
export type ArgumentCheck = { ok: true } | { ok: false; message: string };

/**
 * Validates tool arguments against the tool's input schema (JSON Schema 2020-12)
 * before anything is dispatched, so the route never sees a call its schema
 * forbids. Validators are compiled on first use and cached per tool: compiling
 * every schema at start would make startup of large apps slow for no gain.
 */
export class ArgumentValidator {
  // strict: false because apps' schemas carry vendor keywords (example, nullable, x-*) that are not errors.
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  private readonly compiled = new WeakMap<ToolSpec, ValidateFunction | Error>();

  constructor() {
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.ajv);
  }

  /** Checks `args`; the message names every bad field and what is wrong with it. */
  check(tool: ToolSpec, args: Record<string, unknown>): ArgumentCheck {
    const validate = this.validatorFor(tool);
    if (validate instanceof Error) {
      return {
        ok: false,
        message: `The input schema of ${tool.name} is not valid JSON Schema 2020-12, so its arguments cannot be checked: ${validate.message}`,
      };
    }
    if (validate(args)) return { ok: true };
    const problems = (validate.errors ?? []).map(describeError);
    return {
      ok: false,
      message: `Invalid arguments for ${tool.name}: ${[...new Set(problems)].join('; ')}.`,
    };
  }

  private validatorFor(tool: ToolSpec): ValidateFunction | Error {
    let validate = this.compiled.get(tool);
    if (!validate) {
      try {
        validate = this.ajv.compile(tool.inputSchema);
      } catch (error) {
        validate = error as Error;
      }
      this.compiled.set(tool, validate);
    }
    return validate;
  }
}

function describeError(error: ErrorObject): string {
  const field = fieldName(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return `"${joinField(field, String(error.params.missingProperty))}" is required`;
    case 'additionalProperties':
      return `unknown argument "${joinField(field, String(error.params.additionalProperty))}"`;
    default:
      return `"${field || '(arguments)'}" ${error.message ?? 'is invalid'}`;
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
