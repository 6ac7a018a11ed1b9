import { pluginRouteReason } from '@backend2mcp/core/adapter';
import { type McpToolOptions, readMcpToolOptions } from '../decorators.js';
import type { NestAppView, NestModulesContainer, NestVersion } from '../nest-internals.js';
import { httpMethodsOf, type NestHttpMethod } from './route-methods.js';
import { routePaths, withLeadingSlash } from './route-paths.js';
import { headerVersionVariants } from './versions.js';

/** One handler of the app at one method and path, as Nest registered it. */
export interface NestRoute {
  method: NestHttpMethod;
  /** Full path template from the server root (global prefix, RouterModule path and URI version included). */
  path: string;
  /** The controller class and the name of its handler method. */
  controller: Function;
  methodName: string;
  /** The version this variant answers to under header or media-type versioning. */
  version?: string;
  /** Headers every request to this route needs to reach this handler (version header, `host`). */
  headers: Record<string, string>;
  /** Under header or media-type versioning: the version the platform's router matches this variant by. */
  versionConstraint?: string | symbol;
  /** `@McpTool()` / `@McpExclude()` overrides. */
  meta?: McpToolOptions;
  /** `Controller.method`, for messages. */
  source: string;
}

/** A handler that cannot be served as a tool, and why. */
export interface SkippedNestRoute {
  route: string;
  reason: string;
  /** Where the handler is registered on the platform, though no tool reaches it. */
  path?: string;
  methods?: readonly NestHttpMethod[];
}

/** What {@link discoverRoutes} found. */
export interface DiscoveredRoutes {
  routes: NestRoute[];
  skipped: SkippedNestRoute[];
}

// Nest's metadata keys (`@nestjs/common` constants), the same strings in Nest 11 and 12.
const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';
const VERSION_METADATA = '__version__';
const HOST_METADATA = 'host';
const MODULE_PATH = '__module_path__';
const SSE_METADATA = '__sse__';
const RENDER_METADATA = '__renderTemplate__';
const REDIRECT_METADATA = '__redirect__';

const reflect = Reflect as unknown as { getMetadata?(key: string, target: object): unknown };
const metadata = (key: string, target: object): unknown => reflect.getMetadata?.(key, target);

/**
 * Every route of an initialised Nest app, read from its modules' controllers
 * and the metadata Nest routes by (paths, methods, versions, hosts,
 * `RouterModule` paths), with the app's global prefix and versioning. The
 * underlying Express/Fastify router is never scanned: it has lost the
 * versions and the handler behind each path.
 */
export function discoverRoutes(app: NestAppView): DiscoveredRoutes {
  const config = app.config();
  const versioning = config.getVersioning();
  const modules = app.modules();
  const routes: NestRoute[] = [];
  const skipped: SkippedNestRoute[] = [];
  for (const module of modules.values()) {
    const modulePath = modulePathOf(modules, module.metatype);
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype;
      if (typeof controller !== 'function') continue;
      const hostHeaders = hostHeadersOf(metadata(HOST_METADATA, controller) as HostMetadata);
      const controllerVersion =
        versioning &&
        ((metadata(VERSION_METADATA, controller) as NestVersion | undefined) ?? versioning.defaultVersion);
      for (const ctrlPath of pathsOf(metadata(PATH_METADATA, controller)) ?? []) {
        for (const methodName of methodNamesOf(controller.prototype)) {
          const handler = controller.prototype[methodName] as object;
          const methodPaths = pathsOf(metadata(PATH_METADATA, handler));
          if (!methodPaths) continue;
          const requestMethod = metadata(METHOD_METADATA, handler) as number;
          const version =
            (metadata(VERSION_METADATA, handler) as NestVersion | undefined) ?? controllerVersion;
          const source = `${controller.name}.${methodName}`;
          const methods = httpMethodsOf(requestMethod);
          const variants = headerVersionVariants(version || undefined, versioning);
          const reason =
            (methods ? undefined : 'its HTTP method is not one MCP tools are made for') ??
            unservableReason(handler) ??
            (typeof hostHeaders === 'string' ? hostHeaders : undefined) ??
            (typeof variants === 'string' ? variants : undefined);
          const meta = readMcpToolOptions(controller, handler);
          // @Options()/@Head() handlers answer CORS preflight and header-only requests, not a model:
          // skipped like the plugin routes of every adapter, unless @McpTool() asks for them.
          const plumbing = meta ? undefined : plumbingReason(methods);
          for (const methodPath of methodPaths) {
            const paths = routePaths(
              { modulePath, ctrlPath, methodPath, version: version || undefined, requestMethod },
              config,
            );
            for (const path of paths) {
              if (
                reason !== undefined ||
                plumbing !== undefined ||
                !methods ||
                typeof hostHeaders === 'string'
              ) {
                skipped.push({
                  route: `${source} ${path}`,
                  reason: reason ?? plumbing ?? '',
                  path,
                  ...(methods ? { methods } : {}),
                });
                continue;
              }
              for (const method of methods) {
                for (const variant of Array.isArray(variants) ? variants : [undefined]) {
                  routes.push({
                    method,
                    path,
                    controller,
                    methodName,
                    ...(variant?.version !== undefined ? { version: variant.version } : {}),
                    ...(variant ? { versionConstraint: variant.constraint } : {}),
                    headers: { ...hostHeaders, ...variant?.headers },
                    ...(meta ? { meta } : {}),
                    source,
                  });
                }
              }
            }
          }
        }
      }
    }
  }
  return { routes, skipped };
}

type HostMetadata = string | RegExp | Array<string | RegExp> | undefined;

/** The shared reason for an `@Options()` or `@Head()` handler, or undefined for any other. */
function plumbingReason(methods: readonly string[] | undefined): string | undefined {
  if (methods?.length !== 1) return undefined;
  const idiom = { override: '@McpTool()' };
  if (methods[0] === 'OPTIONS') return pluginRouteReason('cors-preflight', idiom);
  if (methods[0] === 'HEAD') return pluginRouteReason('head', idiom);
  return undefined;
}

/** `RouterModule` paths are stored per application (several apps can share module classes). */
function modulePathOf(modules: NestModulesContainer, module: object): string | undefined {
  return (metadata(MODULE_PATH + (modules.applicationId ?? ''), module) ?? metadata(MODULE_PATH, module)) as
    | string
    | undefined;
}

function pathsOf(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map((path) => withLeadingSlash(String(path)));
}

/** Method names of a controller and the classes it extends, as Nest's `MetadataScanner` lists them. */
function methodNamesOf(prototype: object): string[] {
  const names = new Set<string>();
  for (
    let current = prototype;
    current && current !== Object.prototype;
    current = Object.getPrototypeOf(current)
  ) {
    for (const name of Object.getOwnPropertyNames(current)) {
      const descriptor = Object.getOwnPropertyDescriptor(current, name);
      if (name !== 'constructor' && typeof descriptor?.value === 'function') names.add(name);
    }
  }
  return [...names];
}

/** Why a handler's answer is no tool result: a stream of events, a rendered page, a redirect. */
function unservableReason(handler: object): string | undefined {
  if (metadata(SSE_METADATA, handler)) {
    return '@Sse() streams events for as long as the client listens; it has no single result';
  }
  if (metadata(RENDER_METADATA, handler) !== undefined)
    return '@Render() answers with an HTML page for browsers';
  if (metadata(REDIRECT_METADATA, handler) !== undefined)
    return '@Redirect() answers with a redirect, not content';
  return undefined;
}

/**
 * The `host` header that reaches a host-bound controller, `{}` for a controller
 * bound to no host, or a reason when the host has parameters or is a pattern
 * (a tool call has no host name to fill in).
 */
function hostHeadersOf(host: HostMetadata): Record<string, string> | string {
  if (host === undefined) return {};
  const fixed = (Array.isArray(host) ? host : [host]).find(
    (each): each is string => typeof each === 'string' && !/[:*{(]/.test(each),
  );
  if (fixed === undefined) {
    return 'the controller is bound to a host pattern; a tool call has no host name to match it';
  }
  return { host: fixed };
}
