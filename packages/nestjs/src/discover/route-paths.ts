import type { NestApplicationConfig, NestVersion, NestVersioningOptions } from '../nest-internals.js';
import { isVersionNeutral } from './versions.js';

const VERSIONING_URI = 0;
const REQUEST_METHOD_ALL = 5;

/** What a handler's full paths are built from, as Nest's `RoutePathFactory` takes it. */
export interface RoutePathParts {
  modulePath?: string;
  ctrlPath: string;
  methodPath: string;
  /** The handler's version, else its controller's (or the default version). */
  version?: NestVersion;
  requestMethod: number;
}

/**
 * The full paths Nest serves a handler at, built the way Nest's
 * `RoutePathFactory` builds them: `[/v1][/module][/controller][/method]`, then the
 * global prefix in front unless the (unversioned) path is excluded from it.
 */
export function routePaths(parts: RoutePathParts, config: NestApplicationConfig): string[] {
  const versioning = config.getVersioning();
  const globalPrefix = withLeadingSlash(config.getGlobalPrefix());
  const versioned: Array<{ prefix: string }> =
    parts.version !== undefined && versioning?.type === VERSIONING_URI
      ? (Array.isArray(parts.version) ? parts.version : [parts.version]).map((version) => ({
          prefix: isVersionNeutral(version) ? '' : `/${uriVersionPrefix(versioning)}${String(version)}`,
        }))
      : [{ prefix: '' }];
  const excluded = config.getGlobalPrefixOptions().exclude ?? [];
  return versioned.map(({ prefix }) => {
    let path = prefix;
    for (const fragment of [parts.modulePath, parts.ctrlPath, parts.methodPath]) {
      if (fragment) path = stripEndSlash(path) + withLeadingSlash(fragment);
    }
    const unversioned = path.slice(prefix.length);
    const isExcluded = excluded.some(
      (route) =>
        (route.requestMethod === REQUEST_METHOD_ALL ||
          route.requestMethod === -1 ||
          route.requestMethod === parts.requestMethod) &&
        route.pathRegex.test(withLeadingSlash(unversioned)),
    );
    if (globalPrefix && !isExcluded) path = stripEndSlash(globalPrefix) + path;
    path = withLeadingSlash(path || '/');
    return path !== '/' ? stripEndSlash(path) : path;
  });
}

function uriVersionPrefix(versioning: NestVersioningOptions): string {
  if (versioning.prefix === false) return '';
  return versioning.prefix ?? 'v';
}

export function withLeadingSlash(path: string | undefined): string {
  if (!path) return '';
  return path.startsWith('/') || path.startsWith('{/') ? path : `/${path}`;
}

function stripEndSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path;
}
