import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ADAPTERS } from './adapters.js';
import type { Framework } from './detect-framework.js';
import { CliError } from './errors.js';
import { findLoadedApp, type LoadedApp } from './find-loaded-app.js';
import { prepareFrameworks, watchHonoInstances } from './framework-hooks.js';
import { guardListen } from './listen-guard.js';
import { loadModule, resolveEntry } from './load-module.js';
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

/** How the app module is loaded. */
export interface LoadOptions {
  /** Let the app's own `listen()` calls bind their ports (default: skipped, see {@link guardListen}). */
  allowListen?: boolean;
  /** Give up when the module has not finished loading after this long (default 30 s). */
  timeoutMs?: number;
}

/**
 * Loads the user's app module (TypeScript or JavaScript, ESM or CommonJS, a
 * directory by its package's main; no build step, no edits) and finds the app
 * in it. Before the app's code runs, every framework copy it loads is prepared
 * (see {@link prepareFrameworks}) and its `listen()` calls are guarded.
 */
export async function loadApp(
  spec: string,
  forced?: Framework,
  options: LoadOptions = {},
): Promise<LoadedApp & { file: string }> {
  const parsed = parseModuleSpec(spec);
  if (!existsSync(parsed.file)) throw new CliError(`File not found: ${parsed.file}`);
  const file = resolveEntry(parsed.file);
  // NestJS (issue 23): a file of a Nest project is loaded by nest-entry.ts.
  const nest =
    forced === undefined || forced === 'nestjs' ? await loadNestEntry(file, parsed.exportName) : undefined;
  if (nest) return { ...nest, file };
  guardListen({ allowListen: options.allowListen ?? false });
  await preloadAdapters(file);
  await prepareFrameworks(file);

  let module: Record<string, unknown>;
  try {
    module = await watchHonoInstances(() => withTimeout(loadModule(file), options.timeoutMs ?? 30_000, file));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot load ${file}:\n${describeLoadError(error)}`);
  }
  const found = await findLoadedApp(module, file, basename(file), parsed.exportName, forced);
  return { ...found, file };
}

/** What each adapter prepares before the app's code runs (Express instrumentation, Fastify's watcher). */
async function preloadAdapters(file: string): Promise<void> {
  for (const adapter of ADAPTERS) await adapter.preload?.(pathToFileURL(file));
}

function withTimeout<T>(promise: Promise<T>, ms: number, file: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new CliError(
            `${basename(file)} did not finish loading within ${ms / 1000} s (a top-level await that never settles?).`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
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
