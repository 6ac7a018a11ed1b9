import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { applyEnvironment, type EnvironmentFlags, environmentOptions } from './app-environment.js';
import { callerAuthentication } from './caller-auth.js';
import { clientList, findClientTarget } from './client-config.js';
import { type AnyAdapter, createAdapter } from './create-adapter.js';
import { anAppOf, type Framework } from './detect-framework.js';
import { CliError } from './errors.js';
import { asOwnListen } from './listen-guard.js';
import { loadApp, parseModuleSpec } from './load-app.js';
import { writeOutput } from './output.js';
import { serveOverStdio } from './serve-stdio.js';
import { cliHint } from './skip-hints.js';
import { adapterOptions, type ToolFlags } from './tool-options.js';

/** Flags of every command that loads the app. */
export interface LoadFlags extends EnvironmentFlags {
  allowListen?: boolean;
}

export interface RunFlags extends ToolFlags, LoadFlags {
  transport: 'stdio' | 'http';
  port: string;
  host: string;
  framework?: Framework;
  bearerToken?: string[];
  apiKey?: string[];
  allowedHost?: string[];
}

/** `backend2mcp run <module>`: serves the app over stdio (default) or Streamable HTTP. */
export async function runCommand(spec: string, flags: RunFlags): Promise<void> {
  const bindings = applyEnvironment(flags);
  const { app, framework, file, unverified } = await loadApp(spec, flags.framework, {
    allowListen: flags.allowListen ?? false,
  });
  const authenticate = callerAuthentication({
    ...(flags.bearerToken ? { bearerTokens: flags.bearerToken } : {}),
    ...(flags.apiKey ? { apiKeys: flags.apiKey } : {}),
  });
  if (authenticate && flags.transport === 'stdio') {
    process.stderr.write(
      'backend2mcp: --bearer-token/--api-key protect the HTTP transport; over stdio the client that starts the process is the caller.\n',
    );
  }
  // Host names beside localhost that clients may reach the HTTP endpoint by (DNS-rebinding check).
  const allowedHosts = flags.allowedHost
    ? ['localhost', '127.0.0.1', '[::1]', ...flags.allowedHost]
    : undefined;
  const http = {
    ...(authenticate ? { authenticate } : {}),
    ...(allowedHosts ? { allowedHosts } : {}),
  };
  const adapter = await createAdapter(framework, app, {
    ...adapterOptions(flags),
    ...environmentOptions(framework, bindings),
    ...(Object.keys(http).length > 0 ? { http } : {}),
  });
  if (unverified) await requireRoutes(adapter, framework, file);
  if (flags.transport === 'http') {
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CliError(`--port "${flags.port}" is not a port number.`);
    try {
      const listening = await asOwnListen(() => adapter.listen({ port, host: flags.host }));
      process.stderr.write(
        `backend2mcp: ${anAppOf(framework)} app ${basename(file)}, MCP at ${listening.url.href}\n`,
      );
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    return;
  }
  await serveOverStdio(adapter);
  process.stderr.write(`backend2mcp: ${anAppOf(framework)} app ${basename(file)}, MCP over stdio\n`);
}

export interface ListFlags extends ToolFlags, LoadFlags {
  json?: boolean;
  framework?: Framework;
}

/** `backend2mcp list <module>`: the tools the app would expose, as a table or JSON. */
export async function listCommand(spec: string, flags: ListFlags): Promise<void> {
  const bindings = applyEnvironment(flags);
  const { app, framework, file, unverified } = await loadApp(spec, flags.framework, {
    allowListen: flags.allowListen ?? false,
  });
  const warnings: string[] = [];
  const adapter = await createAdapter(framework, app, {
    ...adapterOptions(flags),
    ...environmentOptions(framework, bindings),
    onWarning: (message) => warnings.push(message),
  });
  await adapter.server.prepare();
  if (unverified) await requireRoutes(adapter, framework, file);
  const tools = adapter.server.tools;
  if (flags.json) {
    const definitions = tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      method: tool.route.method,
      path: tool.route.path,
      inputSchema: tool.inputSchema,
      ...(tool.outputSchema ? { outputSchema: tool.outputSchema } : {}),
      annotations: tool.annotations,
    }));
    const skipped = adapter.server.skipped.map((entry) => ({
      route: entry.route,
      reason: cliHint(entry.reason),
    }));
    writeOutput(`${JSON.stringify({ framework, tools: definitions, skipped }, null, 2)}\n`);
    return;
  }
  const rows = tools.map((tool) => [tool.name, tool.route.method, tool.route.path, hints(tool.annotations)]);
  writeOutput(table(['TOOL', 'METHOD', 'PATH', 'HINTS'], rows));
  writeOutput(`\n${tools.length} ${tools.length === 1 ? 'tool' : 'tools'} from ${anAppOf(framework)} app.\n`);
  for (const warning of warnings)
    process.stderr.write(`warning: ${cliHint(warning.replace(/^backend2mcp: /, ''))}\n`);
}

/**
 * `backend2mcp config <client> <module>`: the snippet that adds the server to an
 * MCP client. Clients start servers from anywhere (often `/`), so the module's
 * path is absolute and `--cwd` keeps the working directory the command was
 * typed in, where the app reads its files and `.env` (a flag, not the client's
 * `cwd` key, which not every client honours). `args`: the --openapi hook's own
 * run arguments (src/openapi/openapi-commands.ts).
 */
export function configCommand(client: string, spec: string, args?: string[]): void {
  const target = findClientTarget(client);
  if (!target) throw new CliError(`Unknown client "${client}". Use one of: ${clientList()}.`);
  const launch = { command: 'npx', args: args ?? moduleServerArgs(spec) };
  const file = parseModuleSpec(spec).file;
  const name = args ? 'backend2mcp' : basename(file, extname(file)) || 'backend2mcp';
  writeOutput(`${JSON.stringify(target.snippet(name, launch), null, 2)}\n`);
  // stdout is the snippet alone (it can be piped into a file); where it goes is a hint on stderr.
  process.stderr.write(`${target.title}: add this to ${target.where}.\n`);
}

/** `run <module>` with the module's absolute path, in the working directory the command was typed in. */
function moduleServerArgs(spec: string): string[] {
  const { file, exportName } = parseModuleSpec(spec);
  if (!existsSync(file)) throw new CliError(`File not found: ${file}`);
  const module = exportName === undefined ? file : `${file}:${exportName}`;
  return ['-y', '@backend2mcp/cli', 'run', module, '--cwd', process.cwd()];
}

/** `--framework` named a framework the app was not recognised as: without a single route, it is not one. */
async function requireRoutes(adapter: AnyAdapter, framework: Framework, file: string): Promise<void> {
  await adapter.server.prepare();
  if (adapter.server.tools.length === 0 && adapter.server.skipped.length === 0) {
    throw new CliError(
      `No ${framework} app found in ${basename(file)}: the export given has no ${framework} routes.`,
    );
  }
}

function hints(annotations: {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
}): string {
  const out: string[] = [];
  if (annotations.readOnlyHint) out.push('read-only');
  if (annotations.destructiveHint) out.push('destructive');
  if (annotations.idempotentHint) out.push('idempotent');
  return out.join(', ');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    `${cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd()}\n`;
  return [line(header), ...rows.map(line)].join('');
}
