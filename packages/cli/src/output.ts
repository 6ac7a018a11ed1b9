import { writeSync } from 'node:fs';
import { Writable } from 'node:stream';

/**
 * The environment variable through which the supervising `backend2mcp`
 * process tells its worker which descriptor carries the output (the MCP
 * stream, `list`'s table): the worker's fd 1 is the terminal's stderr, so
 * whatever the app writes to stdout (console.log, pino through sonic-boom,
 * a native addon) can never reach the client.
 */
export const OUTPUT_FD_VARIABLE = 'BACKEND2MCP_OUTPUT_FD';

let fd: number | undefined;

/** The descriptor of the CLI's output: the one the supervisor handed over, else stdout. */
export function outputFd(): number {
  if (fd === undefined) {
    const given = Number(process.env[OUTPUT_FD_VARIABLE]);
    fd = Number.isInteger(given) && given > 2 ? given : 1;
    // The app and whatever it spawns must not see it.
    delete process.env[OUTPUT_FD_VARIABLE];
  }
  return fd;
}

/** True when the CLI runs as the supervised worker (its stdout is the user's stderr). */
export function isSupervised(): boolean {
  return outputFd() !== 1;
}

/**
 * Writes to the output synchronously, as Node writes stdout to a pipe: nothing
 * is lost when the process exits right after, and messages never interleave.
 */
export function writeOutput(text: string | Uint8Array): void {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(outputFd(), bytes, offset, bytes.length - offset);
    } catch (error) {
      // A descriptor left non-blocking by whoever opened it: wait for the reader.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

/** The output as a stream, for the MCP stdio transport. */
export function outputStream(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      try {
        writeOutput(chunk);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
