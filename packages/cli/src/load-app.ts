import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ADAPTERS } from './adapters.js';
import { detectFramework, type Framework } from './detect-framework.js';
import { CliError } from './errors.js';
import { type FoundApp, findApp } from './find-app.js';
import { loadNestEntry } from './nest-entry.js';

/** `path/to/app.ts` or `path/to/app.ts:exportName`. */
export interface ModuleSpec {
  file: string;
  exportName?: string;
}

/** Splits `app.ts:server`; a `:` that is part of an existing path is kept. */
export function parseModuleSpec(spec: string): ModuleSpec {
  const colon = spec.lastIndexOf(':');
  if (colon > 0 && !existsSync(resolve(spec))) {
    const exportName = spec.slice(colon + 1);
    if (/^[A-Za-z_$][\w$]*$/.test(exportName)) return { file: resolve(spec.slice(0, colon)), exportName };
  }
  return { file: resolve(spec) };
}

/**
 * Loads the user's app module (TypeScript or JavaScript, ESM or CommonJS,
 * no build step) and finds the app in it. What the adapters need before the
 * app's own code runs is done first: Express is instrumented (the copy the app
 * resolves) and Fastify instances are watched from their creation.
 */
export async function loadApp(spec: string, forced?: Framework): Promise<FoundApp & { file: string }> {
  const { file, exportName } = parseModuleSpec(spec);
  if (!existsSync(file)) throw new CliError(`File not found: ${file}`);
  // NestJS (issue 23): a file that imports @nestjs/* is loaded by nest-entry.ts.
  const nest =
    forced === undefined || forced === 'nestjs' ? await loadNestEntry(file, exportName) : undefined;
  if (nest) return { ...nest, file };
  await preloadAdapters(file);

  let module: Record<string, unknown>;
  try {
    const { tsImport } = await import('tsx/esm/api');
    module = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`Cannot load ${file}:\n${describeLoadError(error)}`);
  }
  const found = forced
    ? pickForced(module, file, exportName, forced)
    : findApp(module, basename(file), exportName);
  return { ...found, file };
}

/** What each adapter prepares before the app's code runs (Express instrumentation, Fastify's watcher). */
async function preloadAdapters(file: string): Promise<void> {
  for (const adapter of ADAPTERS) await adapter.preload?.(pathToFileURL(file));
}

function pickForced(
  module: Record<string, unknown>,
  file: string,
  exportName: string | undefined,
  framework: Framework,
) {
  const name = exportName ?? (module.default !== undefined ? 'default' : undefined);
  if (name === undefined || !Object.hasOwn(module, name)) {
    throw new CliError(
      `${basename(file)} has no ${exportName ? `export named "${exportName}"` : 'default export'}.`,
    );
  }
  const detected = detectFramework(module[name]);
  if (detected && detected !== framework) {
    throw new CliError(
      `The export "${name}" of ${basename(file)} looks like a ${detected} app, not ${framework}.`,
    );
  }
  return { app: module[name], framework, exportName: name };
}

/**
 * A syntax error is reported by its message, which names the file, line and
 * column (`app.ts:3:20: ERROR: Unexpected ";"`); an error the module throws
 * while loading keeps the top of its stack, which points into the user's code.
 */
function describeLoadError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TransformError' || error instanceof SyntaxError) return error.message;
  return (error.stack ?? error.message).split('\n').slice(0, 4).join('\n');
}
