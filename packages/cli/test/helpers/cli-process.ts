import { type ChildProcessWithoutNullStreams, execFile, execFileSync, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type JSONRPCMessage, parseJSONRPCMessage, type Transport } from '@modelcontextprotocol/client';

/** The real CLI as users run it: the built bin, in a child process. */
export const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/**
 * The environment of a user's shell: the test runner's own variables removed, as
 * tools such as @fastify/autoload change behaviour when they see VITEST.
 */
export function userEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const key of Object.keys(env)) if (/^(VITEST|JEST|TS_NODE)/.test(key)) delete env[key];
  delete env.NODE_OPTIONS;
  return env;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `backend2mcp ...args` to completion (a hang fails by the timeout). */
export function runCli(
  args: string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        encoding: 'utf8',
        env: userEnvironment(),
        timeout: options.timeoutMs ?? 30_000,
        killSignal: 'SIGKILL',
        ...(options.cwd ? { cwd: options.cwd } : {}),
      },
      (error, stdout, stderr) => {
        const failed = error as (Error & { code?: number; killed?: boolean }) | null;
        const code = failed ? (failed.killed ? -1 : typeof failed.code === 'number' ? failed.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * The SDK client's view of `backend2mcp run` over stdio, recording every line
 * the server writes to stdout: anything that is not a JSON-RPC message lands in
 * `foreignLines` (the SDK's own stdio transport would drop it silently).
 */
export class RecordingStdioTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  readonly foreignLines: string[] = [];
  readonly messages: JSONRPCMessage[] = [];
  stderr = '';
  private child?: ChildProcessWithoutNullStreams;
  private buffer = '';
  private exited?: Promise<void>;

  constructor(
    private readonly args: string[],
    private readonly env: Record<string, string> = {},
  ) {}

  get pid(): number {
    return this.child!.pid!;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [bin, 'run', ...this.args], { env: userEnvironment(this.env) });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.buffer += chunk;
      let newline = this.buffer.indexOf('\n');
      while (newline >= 0) {
        const line = this.buffer.slice(0, newline).replace(/\r$/, '');
        this.buffer = this.buffer.slice(newline + 1);
        this.receive(line);
        newline = this.buffer.indexOf('\n');
      }
    });
    child.once('exit', () => this.onclose?.());
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  }

  private receive(line: string): void {
    let message: JSONRPCMessage;
    try {
      message = parseJSONRPCMessage(JSON.parse(line));
    } catch {
      this.foreignLines.push(line);
      return;
    }
    this.messages.push(message);
    this.onmessage?.(message);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.child!.stdin.write(`${JSON.stringify(message)}\n`);
  }

  /** Closes stdin, as a client does, and waits for the process to end by itself. */
  async close(): Promise<void> {
    this.child?.stdin.end();
    await this.exited;
  }

  /** Waits for the process to end (after `close`), failing the test if it lingers. */
  get ended(): Promise<void> {
    return this.exited!;
  }
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The pids of a process's children. */
export function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((value) => value > 0);
  } catch {
    return [];
  }
}

/** Whether a process still exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
