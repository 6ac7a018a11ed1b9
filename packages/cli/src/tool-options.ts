import type { BackendMcpOptions, ToolSpec } from '@backend2mcp/core';
import { CliError } from './errors.js';
import { cliHint } from './skip-hints.js';

/** Flags shared by `run` and `list`. */
export interface ToolFlags {
  header?: string[];
  include?: string[];
  exclude?: string[];
  /** `run --cookies`: one cookie jar per MCP connection. */
  cookies?: boolean;
}

/** `--header 'X-Name: value'` -> `{ 'x-name': 'value' }`, refusing malformed or CR/LF values. */
export function parseHeaders(values: string[] = []): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const value of values) {
    const colon = value.indexOf(':');
    const name = value.slice(0, colon).trim();
    if (colon <= 0 || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) || /[\r\n\0]/.test(value)) {
      throw new CliError(`--header "${value}" is not "Name: value".`);
    }
    headers[name.toLowerCase()] = value.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * `--include` / `--exclude` globs (`*` matches anything) tested against a
 * tool's name, its `METHOD /path` and its `/path`. A tool is kept when it
 * matches an include (or there is none) and matches no exclude.
 */
export function toolFilter(
  include: string[] = [],
  exclude: string[] = [],
): ((tool: ToolSpec) => boolean) | undefined {
  if (include.length === 0 && exclude.length === 0) return undefined;
  const includes = include.map(globToRegExp);
  const excludes = exclude.map(globToRegExp);
  return (tool) => {
    const keys = [tool.name, `${tool.route.method} ${tool.route.path}`, tool.route.path];
    const matches = (pattern: RegExp) => keys.some((key) => pattern.test(key));
    return (includes.length === 0 || includes.some(matches)) && !excludes.some(matches);
  };
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** Adapter options from the shared flags. */
export function adapterOptions(flags: ToolFlags): BackendMcpOptions {
  const headers = parseHeaders(flags.header);
  const filter = toolFilter(flags.include, flags.exclude);
  return {
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(filter ? { filter } : {}),
    ...(flags.cookies ? { cookies: true } : {}),
    onWarning: (message) => process.stderr.write(`${cliHint(message)}\n`),
  };
}
