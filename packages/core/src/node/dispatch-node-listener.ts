import type { OutgoingHttpHeader, OutgoingHttpHeaders } from 'node:http';
import { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { abortedError } from '../abort.js';
import { Backend2McpError } from '../errors.js';
import type { DispatchOptions, HttpRequest, HttpResponse } from '../http.js';
import { joinChunks, responseTooLargeError } from '../response-body.js';
import { InMemorySocket } from './in-memory-socket.js';

/**
 * Anything `http.createServer` accepts as its request listener: an Express app,
 * `koaApp.callback()`, or a plain `(req, res) => void` handler. A returned promise is
 * watched for rejection; its value is ignored.
 */
export type NodeRequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

/** {@link DispatchOptions} plus the hook an adapter uses to decorate the request. */
export interface NodeDispatchOptions extends DispatchOptions {
  /**
   * Called with the request and response just before the listener sees them, e.g. to
   * attach `req.mcp = options.context`. A throw rejects the dispatch with `DISPATCH_FAILED`.
   */
  onRequest?: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * Runs one {@link HttpRequest} through a Node request listener in process: a real
 * `http.IncomingMessage` and `http.ServerResponse` over an in-memory socket, so the
 * app's middleware, body parsers and error handlers behave as they do behind
 * `http.createServer`, without a TCP hop and without touching shared prototypes.
 *
 * Resolves once the response finishes, with the status and headers the app set when
 * the head was written (lower-case names, repeated values joined with `, `;
 * `transfer-encoding` is dropped because the body is delivered whole) and the raw body.
 *
 * Rejects with a {@link Backend2McpError}:
 * - `DISPATCH_ABORTED` when `options.signal` aborts first (or already has); the
 *   connection is torn down so the app sees `req`/`res` emit `'close'`.
 * - `RESPONSE_TOO_LARGE` when the body passes `options.maxResponseBytes`.
 * - `DISPATCH_FAILED` when the listener throws (or its promise rejects) or the app
 *   destroys the response before ending it.
 *
 * @example
 * ```ts
 * const response = await dispatchNodeListener(app, { method: 'GET', url: '/users/1', headers: {} }, {
 *   signal: AbortSignal.timeout(30_000),
 *   onRequest: (req) => Object.assign(req, { mcp: context }),
 * });
 * ```
 */
export function dispatchNodeListener(
  listener: NodeRequestListener,
  request: HttpRequest,
  options: NodeDispatchOptions = {},
): Promise<HttpResponse> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortedError(signal));

  return new Promise<HttpResponse>((resolve, reject) => {
    const body = new ResponseBodyCollector(options.maxResponseBytes);
    let head: ResponseHead | undefined;
    let settled = false;
    let socketError: unknown;

    const socket = new InMemorySocket((chunk) => {
      if (!settled && !body.push(chunk)) fail(responseTooLargeError(body.maxBytes));
    });
    // InMemorySocket implements the part of net.Socket that node:http relies on.
    const nodeSocket = socket as unknown as Socket;
    const req = createIncomingMessage(nodeSocket, request);
    const res = new ServerResponse(req);
    // Otherwise http frames a response without Content-Length as chunked. The caller
    // wants the body whole (captureHeadWhenWritten covers an explicit Transfer-Encoding).
    res.useChunkedEncodingByDefault = false;
    captureHeadWhenWritten(res, (written) => {
      head = written;
    });
    res.assignSocket(nodeSocket);

    socket.on('error', (error) => {
      socketError ??= error;
    });
    socket.on('close', () => {
      // Also fires after every answered request (the socket is released then); no error to build for those.
      if (!settled) fail(closedEarlyError(socketError));
    });
    // http.Server forwards socket 'drain' to the response; piped bodies (sendFile) stall without it.
    socket.on('drain', () => {
      if (res.writableNeedDrain) res.emit('drain');
    });
    res.on('finish', succeed);

    const onAbort = () => fail(abortedError(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });

    try {
      options.onRequest?.(req, res);
      const returned = listener(req, res);
      if (isPromiseLike(returned)) returned.then(undefined, (error: unknown) => fail(handlerError(error)));
    } catch (error) {
      fail(handlerError(error));
    }

    function settle(): boolean {
      if (settled) return false;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      return true;
    }

    function succeed(): void {
      if (!settle()) return;
      const { status, headers } = head ?? {
        status: res.statusCode,
        headers: toHeaderRecord(res.getHeaders()),
      };
      resolve({ status, headers, body: body.bytes() });
      releaseAfterResponse(req, socket);
    }

    function fail(error: Backend2McpError): void {
      if (!settle()) return;
      reject(error);
      hangUp(req, socket);
    }
  });
}

/** Status and headers as they stood when http serialized the response head. */
interface ResponseHead {
  status: number;
  headers: Record<string, string>;
}

function createIncomingMessage(socket: Socket, request: HttpRequest): IncomingMessage {
  const req = new IncomingMessage(socket);
  req.method = request.method;
  req.url = request.url;
  req.httpVersion = '1.1';
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;

  const headers = requestHeaders(request);
  const entries = Object.entries(headers);
  req.headers = headers;
  req.rawHeaders = entries.flat();
  req.headersDistinct = Object.fromEntries(entries.map(([name, value]) => [name, [value]]));

  // The whole body is known up front, so the message is complete before the app reads it,
  // as it is on a real server once the last body packet has arrived.
  if (request.body !== undefined && request.body.byteLength > 0) req.push(Buffer.from(request.body));
  req.push(null);
  req.complete = true;
  return req;
}

function requestHeaders(request: HttpRequest): Record<string, string> {
  // HTTP/1.1 clients always send Host; apps build URLs and pick tenants from it.
  const headers: Record<string, string> = { host: 'localhost' };
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  if (request.body !== undefined) headers['content-length'] ??= String(request.body.byteLength);
  return headers;
}

type WriteHead = (this: ServerResponse, statusCode: number, ...rest: unknown[]) => ServerResponse;

/**
 * Wraps `res.writeHead` — every path that sends a head goes through it, including the
 * implicit one behind `res.write`, `res.end` and `res.flushHeaders` — to record the head.
 *
 * Headers passed to `writeHead` itself are first applied with `setHeader`, because when
 * the app never called `setHeader` Node writes them without ever storing them where
 * `getHeaders()` can see them.
 */
function captureHeadWhenWritten(res: ServerResponse, onHead: (head: ResponseHead) => void): void {
  const writeHead = res.writeHead as WriteHead;
  const captureWriteHead: WriteHead = function (this: ServerResponse, statusCode, ...rest) {
    // Let Node raise its own ERR_HTTP_HEADERS_SENT.
    if (this.headersSent) return writeHead.call(this, statusCode, ...rest);
    const reason = typeof rest[0] === 'string' ? rest[0] : undefined;
    applyHeaders(this, reason === undefined ? rest[0] : rest[1]);
    const result =
      reason === undefined ? writeHead.call(this, statusCode) : writeHead.call(this, statusCode, reason);
    // An explicit `Transfer-Encoding: chunked` still turns framing on; the caller gets the
    // body whole, so keep the framing out of it.
    this.chunkedEncoding = false;
    onHead({ status: this.statusCode, headers: toHeaderRecord(this.getHeaders()) });
    return result;
  };
  res.writeHead = captureWriteHead as ServerResponse['writeHead'];
}

/** Applies the headers argument of `writeHead` in any form Node accepts. */
function applyHeaders(res: ServerResponse, headers: unknown): void {
  if (!headers) return;
  if (!Array.isArray(headers)) {
    for (const [name, value] of Object.entries(headers as OutgoingHttpHeaders)) {
      if (name) res.setHeader(name, value as OutgoingHttpHeader);
    }
    return;
  }
  // Arrays may repeat a name on purpose (set-cookie), so collect values per name first.
  const byName = new Map<string, { name: string; values: unknown[] }>();
  for (const [name, value] of headerPairs(headers)) {
    if (!name) continue;
    const key = String(name).toLowerCase();
    const entry = byName.get(key) ?? { name: String(name), values: [] };
    entry.values.push(...(Array.isArray(value) ? value : [value]));
    byName.set(key, entry);
  }
  for (const { name, values } of byName.values()) {
    res.setHeader(name, (values.length === 1 ? values[0] : values.map(String)) as OutgoingHttpHeader);
  }
}

/** `[name, value, name, value]` or `[[name, value], ...]` as pairs. */
function headerPairs(headers: readonly unknown[]): Array<readonly [unknown, unknown]> {
  if (Array.isArray(headers[0])) return headers as Array<readonly [unknown, unknown]>;
  const pairs: Array<readonly [unknown, unknown]> = [];
  for (let index = 0; index < headers.length; index += 2) pairs.push([headers[index], headers[index + 1]]);
  return pairs;
}

function toHeaderRecord(headers: OutgoingHttpHeaders): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'transfer-encoding') continue;
    record[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return record;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const DIGIT_ONE = 0x31;
const SPACE = 0x20;

/**
 * Separates the body from the heads http writes before it. Interim heads
 * (`100 Continue`, `103 Early Hints`) precede the final one and carry no body.
 * Header values cannot contain CR or LF, so the first blank line ends a head.
 */
class ResponseBodyCollector {
  readonly maxBytes: number;
  #pendingHead: Buffer | undefined;
  #inBody = false;
  readonly #chunks: Uint8Array[] = [];
  #byteLength = 0;

  constructor(maxBytes = Number.POSITIVE_INFINITY) {
    this.maxBytes = maxBytes;
  }

  /** Takes the next bytes written to the socket; false once the body passes `maxBytes`. */
  push(chunk: Buffer): boolean {
    const bodyPart = this.#inBody ? chunk : this.#skipHeads(chunk);
    if (bodyPart === undefined || bodyPart.byteLength === 0) return true;
    this.#byteLength += bodyPart.byteLength;
    if (this.#byteLength > this.maxBytes) return false;
    // Copy: the app may reuse its buffer once the write callback ran, which is immediately here.
    this.#chunks.push(new Uint8Array(bodyPart));
    return true;
  }

  /** The body so far, in a buffer of its own (never a view into Node's shared pool). */
  bytes(): Uint8Array {
    return joinChunks(this.#chunks, this.#byteLength);
  }

  #skipHeads(chunk: Buffer): Buffer | undefined {
    let pending = this.#pendingHead === undefined ? chunk : Buffer.concat([this.#pendingHead, chunk]);
    for (;;) {
      const end = pending.indexOf(HEAD_END);
      if (end === -1) {
        this.#pendingHead = pending;
        return undefined;
      }
      const interim = isInterimHead(pending);
      pending = pending.subarray(end + HEAD_END.length);
      if (!interim) {
        this.#inBody = true;
        this.#pendingHead = undefined;
        return pending;
      }
    }
  }
}

/** `HTTP/1.1 1xx ...` */
function isInterimHead(head: Buffer): boolean {
  return head[head.indexOf(SPACE) + 1] === DIGIT_ONE;
}

/**
 * What http.Server does once a response has finished: drain a body nobody read (so
 * `req` ends and emits 'close') and release the connection (so `res` emits 'close').
 */
function releaseAfterResponse(req: IncomingMessage, socket: InMemorySocket): void {
  if (!req.readableEnded && req.readableFlowing === null) req.resume();
  // 'finish' fires from inside the socket's own write bookkeeping: destroying it there makes the stream
  // build an ERR_STREAM_DESTROYED error (with its stack) for every callback still queued, about 20 µs a call.
  process.nextTick(() => socket.destroy());
}

/**
 * What http.Server does when the client hangs up mid-request: the response closes and
 * the request is destroyed with ECONNRESET, so it emits 'aborted' and 'close'.
 */
function hangUp(req: IncomingMessage, socket: InMemorySocket): void {
  socket.destroy();
  req.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function handlerError(error: unknown): Backend2McpError {
  return new Backend2McpError('DISPATCH_FAILED', `The request handler threw: ${describe(error)}`, {
    cause: error,
  });
}

/** The caller sees what an HTTP client would (a cut response); the app's error text stays in `cause`. */
function closedEarlyError(cause: unknown): Backend2McpError {
  return new Backend2McpError(
    'DISPATCH_FAILED',
    'The app closed the connection before finishing its response.',
    {
      cause,
    },
  );
}
