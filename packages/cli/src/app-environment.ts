import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import type { BackendMcpOptions } from '@backend2mcp/core';
import { adapterFor, type Framework } from './detect-framework.js';
import { CliError } from './errors.js';

/** `--env KEY=VALUE` and `--env-file <file>` (both repeatable). */
export interface EnvironmentFlags {
  env?: string[];
  envFile?: string[];
}

/**
 * Puts the values the app expects into `process.env` before it loads, and
 * returns them, for frameworks that take them as bindings (Hono's `c.env`, as
 * on Workers). Files are read in order (dotenv syntax, as Node's own
 * `--env-file`); a variable already set in the environment wins over a file, as
 * there; `--env` wins over both.
 *
 * @returns the variables given, or undefined when none were.
 */
export function applyEnvironment(flags: EnvironmentFlags): Record<string, string> | undefined {
  if (!flags.env?.length && !flags.envFile?.length) return undefined;
  const values: Record<string, string> = {};
  for (const file of flags.envFile ?? []) {
    const path = resolve(file);
    if (!existsSync(path)) throw new CliError(`--env-file ${file}: file not found (${path}).`);
    for (const [key, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
      if (value === undefined) continue;
      values[key] = value;
      if (process.env[key] === undefined) process.env[key] = value;
      else values[key] = process.env[key];
    }
  }
  for (const entry of flags.env ?? []) {
    const equals = entry.indexOf('=');
    const key = entry.slice(0, equals);
    if (equals <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new CliError(`--env "${entry}" is not KEY=VALUE.`);
    }
    values[key] = entry.slice(equals + 1);
    process.env[key] = values[key];
  }
  return values;
}

/**
 * The adapter options that carry the values beyond `process.env`, from the
 * adapter's descriptor (Hono: bindings, `c.env`, which `app.fetch` receives).
 */
export function environmentOptions(
  framework: Framework,
  values: Record<string, string> | undefined,
): BackendMcpOptions {
  return values ? (adapterFor(framework).environmentOptions?.(values) ?? {}) : {};
}
