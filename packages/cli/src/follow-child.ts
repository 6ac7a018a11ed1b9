import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

/**
 * Makes this process a stand-in for `child`: signals sent here are passed on,
 * and this process exits with the child's exit code (128 + the signal number
 * when a signal ended it). `what` names the child in the error when it cannot
 * be started at all.
 */
export function followChild(child: ChildProcess, what: string): void {
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward(signal));
  child.on('error', (error) => {
    process.stderr.write(`backend2mcp: cannot start ${what}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
  });
}
