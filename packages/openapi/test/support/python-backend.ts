import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { fetch } from 'undici';
import { freshConnections } from './differential.js';

/** Debian's Python, which has the web stacks (the pyenv shim on PATH does not). */
const PYTHON = '/usr/bin/python3';

/** A Python backend running under its own server, for the length of a test file. */
export interface PythonBackend {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Where the backend publishes its OpenAPI document. */
  documentUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts `test/backends/<script>` with `PORT` set and waits until its OpenAPI
 * document answers. The process's stderr is kept to explain a failed start.
 */
export async function startPythonBackend(script: string, documentPath: string): Promise<PythonBackend> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const file = fileURLToPath(new URL(`../backends/${script}`, import.meta.url));
  const child = spawn(PYTHON, [file], {
    env: { ...process.env, PORT: String(port), PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const documentUrl = `${origin}${documentPath}`;
  const deadline = Date.now() + 30_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${stderr}`);
    try {
      const response = await fetch(documentUrl, { dispatcher: freshConnections });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`${script} did not serve ${documentUrl} within 30 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { origin, documentUrl, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
