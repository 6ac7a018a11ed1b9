import { basename, extname } from 'node:path';
import { callerAuthentication } from './caller-auth.js';
import { createAdapter } from './create-adapter.js';
import { anAppOf, type Framework } from './detect-framework.js';
import { CliError } from './errors.js';
import { loadApp } from './load-app.js';
import { adapterOptions, type ToolFlags } from './tool-options.js';

export interface RunFlags extends ToolFlags {
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
  const { app, framework, file } = await loadApp(spec, flags.framework);
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
    ...(Object.keys(http).length > 0 ? { http } : {}),
  });
  if (flags.transport === 'http') {
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CliError(`--port "${flags.port}" is not a port number.`);
    try {
      const listening = await adapter.listen({ port, host: flags.host });
      process.stderr.write(
        `backend2mcp: ${anAppOf(framework)} app ${basename(file)}, MCP at ${listening.url.href}\n`,
      );
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    return;
  }
  await adapter.serve();
  process.stderr.write(`backend2mcp: ${anAppOf(framework)} app ${basename(file)}, MCP over stdio\n`);
}

export interface ListFlags extends ToolFlags {
  json?: boolean;
  framework?: Framework;
}

/** `backend2mcp list <module>`: the tools the app would expose, as a table or JSON. */
export async function listCommand(spec: string, flags: ListFlags): Promise<void> {
  const { app, framework } = await loadApp(spec, flags.framework);
  const warnings: string[] = [];
  const adapter = await createAdapter(framework, app, {
    ...adapterOptions(flags),
    onWarning: (message) => warnings.push(message),
  });
  await adapter.server.prepare();
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
    const skipped = adapter.server.skipped.map((entry) => ({ route: entry.route, reason: entry.reason }));
    process.stdout.write(`${JSON.stringify({ framework, tools: definitions, skipped }, null, 2)}\n`);
    return;
  }
  const rows = tools.map((tool) => [tool.name, tool.route.method, tool.route.path, hints(tool.annotations)]);
  process.stdout.write(table(['TOOL', 'METHOD', 'PATH', 'HINTS'], rows));
  process.stdout.write(
    `\n${tools.length} ${tools.length === 1 ? 'tool' : 'tools'} from ${anAppOf(framework)} app.\n`,
  );
  for (const warning of warnings) process.stderr.write(`warning: ${warning.replace(/^backend2mcp: /, '')}\n`);
}

/** `backend2mcp config <client> <module>`: the snippet that adds the server to an MCP client. */
export function configCommand(client: string, spec: string, args?: string[]): void {
  // `args`: the --openapi hook's own run arguments (src/openapi/openapi-commands.ts).
  const name = args
    ? 'backend2mcp'
    : basename(spec.split(':')[0]!, extname(spec.split(':')[0]!)) || 'backend2mcp';
  const server = { command: 'npx', args: args ?? ['-y', '@backend2mcp/cli', 'run', spec] };
  switch (client.toLowerCase()) {
    case 'claude':
    case 'claude-desktop':
    case 'cursor':
      process.stdout.write(`${JSON.stringify({ mcpServers: { [name]: server } }, null, 2)}\n`);
      return;
    case 'vscode':
    case 'vs-code':
      process.stdout.write(
        `${JSON.stringify({ servers: { [name]: { type: 'stdio', ...server } } }, null, 2)}\n`,
      );
      return;
    default:
      throw new CliError(`Unknown client "${client}". Use one of: claude, cursor, vscode.`);
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
