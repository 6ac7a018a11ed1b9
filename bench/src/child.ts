/**
 * Starting the bench's own TypeScript entry points in child processes, with
 * tsx as the loader and the GC exposed so memory can be read after a full GC.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Node flags for a child: GC exposed, TypeScript loaded through tsx. */
const CHILD_EXEC_ARGV = ['--expose-gc', '--import', import.meta.resolve('tsx')];

/** Absolute path of a file in this folder (`scale-child.ts`, `load-server.ts`). */
export function benchScript(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

/** Forks `script` with an IPC channel; stdout is piped (for results), stderr inherited (for errors). */
export function forkScript(script: string, args: string[]): ChildProcess {
  return fork(benchScript(script), args, {
    execArgv: CHILD_EXEC_ARGV,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
}

/** Runs `script` to completion and returns its stdout; rejects on a non-zero exit. */
export function runScript(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = forkScript(script, args);
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${script} ${args.join(' ')} exited with ${code}`));
    });
  });
}
