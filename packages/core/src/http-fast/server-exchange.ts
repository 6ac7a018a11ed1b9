import type {
  JSONRPCMessage,
  JSONRPCRequest,
  JSONRPCResponse,
  MessageExtraInfo,
  Server,
  Transport,
  TransportSendOptions,
} from '@modelcontextprotocol/server';

/** What one exchange produced: the response, and the notifications the handler sent before it. */
export interface Exchanged {
  response: JSONRPCResponse;
  notifications: JSONRPCMessage[];
  /**
   * True when the server answered while the request was still being handed to
   * it (a dispatch-ladder rejection: unknown method, bad envelope, era
   * mismatch): no handler ran, so the caller may still let the SDK answer.
   */
  duringDispatch: boolean;
}

interface Pending {
  originalId: JSONRPCRequest['id'];
  resolve(exchanged: Exchanged | undefined): void;
  notifications: JSONRPCMessage[];
  dispatching: boolean;
}

/** Code of the error a server-to-client request gets: this exchange has no way back to the client. */
const NO_CHANNEL = -32601;

/**
 * A transport that keeps one SDK server connected for the life of the
 * endpoint and hands it one request at a time, concurrently: the HTTP fast
 * path's way to run the SDK's own request dispatch (validation, handler,
 * result encoding, error shapes) without building a server, a transport and
 * an SSE stream per HTTP request.
 *
 * Request ids of different HTTP clients collide (every stateless client may
 * send id 1), so each request gets an internal id and the response gets the
 * client's id back, in place: the response's bytes are those the SDK would send.
 */
export class ServerExchange implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  /** Connects `server` to a new exchange. */
  static async connect(server: Server): Promise<ServerExchange> {
    const exchange = new ServerExchange();
    await server.connect(exchange);
    return exchange;
  }

  async start(): Promise<void> {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const pending of this.pending.values()) pending.resolve(undefined);
    this.pending.clear();
    this.onclose?.();
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if ('id' in message && ('result' in message || 'error' in message)) {
      const id = message.id as number;
      const pending = this.pending.get(id);
      if (!pending) return;
      this.pending.delete(id);
      // Assigning keeps the key where the server put it, so the serialised response is the SDK's.
      message.id = pending.originalId;
      pending.resolve({
        response: message,
        notifications: pending.notifications,
        duringDispatch: pending.dispatching,
      });
      return;
    }
    const related = options?.relatedRequestId;
    const pending = related === undefined ? undefined : this.pending.get(related as number);
    // A message about no request here (a list_changed): stateless HTTP has no channel for it.
    if (!pending) return;
    if ('id' in message) {
      // A server-to-client request (elicitation, sampling): a stateless POST cannot carry the
      // client's answer back, so it fails at once instead of waiting for a reply that never comes.
      const { id } = message;
      queueMicrotask(() =>
        this.onmessage?.({
          jsonrpc: '2.0',
          id,
          error: {
            code: NO_CHANNEL,
            message: 'Server-to-client requests are not available on a stateless HTTP request.',
          },
        }),
      );
      return;
    }
    pending.notifications.push(message);
  }

  /**
   * Hands `message` to the server and resolves with its answer, or with
   * undefined when `signal` aborts first (the handler is cancelled as with
   * `notifications/cancelled`) or the exchange closes.
   */
  exchange(
    message: JSONRPCRequest,
    extra: MessageExtraInfo,
    signal?: AbortSignal,
  ): Promise<Exchanged | undefined> {
    if (this.closed || signal?.aborted) return Promise.resolve(undefined);
    const id = ++this.nextId;
    return new Promise((resolve) => {
      const pending: Pending = { originalId: message.id, resolve, notifications: [], dispatching: true };
      this.pending.set(id, pending);
      if (signal) {
        const onAbort = () => this.cancel(id, signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        pending.resolve = (exchanged) => {
          signal.removeEventListener('abort', onAbort);
          resolve(exchanged);
        };
      }
      try {
        this.onmessage?.({ ...message, id }, extra);
      } finally {
        pending.dispatching = false;
      }
    });
  }

  private cancel(id: number, reason: unknown): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    this.onmessage?.({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: id, reason: reason instanceof Error ? reason.message : String(reason) },
    });
    pending.resolve(undefined);
  }
}
