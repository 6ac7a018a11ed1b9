/**
 * NestJS entries for `backend2mcp run|list` (issue 23), kept apart from the
 * generic module loading: a Nest app is made by `NestFactory.create()` inside an
 * async `bootstrap()`, not exported, and its TypeScript needs decorator
 * metadata (constructor injection by type), which esbuild-based loaders such as
 * tsx do not emit. So a file that imports `@nestjs/*` is loaded through SWC
 * (@swc-node/register, with the project's tsconfig), and the app is taken from
 * the project's own `NestFactory`: the one `main.ts` creates (its `listen()`
 * binds a free loopback port instead of the app's own), or one created here
 * from a root module (`app.module.ts`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError } from './errors.js';
import type { LoadedApp } from './find-loaded-app.js';

const NEST_IMPORT = /(?:from\s*|require\(\s*|import\(\s*)['"]@nestjs\//;
/** How long `main.ts` may take between `NestFactory.create()` and `listen()`/`init()`. */
const BOOTSTRAP_MS = 30_000;

type NestApp = {
  init(): Promise<unknown>;
  listen(...args: unknown[]): Promise<unknown>;
  getHttpServer(): unknown;
};
type Create = (module: unknown, ...rest: unknown[]) => Promise<NestApp>;
interface NestFactoryLike {
  create: Create;
}

/**
 * True for a Nest entry or module: a file that imports NestJS, or any file of
 * a project whose package.json depends on `@nestjs/core` (`main.ts` may import
 * only `./app.js`).
 */
export function isNestEntry(file: string): boolean {
  if (!/\.[cm]?[jt]sx?$/.test(file)) return false;
  return NEST_IMPORT.test(readFileSync(file, 'utf8')) || projectDependsOnNest(dirname(file));
}

function projectDependsOnNest(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    const manifest = join(current, 'package.json');
    if (existsSync(manifest)) {
      // A Nest app ships @nestjs/core as a dependency; as a devDependency only it is a tool or a
      // test's (a package of adapters, like this CLI's own fixtures), not what the project is.
      const { dependencies = {} } = JSON.parse(readFileSync(manifest, 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      return '@nestjs/core' in dependencies;
    }
    if (dirname(current) === current) return false;
  }
}

/**
 * Loads a Nest entry and returns its application, or undefined when the file
 * is not a Nest one (the generic loading applies then).
 */
export async function loadNestEntry(file: string, exportName?: string): Promise<LoadedApp | undefined> {
  if (!isNestEntry(file)) return undefined;
  const projectRequire = createRequire(file);
  let factory: NestFactoryLike;
  try {
    ({ NestFactory: factory } = projectRequire('@nestjs/core') as { NestFactory: NestFactoryLike });
  } catch (error) {
    throw new CliError(
      `${file} imports NestJS, but @nestjs/core cannot be loaded from there: ${(error as Error).message}`,
    );
  }
  if (/\.[cm]?tsx?$/.test(file)) registerSwc(file);

  const created = captureCreatedApp(factory);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    created.restore();
    throw new CliError(`Cannot load ${file}:\n${(error as Error).stack ?? error}`);
  }
  const fromMain = await created.app();
  if (fromMain)
    return { app: fromMain, framework: 'nestjs', exportName: 'NestFactory.create', via: 'listen' };

  const [name, root] = rootModule(module, exportName, file);
  const app = await factory.create(root, { logger: stderrLogger(), abortOnError: false });
  return { app, framework: 'nestjs', exportName: name, via: 'export' };
}

/**
 * Loads TypeScript through SWC with decorator metadata, for `import` (ESM
 * hooks) and `require` (CommonJS hook) alike, using the project's tsconfig.
 */
function registerSwc(file: string): void {
  const tsconfig = nearestTsconfig(dirname(file));
  if (tsconfig && !/"emitDecoratorMetadata"\s*:\s*true/.test(readFileSync(tsconfig, 'utf8'))) {
    process.stderr.write(
      `backend2mcp: ${tsconfig} does not set "emitDecoratorMetadata": true; Nest cannot inject constructor parameters by type without it.\n`,
    );
  }
  if (tsconfig) process.env.SWC_NODE_PROJECT = tsconfig;
  // An optional peer (SWC is ~40 MB of native code only Nest sources need): the project's copy
  // first, then one installed beside the CLI.
  const from = [pathToFileURL(file).href, import.meta.url].find((parent) => {
    try {
      createRequire(parent).resolve('@swc-node/register');
      return true;
    } catch {
      return false;
    }
  });
  if (!from) {
    throw new CliError(
      `${basename(file)} is a TypeScript Nest entry: loading it needs @swc-node/register and @swc/core, which emit the decorator metadata Nest injects constructor parameters by. Install them in the project: npm i -D @swc-node/register @swc/core`,
    );
  }
  createRequire(from)('@swc-node/register');
  register('@swc-node/register/esm', from);
}

function nearestTsconfig(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * Wraps `NestFactory.create` while the entry loads: the app it creates is
 * captured, logs go to stderr (stdout may carry MCP), and `listen()` binds a
 * free loopback port: the MCP transport is the CLI's, not the app's port.
 */
function captureCreatedApp(factory: NestFactoryLike) {
  const original = factory.create;
  let pending: Promise<NestApp> | undefined;
  let signalStarted: (() => void) | undefined;
  const startedPromise = new Promise<void>((resolve) => {
    signalStarted = resolve;
  });
  factory.create = async function create(this: unknown, module: unknown, ...rest: unknown[]) {
    factory.create = original;
    const last = rest.at(-1);
    if (
      last &&
      typeof last === 'object' &&
      !('getType' in last) &&
      (last as { logger?: unknown }).logger === undefined
    ) {
      (last as { logger?: unknown }).logger = stderrLogger();
    } else if (rest.length === 0 || (last && typeof last === 'object' && 'getType' in last)) {
      rest.push({ logger: stderrLogger() });
    }
    pending = original.call(this, module, ...rest).then((app) => {
      const init = () => app.init();
      const started = async () => {
        await init();
        signalStarted?.();
      };
      // Nest's app is a proxy that ignores assignments: wrap it in one more.
      return new Proxy(app, {
        get(target, property) {
          if (property === 'listen') {
            // A free loopback port instead of the app's own: no clash with a running copy of the
            // API, and code after listen() (getUrl(), a log line) still works.
            return async () => {
              const server = await target.listen(0, '127.0.0.1');
              signalStarted?.();
              return server;
            };
          }
          if (property === 'init') {
            return async () => {
              await started();
              return wrapped;
            };
          }
          return Reflect.get(target, property);
        },
      });
    });
    const wrapped = await pending;
    return wrapped;
  };
  return {
    restore: () => {
      factory.create = original;
    },
    /** The app `main.ts` created, once it has started (or after a while), or undefined when it created none. */
    async app(): Promise<NestApp | undefined> {
      factory.create = original;
      if (!pending) return undefined;
      const app = await pending;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        startedPromise,
        new Promise((resolve) => {
          timer = setTimeout(resolve, BOOTSTRAP_MS);
        }),
      ]);
      clearTimeout(timer);
      return app;
    },
  };
}

/** The root module among the exports: the one asked for, else `AppModule`, else the only `@Module()` class. */
function rootModule(
  module: Record<string, unknown>,
  exportName: string | undefined,
  file: string,
): [string, unknown] {
  const isModule = (value: unknown) =>
    typeof value === 'function' &&
    ['imports', 'controllers', 'providers'].some(
      (key) =>
        (Reflect as unknown as { getMetadata?(k: string, t: object): unknown }).getMetadata?.(key, value) !==
        undefined,
    );
  if (exportName !== undefined) {
    if (!isModule(module[exportName]))
      throw new CliError(`The export "${exportName}" of ${file} is not a Nest @Module() class.`);
    return [exportName, module[exportName]];
  }
  const modules = Object.keys(module).filter((name) => isModule(module[name]));
  const name = modules.includes('AppModule') ? 'AppModule' : modules.length === 1 ? modules[0] : undefined;
  if (name === undefined) {
    throw new CliError(
      modules.length === 0
        ? `${file} imports NestJS but neither calls NestFactory.create() nor exports a @Module() class.`
        : `${file} exports several Nest modules (${modules.join(', ')}); pick the root one with ${file}:<export>.`,
    );
  }
  return [name, module[name]];
}

/** Nest's log lines on stderr: stdout may be the MCP stream. */
function stderrLogger() {
  const write =
    (level: string) =>
    (message: unknown, ...context: unknown[]) => {
      const where = context.length > 0 ? ` [${String(context.at(-1))}]` : '';
      process.stderr.write(
        `[Nest] ${level}${where} ${typeof message === 'string' ? message : JSON.stringify(message)}\n`,
      );
    };
  return {
    log: write('LOG'),
    error: write('ERROR'),
    warn: write('WARN'),
    debug: write('DEBUG'),
    verbose: write('VERBOSE'),
  };
}
