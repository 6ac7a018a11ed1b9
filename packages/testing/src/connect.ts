// How the suites drive an adapter with the SDK client, apart from the index that re-exports the
// suites: the suites import it from here, so nothing imports the package's own entry.
import { Client, type ClientOptions } from '@modelcontextprotocol/client';
import { InMemoryTransport, type Transport } from '@modelcontextprotocol/server';

/** Client options that pin each protocol revision backend2mcp serves. */
export const PROTOCOL_ERAS: ReadonlyArray<readonly [string, ClientOptions]> = [
  ['2025-11-25', { supportedProtocolVersions: ['2025-11-25'] }],
  ['2026-07-28', { versionNegotiation: { mode: { pin: '2026-07-28' } } }],
];

/** Things to close after each test, closed last-in first-out. Call `run()` from `afterEach`. */
export class Cleanups {
  private readonly pending: Array<() => unknown> = [];

  add(...cleanups: Array<() => unknown>): void {
    this.pending.push(...cleanups);
  }

  async run(): Promise<void> {
    while (this.pending.length > 0) await this.pending.pop()!();
  }
}

/** Anything with `connect(transport)`: every adapter (sync or async). */
export interface Connectable {
  connect(transport: Transport): { close(): Promise<void> } | Promise<{ close(): Promise<void> }>;
}

/** Connects an SDK client to an adapter over an in-memory transport pair; both are closed by `cleanups`. */
export async function connectInMemory(
  adapter: Connectable,
  cleanups: Cleanups,
  clientOptions: ClientOptions = {},
): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const handle = await adapter.connect(serverSide);
  const client = new Client({ name: 'test', version: '1.0.0' }, clientOptions);
  await client.connect(clientSide);
  cleanups.add(
    () => handle.close(),
    () => client.close(),
  );
  return client;
}

/** The text blocks of a tool result joined by newlines (other blocks as `[type]`). */
export function textOf(result: { content: unknown }): string {
  return (result.content as Array<{ type: string; text?: string }>)
    .map((block) => block.text ?? `[${block.type}]`)
    .join('\n');
}
