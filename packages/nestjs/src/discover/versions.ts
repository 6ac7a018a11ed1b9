import type { NestVersion, NestVersioningOptions } from '../nest-internals.js';

const VERSIONING_URI = 0;
const VERSIONING_HEADER = 1;
const VERSIONING_MEDIA_TYPE = 2;

/** One version a handler answers to, and the headers a request needs to reach it. */
export interface VersionVariant {
  /** The version, or undefined for `VERSION_NEUTRAL` (reached without any version). */
  version?: string;
  headers: Record<string, string>;
  /** The version as Nest registered it (the string, or the app's `VERSION_NEUTRAL`), what Fastify's version constraint stores. */
  constraint: string | symbol;
}

/** `VERSION_NEUTRAL` is a symbol of the app's own copy of `@nestjs/common`: compare by description. */
export function isVersionNeutral(version: unknown): boolean {
  return typeof version === 'symbol' && version.description === 'VERSION_NEUTRAL';
}

/**
 * The header-borne variants of a handler under header or media-type
 * versioning: one per declared version, each with the header Nest's version
 * filter reads. Undefined when the version is in the path (URI versioning) or
 * there is none; a string when versions are chosen by a custom extractor,
 * which no request can be built for.
 */
export function headerVersionVariants(
  version: NestVersion | undefined,
  versioning: NestVersioningOptions | undefined,
): VersionVariant[] | string | undefined {
  if (version === undefined || !versioning || versioning.type === VERSIONING_URI) return undefined;
  const versions = Array.isArray(version) ? version : [version];
  if (versioning.type !== VERSIONING_HEADER && versioning.type !== VERSIONING_MEDIA_TYPE) {
    return 'custom versioning chooses handlers with a function of the request; no tool call can target one version';
  }
  return versions.map((each): VersionVariant => {
    if (isVersionNeutral(each)) return { headers: {}, constraint: each };
    const value = String(each);
    if (versioning.type === VERSIONING_HEADER) {
      return {
        version: value,
        headers: { [(versioning.header ?? '').toLowerCase()]: value },
        constraint: value,
      };
    }
    return {
      version: value,
      headers: { accept: `application/json;${versioning.key ?? 'v='}${value}` },
      constraint: value,
    };
  });
}
