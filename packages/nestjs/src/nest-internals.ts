/**
 * The parts of a Nest application this package reads, typed structurally so one
 * build works with the app's own copy of Nest 11 or 12 (classes from a second
 * copy of `@nestjs/core` would not match the app's). Not exported from the package.
 */

/** A version as `@Version()`/`@Controller({ version })` declare it: a string, `VERSION_NEUTRAL`, or a list. */
export type NestVersion = string | symbol | Array<string | symbol>;

/** `app.enableVersioning(...)` options. */
export interface NestVersioningOptions {
  /** `VersioningType`: 0 URI, 1 HEADER, 2 MEDIA_TYPE, 3 CUSTOM. */
  type: number;
  header?: string;
  key?: string;
  prefix?: string | false;
  defaultVersion?: NestVersion;
}

/** A global prefix exclusion as `setGlobalPrefix(prefix, { exclude })` stores it. */
export interface NestExcludedRoute {
  path: string;
  requestMethod: number;
  pathRegex: RegExp;
}

/** Nest's `ApplicationConfig`: global prefix and versioning. */
export interface NestApplicationConfig {
  getGlobalPrefix(): string;
  getGlobalPrefixOptions(): { exclude?: NestExcludedRoute[] };
  getVersioning(): NestVersioningOptions | undefined;
}

/** A controller as the container holds it. */
export interface NestInstanceWrapper {
  metatype?: unknown;
}

/** A module as the container holds it. */
export interface NestModuleRef {
  metatype: object;
  controllers: Map<unknown, NestInstanceWrapper>;
}

/** Nest's `ModulesContainer`: every module of the app, by key. */
export interface NestModulesContainer extends Map<string, NestModuleRef> {
  readonly applicationId?: string;
}

/** The HTTP adapter under the app (`app.getHttpAdapter()`, `HttpAdapterHost.httpAdapter`). */
export interface NestHttpAdapter {
  /** `express` or `fastify`. */
  getType(): string;
  /** The Express app or Fastify instance. */
  getInstance(): unknown;
}

/** A Nest HTTP application (`INestApplication`), as far as this package reads it. */
export interface NestAppLike {
  init(): Promise<unknown>;
  getHttpAdapter(): NestHttpAdapter;
}

/** Where discovery and dispatch read the app from: the application, or `McpModule`'s injected providers. */
export interface NestAppView {
  modules(): NestModulesContainer;
  config(): NestApplicationConfig;
  httpAdapter(): NestHttpAdapter;
  /** The application as `@nestjs/swagger` reads it (its container, config and HTTP adapter). */
  application(): unknown;
  /** Resolves once the app has started and its routes are on the platform (when the app is started elsewhere). */
  started?(): Promise<void>;
}

interface AppInternals {
  container?: { getModules?(): NestModulesContainer; applicationConfig?: NestApplicationConfig };
  config?: NestApplicationConfig;
}

/**
 * Reads an application's container and config, which `INestApplication` keeps
 * as (non-public) fields in Nest 11 and 12; undefined for anything else.
 */
export function viewOfApp(app: NestAppLike): NestAppView | undefined {
  const internals = app as unknown as AppInternals;
  const container = internals.container;
  const config = internals.config ?? container?.applicationConfig;
  if (typeof container?.getModules !== 'function' || typeof config?.getGlobalPrefix !== 'function') {
    return undefined;
  }
  return {
    modules: () => container.getModules!(),
    config: () => config,
    httpAdapter: () => app.getHttpAdapter(),
    application: () => app,
  };
}
