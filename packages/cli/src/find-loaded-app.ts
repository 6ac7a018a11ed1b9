import { detectFramework, type Framework } from './detect-framework.js';
import { CliError } from './errors.js';
import { buildFastifyPlugin } from './fastify-plugin.js';
import { type FoundApp, findApp } from './find-app.js';
import { appBehindServer, honoAppByFetch, sawFramework } from './framework-hooks.js';
import { listenedServers, nextListen } from './listen-guard.js';

/** How long to wait for an app that exports nothing to listen after loading (after a database connection, say). */
const LATE_LISTEN_MS = 10_000;

/** The app found in a loaded module, and how it was found. */
export interface LoadedApp extends FoundApp {
  /** `export`, `listen` (taken from the server it asked to listen) or `plugin` (a Fastify plugin, built). */
  via: 'export' | 'listen' | 'plugin';
  /** True when `--framework` named a framework the value was not recognised as (its routes decide). */
  unverified?: boolean;
}

/**
 * The app in a loaded module, in this order: the named export when one is
 * asked for; an exported app; the app behind a server the module asked to
 * listen (an entry file that exports nothing), waiting a little for one that
 * listens after an await; a Fastify plugin, built into an instance. Else the
 * error of {@link findApp}, which lists what the module exports.
 */
export async function findLoadedApp(
  module: Record<string, unknown>,
  file: string,
  name: string,
  exportName: string | undefined,
  forced?: Framework,
): Promise<LoadedApp> {
  const matches = (value: unknown) => {
    const detected = detectFramework(value);
    return detected !== undefined && (forced === undefined || detected === forced);
  };
  if (exportName !== undefined && Object.hasOwn(module, exportName) && matches(module[exportName]))
    return { ...findApp(module, name, exportName), via: 'export' };
  if (exportName === undefined) {
    const exported = tryFind(() => findApp(module, name));
    if (exported && matches(exported.app)) return { ...exported, via: 'export' };
  }
  const served = servedByFetch(module[exportName ?? 'default']);
  if (served && matches(served))
    return { app: served, framework: 'hono', exportName: exportName ?? 'default', via: 'export' };
  let captured = capturedApp(matches);
  // An app that exports nothing may still listen once its database is connected; one that exports
  // apps (just not the one asked for, or several) is answered about its exports at once.
  const exportsApps = Object.values(module).some((value) => detectFramework(value) !== undefined);
  if (!captured && !exportsApps && sawFramework() && listenedServers().length === 0) {
    await nextListen(LATE_LISTEN_MS);
    captured = capturedApp(matches);
  }
  if (captured) {
    const framework = detectFramework(captured)!;
    return { app: captured, framework, exportName: exportName ?? '(listen)', via: 'listen' };
  }
  if (forced === undefined || forced === 'fastify') {
    const instance = await buildFastifyPlugin(module, file, exportName);
    if (instance)
      return { app: instance, framework: 'fastify', exportName: exportName ?? 'default', via: 'plugin' };
  }
  if (forced) {
    // A framework copy whose shape detection misses: the chosen export is trusted, its routes decide.
    const chosen = exportName ?? 'default';
    if (Object.hasOwn(module, chosen) && couldBeApp(module[chosen]) && !detectFramework(module[chosen]))
      return { app: module[chosen], framework: forced, exportName: chosen, via: 'export', unverified: true };
    throw new CliError(
      `No ${forced} app found in ${name}: not among its exports${exportName ? ` ("${exportName}")` : ''}, and it started no ${forced} server.`,
    );
  }
  return { ...findApp(module, name, exportName), via: 'export' };
}

/** The Hono app behind an exported `{ fetch: app.fetch, port }` object. */
function servedByFetch(value: unknown): unknown {
  const fetch =
    value !== null && typeof value === 'object' ? (value as { fetch?: unknown }).fetch : undefined;
  return typeof fetch === 'function' ? honoAppByFetch(fetch) : undefined;
}

/** A function or a class instance: not nothing, and not the plain `{}` of a module that exports nothing. */
function couldBeApp(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object') return false;
  return ![Object.prototype, null].includes(Object.getPrototypeOf(value));
}

function capturedApp(matches: (value: unknown) => boolean): unknown {
  for (const server of listenedServers()) {
    const app = appBehindServer(server);
    if (app !== undefined && matches(app)) return app;
  }
  return undefined;
}

function tryFind(find: () => FoundApp): FoundApp | undefined {
  try {
    return find();
  } catch {
    return undefined;
  }
}
