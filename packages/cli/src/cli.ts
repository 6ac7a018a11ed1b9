import { Command, InvalidArgumentError, Option } from 'commander';
import { version } from '../package.json';
import { clientList, findClientTarget } from './client-config.js';
import { configCommand, listCommand, runCommand } from './commands.js';
import { readConfigFile } from './config-file.js';
import { frameworkList, FRAMEWORKS as KNOWN_FRAMEWORKS } from './detect-framework.js';
import { CliError } from './errors.js';
import { parseModuleSpec } from './load-app.js';
import { listOpenApiCommand, openApiServerArgs, runOpenApiCommand } from './openapi/openapi-commands.js';
import { outputFd, writeOutput } from './output.js';

/**
 * The MCP HTTP port when none is given: not 3000, 8000 or 8080, which the app
 * itself most likely uses (and may be allowed to bind with --allow-listen).
 */
export const DEFAULT_HTTP_PORT = '3939';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The `backend2mcp` program. */
export function createProgram(): Command {
  const program = new Command('backend2mcp')
    .description(`Serve any ${frameworkList()} app as an MCP server: every route becomes a tool.`)
    .version(version)
    .showHelpAfterError();

  const framework = new Option('--framework <name>', 'skip auto-detection').choices(KNOWN_FRAMEWORKS);
  const toolFlags = (command: Command) =>
    command
      .option(
        '--header <header>',
        "add 'Name: value' to every request the app receives (repeatable)",
        collect,
      )
      .option('--include <glob>', 'only tools whose name, "METHOD /path" or path match (repeatable)', collect)
      .option(
        '--exclude <glob>',
        'leave out tools whose name, "METHOD /path" or path match (repeatable)',
        collect,
      )
      .addOption(framework)
      .option(
        '--config <file>',
        'config file (default: backend2mcp.config.{ts,mts,mjs,json} next to the module, then here)',
      )
      .option('--allow-listen', "let the app's own listen() bind its port (skipped by default)")
      .option(
        '--env <KEY=VALUE>',
        'set an environment variable for the app (repeatable; Hono: also c.env)',
        collect,
      )
      .option(
        '--env-file <file>',
        'read environment variables for the app from a dotenv file (repeatable; Hono: also c.env)',
        collect,
      )
      .option('--cwd <dir>', 'working directory for the app (relative paths are taken from there)')
      // --openapi: flags of a backend known from its OpenAPI document (src/openapi/openapi-commands.ts).
      .option(
        '--openapi <url|file>',
        'serve the backend an OpenAPI/Swagger document describes (instead of a module)',
      )
      .option('--base-url <url>', "with --openapi: where calls go (default: the document's servers)")
      .option(
        '--credential <scheme=value>',
        "with --openapi: key, token or user:password for the document's security scheme; value env:NAME reads it from the environment (repeatable)",
        collect,
      )
      .option(
        '--client-credentials <scheme=id:secret>',
        'with --openapi: OAuth client credentials for the scheme (repeatable)',
        collect,
      )
      .option(
        '--forward-header <name>',
        "with --openapi: pass this header of the MCP caller's HTTP request to the backend (repeatable)",
        collect,
      )
      .option(
        '--watch [ms]',
        'with --openapi: read the document again every ms (default 2000) and tell clients when the tools change',
      );

  toolFlags(
    program
      .command('run')
      .description('serve the app over stdio (default) or Streamable HTTP')
      .argument('[module]', 'the app module (.ts, .mts, .cts, .js, .mjs, .cjs), optionally <file>:<export>')
      .addOption(
        new Option('--transport <transport>', 'stdio or http').choices(['stdio', 'http']).default('stdio'),
      )
      .option('--cookies', 'keep the cookies the app sets, one jar per MCP connection (session logins)')
      .option('--inspect', 'open the MCP Inspector on the app in a browser (fetched with npx on first use)')
      .option('--port <port>', 'HTTP port', DEFAULT_HTTP_PORT)
      .option('--host <host>', 'HTTP interface', '127.0.0.1')
      .option(
        '--allowed-host <name>',
        'a Host name HTTP clients may use besides localhost (DNS-rebinding check; repeatable)',
        collect,
      )
      .option(
        '--bearer-token <token>',
        'HTTP callers must send Authorization: Bearer <token> (repeatable)',
        collect,
      )
      .option(
        '--api-key <key>',
        'HTTP callers must send X-API-Key: <key> or ?api_key=<key> (repeatable)',
        collect,
      ),
  ).action(async (module: string | undefined, _flags, command: Command) => {
    // --openapi hook: a backend in any language, known from its OpenAPI document (src/openapi/).
    if (command.opts().openapi) return runOpenApiCommand(await withConfig(module, command));
    return runCommand(requireModule(module), await withConfig(module, command));
  });

  toolFlags(
    program
      .command('list')
      .description('list the tools the app would expose, and why any route was left out')
      .argument('[module]', 'the app module, optionally <file>:<export>')
      .option('--json', 'print the full tool definitions as JSON'),
  ).action(async (module: string | undefined, _flags, command: Command) => {
    // --openapi hook (see run).
    if (command.opts().openapi) return listOpenApiCommand(await withConfig(module, command));
    return listCommand(requireModule(module), await withConfig(module, command));
  });

  program
    .command('config')
    .description('print the snippet that adds the server to an MCP client')
    .argument('<client>', clientList(), (value) => {
      if (!findClientTarget(value)) throw new InvalidArgumentError(`use ${clientList()}.`);
      return value;
    })
    .argument('[module]', 'the app module, optionally <file>:<export>')
    .option('--openapi <url|file>', 'the snippet for a backend an OpenAPI/Swagger document describes')
    .option('--base-url <url>', 'with --openapi: where calls go')
    .action((client: string, module: string | undefined, flags: { openapi?: string; baseUrl?: string }) => {
      // --openapi hook: same snippet shape, its own arguments.
      if (flags.openapi)
        return configCommand(client, flags.openapi, openApiServerArgs(flags.openapi, flags.baseUrl));
      return configCommand(client, requireModule(module));
    });

  return program;
}

/** The module argument, required unless --openapi names the backend. */
function requireModule(module: string | undefined): string {
  if (!module)
    throw new CliError('Give the app module (e.g. backend2mcp run ./app.ts), or --openapi <url|file>.');
  return module;
}

/**
 * The command's options with the config file filled in: an option given on the
 * command line wins; one left at its default takes the config file's value.
 */

async function withConfig(module: string | undefined, command: Command) {
  const flags = command.opts();
  if (flags.cwd !== undefined) {
    try {
      process.chdir(flags.cwd);
    } catch {
      throw new CliError(`--cwd ${flags.cwd}: no such directory.`);
    }
  }
  // With --openapi there is no module: the config file is looked for in the working directory.
  const config = await readConfigFile(flags.config, module ? parseModuleSpec(module).file : './.');
  const merged: Record<string, unknown> = { ...flags };
  for (const [key, value] of Object.entries(config)) {
    if (command.getOptionValueSource(key) !== 'cli') merged[key] = value;
  }
  if (merged.framework !== undefined && !KNOWN_FRAMEWORKS.includes(merged.framework as never)) {
    throw new CliError(
      `Unknown framework "${merged.framework}". Use one of: ${KNOWN_FRAMEWORKS.join(', ')}.`,
    );
  }
  if (merged.transport !== undefined && merged.transport !== 'stdio' && merged.transport !== 'http') {
    throw new CliError(`Unknown transport "${merged.transport}". Use stdio or http.`);
  }
  if (merged.port !== undefined) merged.port = String(merged.port);
  return merged as never;
}

/** How {@link main} ends. */
export interface MainOptions {
  /**
   * End the process when the command is done (the `backend2mcp` bin does): after
   * `list`, `config` and every error, even when the app holds the event loop open
   * (a database pool, timers). `run` keeps serving; it ends when its client goes.
   */
  exit?: boolean;
}

/** Runs the CLI; errors are printed as one message, never a stack, with a non-zero exit code. */
export async function main(argv: string[], options: MainOptions = {}): Promise<void> {
  // stdout carries the protocol (run over stdio) or the output (list, config); whatever the
  // user's app prints with console.log goes to stderr instead.
  console.log = console.error;
  console.info = console.error;
  outputFd(); // takes the supervisor's variable out of the environment before the app can see it
  let serving = false;
  try {
    const program = createProgram()
      .configureOutput({ writeOut: (text) => writeOutput(text) })
      .hook('postAction', (_program, action) => {
        serving = action.name() === 'run';
      });
    await program.parseAsync(argv);
  } catch (error) {
    process.stderr.write(`backend2mcp: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
    serving = false;
  }
  if (options.exit && !serving) process.exit();
}
