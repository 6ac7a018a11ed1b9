import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError } from './errors.js';
import { isSupervised } from './output.js';

const EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];

/**
 * The file a module argument names: a file as given; a directory by its
 * package's `main`, else the `main` of its `wrangler.toml`/`wrangler.jsonc`
 * (Workers projects), else `index.*` or `src/index.*`. Extensions may be left
 * out, as in `main: "src/index"`.
 */
export function resolveEntry(path: string): string {
  if (!existsSync(path) || !statSync(path).isDirectory()) return path;
  const mains = [packageMain(path), wranglerMain(path), 'index', 'src/index', 'server', 'app', 'main'];
  for (const main of mains) {
    if (main === undefined) continue;
    const found = withExtension(join(path, main));
    if (found) return found;
  }
  throw new CliError(
    `No app module found in the directory ${path}: no package.json "main", no index.* or src/index.*. Name the file.`,
  );
}

function withExtension(base: string): string | undefined {
  if (existsSync(base) && statSync(base).isFile()) return base;
  return EXTENSIONS.map((extension) => base + extension).find((file) => existsSync(file));
}

function packageMain(directory: string): string | undefined {
  const file = join(directory, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    const main = (JSON.parse(readFileSync(file, 'utf8')) as { main?: unknown }).main;
    return typeof main === 'string' ? main : undefined;
  } catch {
    return undefined;
  }
}

function wranglerMain(directory: string): string | undefined {
  for (const [name, pattern] of [
    ['wrangler.toml', /^\s*main\s*=\s*"([^"]+)"/m],
    ['wrangler.jsonc', /"main"\s*:\s*"([^"]+)"/],
    ['wrangler.json', /"main"\s*:\s*"([^"]+)"/],
  ] as const) {
    const file = join(directory, name);
    if (existsSync(file)) return pattern.exec(readFileSync(file, 'utf8'))?.[1];
  }
  return undefined;
}

/**
 * ESM or CommonJS, the way Node decides: `.mjs`/`.mts` and `.cjs`/`.cts` say so;
 * other files follow the nearest package.json's `"type"` (CommonJS without one,
 * which is what `npm init -y` creates).
 */
export function isEsModule(file: string): boolean {
  const extension = extname(file);
  if (extension === '.mjs' || extension === '.mts') return true;
  if (extension === '.cjs' || extension === '.cts') return false;
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dirname(directory) === directory) return false;
  }
}

let typeScriptRegistered = false;

/** tsx's hooks for both loaders (the supervised worker has the CommonJS one preloaded). */
async function registerTypeScript(): Promise<void> {
  if (typeScriptRegistered) return;
  typeScriptRegistered = true;
  if (!isSupervised()) (await import('tsx/cjs/api')).register();
  (await import('tsx/esm/api')).register();
}

/**
 * Loads the app module the way a test runner would, so guards that start a
 * server only when the file is run directly stay shut: CommonJS through
 * `require` (`module.parent` is set, `require.main` is not the module), ESM
 * through `import()` (`import.meta.url` is not `process.argv[1]`). TypeScript
 * loads either way. The namespace looks like `import()`'s: a CommonJS
 * `module.exports` is its `default`, and its own properties are named exports.
 */
export async function loadModule(file: string): Promise<Record<string, unknown>> {
  await registerTypeScript();
  if (!isEsModule(file)) {
    try {
      return namespaceOf(createRequire(file)(file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ESM syntax in a file Node treats as CommonJS, or a top-level await: import() takes it.
      if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
    }
  }
  const namespace = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  // TypeScript compiled to CommonJS (`exports.default = app` beside `__esModule`) imported as ESM.
  const inner = namespace.default as Record<string, unknown> | undefined;
  if (inner !== null && typeof inner === 'object' && inner.__esModule) return { ...namespace, ...inner };
  return namespace;
}

function namespaceOf(exports: unknown): Record<string, unknown> {
  if (exports !== null && typeof exports === 'object' && (exports as { __esModule?: unknown }).__esModule)
    return exports as Record<string, unknown>;
  const plain =
    exports !== null &&
    typeof exports === 'object' &&
    [Object.prototype, null].includes(Object.getPrototypeOf(exports));
  return { ...(plain ? (exports as Record<string, unknown>) : {}), default: exports };
}
