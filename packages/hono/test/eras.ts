import type { ClientOptions } from '@modelcontextprotocol/client';

/** Client options that pin each protocol revision backend2mcp serves. */
export const PROTOCOL_ERAS: ReadonlyArray<readonly [string, ClientOptions]> = [
  ['2025-11-25', { supportedProtocolVersions: ['2025-11-25'] }],
  ['2026-07-28', { versionNegotiation: { mode: { pin: '2026-07-28' } } }],
];
