/**
 * `--openapi`: the CLI's commands for a backend known from its OpenAPI
 * document (any language), kept apart from the in-process commands so they
 * share only the flags. Reached from `cli.ts` through one marked hook per command.
 */
import type { BackendMcpOptions } from '@backend2mcp/core';
import { callerAuthentication } from '../caller-auth.js';
import { CliError } from '../errors.js';
import { writeOutput } from '../output.js';
import { serveOverStdio } from '../serve-stdio.js';
import { adapterOptions, type ToolFlags } from '../tool-options.js';

/** Flags of `run --openapi` and `list --openapi`. */
export interface OpenApiFlags extends ToolFlags {
  openapi: string;
  baseUrl?: string;
  /** `scheme=value`, repeatable; a value `env:NAME` is read from the environment. */
  credential?: string[];
  /** `scheme=clientId:clientSecret`, repeatable: OAuth client credentials (`env:NAME` works for each half). */
  clientCredentials?: string[];
  forwardHeader?: string[];
  watch?: boolean | string;
  transport?: 'stdio' | 'http';
  port?: string;
  host?: string;
  bearerToken?: string[];
  apiKey?: string[];
  json?: boolean;
}

/** How often `--watch` reads the document again, in milliseconds, when no interval is given. */
const DEFAULT_WATCH_MS = 2000;

async function createOpenApiAdapter(flags: OpenApiFlags, options: BackendMcpOptions) {
  const { OpenApiMcpAdapter } = await import('@backend2mcp/openapi');
  const adapter = new OpenApiMcpAdapter({
    ...adapterOptions(flags),
    ...options,
    document: flags.openapi,
    ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}),
    credentials: {
      ...parseCredentials(flags.credential),
      ...parseClientCredentials(flags.clientCredentials),
    },
    ...(flags.forwardHeader?.length ? { forwardHeaders: flags.forwardHeader } : {}),
  });
  try {
    // Read and checked now: a wrong URL or document fails at start, not on the first call.
    await adapter.ready();
  } catch (error) {
    await adapter.close();
    throw new CliError((error as Error).message);
  }
  return adapter;
}

/** `run --openapi <url|file>`: serves the backend over stdio or Streamable HTTP. */
export async function runOpenApiCommand(flags: OpenApiFlags): Promise<void> {
  const authenticate = callerAuthentication({
    ...(flags.bearerToken ? { bearerTokens: flags.bearerToken } : {}),
    ...(flags.apiKey ? { apiKeys: flags.apiKey } : {}),
  });
  const adapter = await createOpenApiAdapter(flags, authenticate ? { http: { authenticate } } : {});
  const what = `${adapter.tools.length} tools from ${flags.openapi}, calls to ${adapter.backend.baseUrl?.href}`;
  if (flags.transport === 'http') {
    const port = Number(flags.port ?? 3000);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CliError(`--port "${flags.port}" is not a port number.`);
    const listening = await adapter.listen({ port, host: flags.host ?? '127.0.0.1' });
    process.stderr.write(`backend2mcp: ${what}, MCP at ${listening.url.href}\n`);
  } else {
    await serveOverStdio(adapter);
    process.stderr.write(`backend2mcp: ${what}, MCP over stdio\n`);
  }
  if (flags.watch) watch(adapter, flags);
}

/** Reads the document again every interval; a change rebuilds the tools and tells clients (list_changed). */
function watch(
  adapter: { reload(): Promise<{ toolsChanged: boolean }>; tools: readonly unknown[] },
  flags: OpenApiFlags,
) {
  const every =
    typeof flags.watch === 'string' && Number(flags.watch) > 0 ? Number(flags.watch) : DEFAULT_WATCH_MS;
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const { toolsChanged } = await adapter.reload();
      if (toolsChanged)
        process.stderr.write(`backend2mcp: the document changed; ${adapter.tools.length} tools now.\n`);
    } catch (error) {
      process.stderr.write(
        `backend2mcp: reading ${flags.openapi} again failed, keeping the tools: ${(error as Error).message}\n`,
      );
    } finally {
      running = false;
    }
  }, every);
  timer.unref();
}

/** `list --openapi <url|file>`: the tools, and an estimate of what the tool list costs a model in tokens. */
export async function listOpenApiCommand(flags: OpenApiFlags): Promise<void> {
  const warnings: string[] = [];
  const adapter = await createOpenApiAdapter(flags, { onWarning: (message) => warnings.push(message) });
  const { estimateTokens } = await import('@backend2mcp/openapi');
  try {
    const listed = adapter.tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      ...(tool.outputSchema ? { outputSchema: tool.outputSchema } : {}),
      annotations: tool.annotations,
    }));
    const tokens = estimateTokens(JSON.stringify(listed));
    if (flags.json) {
      const tools = adapter.tools.map((tool, index) => ({
        ...listed[index],
        method: tool.route.method,
        path: tool.route.path,
      }));
      writeOutput(
        `${JSON.stringify({ openapi: flags.openapi, baseUrl: adapter.backend.baseUrl?.href, estimatedTokens: tokens, tools, skipped: adapter.server.skipped }, null, 2)}\n`,
      );
      return;
    }
    const rows = adapter.tools.map((tool) => [tool.name, tool.route.method, documentPath(tool.route.path)]);
    const widths = [0, 1, 2].map((column) =>
      Math.max(['TOOL', 'METHOD', 'PATH'][column]!.length, ...rows.map((row) => row[column]!.length)),
    );
    const line = (cells: string[]) =>
      `${cells
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd()}\n`;
    writeOutput([line(['TOOL', 'METHOD', 'PATH']), ...rows.map(line)].join(''));
    writeOutput(
      `\n${adapter.tools.length} tools from ${flags.openapi} (calls go to ${adapter.backend.baseUrl?.href}).\n` +
        `The tool list is about ${tokens.toLocaleString('en-US')} tokens (estimate: 4 characters per token); --include/--exclude make it smaller.\n`,
    );
    for (const warning of warnings)
      process.stderr.write(`warning: ${warning.replace(/^backend2mcp: /, '')}\n`);
  } finally {
    await adapter.close();
  }
}

/** A route template as the document wrote it: `/pets/:petId` -> `/pets/{petId}`. */
function documentPath(template: string): string {
  return template.replace(/:(?:"([^"]+)"|([A-Za-z_$][\w$]*))/g, '{$1$2}').replace(/\\(.)/g, '$1');
}

/** The `config` snippet's arguments for an OpenAPI backend. */
export function openApiServerArgs(openapi: string, baseUrl: string | undefined): string[] {
  return ['-y', '@backend2mcp/cli', 'run', '--openapi', openapi, ...(baseUrl ? ['--base-url', baseUrl] : [])];
}

/** `--client-credentials scheme=clientId:clientSecret` -> OAuth client credentials per scheme. */
export function parseClientCredentials(
  values: string[] = [],
): Record<string, { clientId: string; clientSecret: string }> {
  const credentials: Record<string, { clientId: string; clientSecret: string }> = {};
  for (const [scheme, pair] of Object.entries(parseCredentials(values, '--client-credentials'))) {
    const colon = pair.indexOf(':');
    if (colon <= 0) throw new CliError(`--client-credentials ${scheme}=...: give "clientId:clientSecret".`);
    credentials[scheme] = { clientId: pair.slice(0, colon), clientSecret: pair.slice(colon + 1) };
  }
  return credentials;
}

/** `--credential scheme=value` (repeatable); `env:NAME` reads the value from the environment, off the command line. */
export function parseCredentials(values: string[] = [], flag = '--credential'): Record<string, string> {
  const credentials: Record<string, string> = {};
  for (const value of values) {
    const equals = value.indexOf('=');
    if (equals <= 0) throw new CliError(`${flag} "${value.split('=')[0]}=..." is not "scheme=value".`);
    const scheme = value.slice(0, equals);
    let secret = value.slice(equals + 1);
    if (secret.startsWith('env:')) {
      const name = secret.slice(4);
      const fromEnvironment = process.env[name];
      if (fromEnvironment === undefined)
        throw new CliError(`${flag} ${scheme}=env:${name}: ${name} is not set.`);
      secret = fromEnvironment;
    }
    credentials[scheme] = secret;
  }
  return credentials;
}
