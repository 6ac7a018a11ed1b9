import type { AddressInfo } from 'node:net';
import { Duplex } from 'node:stream';

const LOOPBACK = '127.0.0.1';

/**
 * Stands in for the TCP socket under one in-process request: `node:http` writes the
 * response to it, and it hands every byte to `onWrite` instead of a network.
 *
 * Nothing ever arrives on the readable side: the request body is pushed straight into
 * the `IncomingMessage`. That side stays open until the socket is destroyed, because
 * middleware (on-finished, finalhandler) reads a socket that is no longer readable as
 * "the client went away".
 *
 * It carries the parts of the `net.Socket` surface that http, Express and Koa touch
 * (addresses, `setTimeout`, `setNoDelay`, `setKeepAlive`, `ref`, `address()`,
 * `destroySoon()`, byte counters). The timers are no-ops: the dispatch's own
 * `AbortSignal` bounds how long a request may take.
 */
export class InMemorySocket extends Duplex {
  readonly remoteAddress = LOOPBACK;
  readonly remotePort = 0;
  readonly remoteFamily = 'IPv4';
  readonly localAddress = LOOPBACK;
  readonly localPort = 0;
  readonly connecting = false;
  bytesWritten = 0;
  readonly bytesRead = 0;

  readonly #onWrite: (chunk: Buffer) => void;

  /** @param onWrite receives each chunk the response writes, in order. */
  constructor(onWrite: (chunk: Buffer) => void) {
    super();
    this.#onWrite = onWrite;
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.bytesWritten += chunk.byteLength;
    this.#onWrite(chunk);
    callback();
  }

  setTimeout(_timeout: number, _callback?: () => void): this {
    return this;
  }

  setNoDelay(_noDelay?: boolean): this {
    return this;
  }

  setKeepAlive(_enable?: boolean, _initialDelay?: number): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  address(): AddressInfo {
    return { address: LOOPBACK, family: 'IPv4', port: this.localPort };
  }

  /** Like `net.Socket#destroySoon`: finish writing what is queued, then close. */
  destroySoon(): void {
    if (this.writable) {
      this.end(() => this.destroy());
    } else {
      this.destroy();
    }
  }
}
