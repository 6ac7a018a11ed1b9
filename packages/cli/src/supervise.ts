import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { followChild } from './follow-child.js';
import { isNestEntry } from './nest-entry.js';
import { OUTPUT_FD_VARIABLE } from './output.js';

/** The commands that load the user's app, and so run it in a worker. */
const LOADING_COMMANDS = new Set(['run', 'list']);

/**
 * Runs `run` and `list` in a worker process whose stdout is this process's
 * stderr, handing it this process's stdout as fd 3 for the protocol (or the
 * listing). Node cannot re-point fd 1 inside one process, and loggers such as
 * pino write to fd 1 directly (`fs.writeSync(1, ...)` through sonic-boom), so
 * patching `process.stdout.write` could not keep the MCP stream clean; a
 * descriptor the app does not know about can.
 *
 * stdin is shared, so the worker sees the client close it; signals sent to
 * this process are passed on, and its exit code becomes this one's.
 *
 * @returns false when the command needs no worker (help, `config`, or already the worker).
 */
export function superviseCommand(argv: string[]): boolean {
  const args = argv.slice(2);
  if (process.env[OUTPUT_FD_VARIABLE] !== undefined) return false;
  if (!LOADING_COMMANDS.has(args[0] ?? '') || args.includes('--help') || args.includes('-h')) return false;

  const worker = spawn(
    process.execPath,
    [...process.execArgv, ...typeScriptFlags(args[1]), argv[1]!, ...args],
    {
      stdio: [0, 2, 2, 1],
      env: { ...process.env, [OUTPUT_FD_VARIABLE]: '3' },
    },
  );
  followChild(worker, 'the worker process');
  return true;
}

/**
 * tsx's CommonJS hook as a preload, so tools that look for a TypeScript runtime
 * the documented way (`@fastify/autoload` reads `process._preload_modules`) find
 * one without being told through an environment variable. Its ESM hook is
 * registered by the worker once the CLI's own modules are loaded: as `--import`
 * it would put every one of them through tsx too (half a second more per start).
 */
function typeScriptFlags(moduleArgument: string | undefined): string[] {
  // A Nest entry loads through SWC (decorator metadata, see nest-entry.ts): with tsx's CommonJS hook
  // preloaded, tsx would compile it first and the app's NestFactory would not be the one watched.
  const file = moduleArgument?.replace(/:[A-Za-z_$][\w$]*$/, '');
  if (file && existsSync(resolve(file)) && isNestEntry(resolve(file))) return [];
  return ['--require', createRequire(import.meta.url).resolve('tsx/cjs')];
}
