import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError } from './errors.js';

/** What `backend2mcp.config.json` / `.ts` / `.mjs` may set; flags given on the command line win. */
export interface ConfigFile {
  framework?: string;
  transport?: 'stdio' | 'http';
  port?: number | string;
  host?: string;
  header?: string[];
  include?: string[];
  exclude?: string[];
  bearerToken?: string[];
  apiKey?: string[];
  allowListen?: boolean;
  env?: string[];
  envFile?: string[];
  allowedHost?: string[];
}

const NAMES = [
  'backend2mcp.config.ts',
  'backend2mcp.config.mts',
  'backend2mcp.config.mjs',
  'backend2mcp.config.json',
];
const KEYS = new Set([
  'framework',
  'transport',
  'port',
  'host',
  'header',
  'include',
  'exclude',
  'bearerToken',
  'apiKey',
  'allowListen',
  'env',
  'envFile',
  'allowedHost',
]);

/**
 * Reads the config file: the one given with `--config`, else the first
 * `backend2mcp.config.{ts,mts,mjs,json}` next to the app module, else in the
 * working directory. Unknown keys are an error, so a typo never silently does nothing.
 */
export async function readConfigFile(explicit: string | undefined, moduleFile: string): Promise<ConfigFile> {
  const file = explicit ? resolve(explicit) : findConfig([dirname(moduleFile), process.cwd()]);
  if (!file) return {};
  if (!existsSync(file)) throw new CliError(`Config file not found: ${file}`);
  let config: unknown;
  try {
    if (file.endsWith('.json')) config = JSON.parse(readFileSync(file, 'utf8'));
    else {
      const { tsImport } = await import('tsx/esm/api');
      const module = (await tsImport(pathToFileURL(file).href, import.meta.url)) as { default?: unknown };
      config = module.default;
    }
  } catch (error) {
    throw new CliError(`Cannot read config file ${file}: ${(error as Error).message}`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new CliError(`Config file ${file} must contain (or export as default) an object.`);
  }
  const unknown = Object.keys(config).filter((key) => !KEYS.has(key));
  if (unknown.length > 0) {
    throw new CliError(
      `Config file ${file} has unknown keys: ${unknown.join(', ')}. Known: ${[...KEYS].join(', ')}.`,
    );
  }
  const list = (value: unknown) =>
    value === undefined ? undefined : Array.isArray(value) ? value.map(String) : [String(value)];
  const raw = config as Record<string, unknown>;
  return {
    ...(raw.framework !== undefined ? { framework: String(raw.framework) } : {}),
    ...(raw.transport !== undefined ? { transport: raw.transport as 'stdio' | 'http' } : {}),
    ...(raw.port !== undefined ? { port: raw.port as number } : {}),
    ...(raw.host !== undefined ? { host: String(raw.host) } : {}),
    ...(raw.header !== undefined ? { header: list(raw.header) } : {}),
    ...(raw.include !== undefined ? { include: list(raw.include) } : {}),
    ...(raw.exclude !== undefined ? { exclude: list(raw.exclude) } : {}),
    ...(raw.bearerToken !== undefined ? { bearerToken: list(raw.bearerToken) } : {}),
    ...(raw.apiKey !== undefined ? { apiKey: list(raw.apiKey) } : {}),
    ...(raw.allowListen !== undefined ? { allowListen: raw.allowListen === true } : {}),
    ...(raw.env !== undefined ? { env: envList(raw.env) } : {}),
    ...(raw.envFile !== undefined ? { envFile: list(raw.envFile) } : {}),
    ...(raw.allowedHost !== undefined ? { allowedHost: list(raw.allowedHost) } : {}),
  };
}

/** `env` as `["KEY=VALUE"]` or `{ "KEY": "VALUE" }`. */
function envList(value: unknown): string[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).map(([key, entry]) => `${key}=${String(entry)}`);
  }
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function findConfig(directories: string[]): string | undefined {
  for (const directory of directories) {
    for (const name of NAMES) {
      const file = join(directory, name);
      if (existsSync(file)) return file;
    }
  }
  return undefined;
}
