import { localhostAllowedHostnames, localhostAllowedOrigins } from '@modelcontextprotocol/server';
import type { HttpGuardOptions } from './backend-mcp-server.js';

const LOOPBACK_ADDRESS = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** True for an address in 127.0.0.0/8 or ::1. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && (address === 'localhost' || LOOPBACK_ADDRESS.test(address));
}

/**
 * Fills in the DNS-rebinding defaults: when the endpoint is reached over
 * loopback, only localhost names may appear in `Host` and `Origin`, because a
 * page on any other origin reaching a loopback server is exactly the rebinding
 * attack. Explicit settings (lists or `false`) always win.
 */
export function resolveGuard(
  configured: HttpGuardOptions | undefined,
  localAddress: string | undefined,
): HttpGuardOptions {
  const loopback = isLoopbackAddress(localAddress);
  return {
    allowedHosts: configured?.allowedHosts ?? (loopback ? localhostAllowedHostnames() : false),
    allowedOrigins: configured?.allowedOrigins ?? (loopback ? localhostAllowedOrigins() : false),
    ...(configured?.authenticate ? { authenticate: configured.authenticate } : {}),
  };
}
