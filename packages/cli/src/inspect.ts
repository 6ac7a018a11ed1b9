import { spawn } from 'node:child_process';
import { followChild } from './follow-child.js';

/** The MCP Inspector release `--inspect` runs (fetched by npx on first use, then cached). */
export const INSPECTOR_PACKAGE = '@modelcontextprotocol/inspector@2.12.0';

/** The Inspector needs Node 22.19 or newer; on an older Node, npx supplies one for the Inspector alone. */
const INSPECTOR_NODE = 'node@22';

/**
 * The command that starts the Inspector's web UI on this `run`: the Inspector
 * launches `backend2mcp run ...` (without `--inspect`) over stdio as its server,
 * on this process's Node, while the Inspector itself runs on a Node it supports.
 */
export function inspectorCommand(
  runArgs: readonly string[],
  node: { execPath: string; version: string; bin: string },
): { command: string; args: string[] } {
  const [major = 0, minor = 0] = node.version.replace(/^v/, '').split('.').map(Number);
  const server = [node.execPath, node.bin, ...runArgs];
  const inspector = ['--web', '--transport', 'stdio', ...server];
  if (major > 22 || (major === 22 && minor >= 19)) {
    return { command: 'npx', args: ['-y', INSPECTOR_PACKAGE, ...inspector] };
  }
  // `-p node@22` puts a Node 22 first on the PATH npx gives the Inspector's `#!/usr/bin/env node`.
  return {
    command: 'npx',
    args: ['-y', '-p', INSPECTOR_NODE, '-p', INSPECTOR_PACKAGE, 'mcp-inspector', ...inspector],
  };
}

/**
 * `backend2mcp run <module> --inspect`: opens the MCP Inspector on the app
 * instead of serving a client, so the tools can be looked at and called in a
 * browser.
 *
 * @returns false when the command is not `run --inspect`.
 */
export function inspectCommand(argv: string[]): boolean {
  const args = argv.slice(2);
  if (args[0] !== 'run' || !args.includes('--inspect') || args.includes('--help') || args.includes('-h')) {
    return false;
  }
  const transport = args.indexOf('--transport');
  if (args.includes('--transport=http') || (transport >= 0 && args[transport + 1] === 'http')) {
    process.stderr.write(
      'backend2mcp: --inspect starts the app for the Inspector over stdio; leave out --transport http.\n',
    );
    process.exit(1);
  }
  const { command, args: inspectorArgs } = inspectorCommand(
    args.filter((arg) => arg !== '--inspect'),
    { execPath: process.execPath, version: process.version, bin: argv[1]! },
  );
  process.stderr.write(
    `backend2mcp: starting the MCP Inspector (${INSPECTOR_PACKAGE}, installed on first use)\n`,
  );
  const inspector = spawn(command, inspectorArgs, { stdio: 'inherit' });
  followChild(inspector, 'the MCP Inspector with npx');
  return true;
}
