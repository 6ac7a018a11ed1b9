import { localhostAllowedHostnames, localhostAllowedOrigins } from '@modelcontextprotocol/server';
import type { HttpGuardOptions } from './server-options.js';

const LOOPBACK_ADDRESS = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** True for an address in 127.0.0.0/8 or ::1. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && (address === 'localhost' || LOOPBACK_ADDRESS.test(address));
}

/**
 * Fills in the DNS-rebinding defaults. The allowed `Host` names come from
 * configuration, never from the socket: whatever the endpoint sits behind (a
 * loopback bind, a unix socket, a 127.0.0.1-only forwarder, a serverless
 * runtime with no socket at all), an unconfigured endpoint accepts only
 * `localhost`, `127.0.0.1` and `[::1]`, because a page on any other origin
 * reaching a local server is exactly the rebinding attack. A public server
 * names its hosts (`allowedHosts: ['api.example.com']`) or turns the check off
 * explicitly (`false`, behind a proxy that checks Host). `allowedOrigins`
 * defaults to the allowed hosts (same-site browser clients). Explicit settings
 * (lists or `false`) always win. `localAddress` is no longer consulted; it is
 * accepted so callers written for the old rule keep compiling.
 */
export function resolveGuard(
  configured: HttpGuardOptions | undefined,
  _localAddress?: string | undefined,
): HttpGuardOptions {
  const allowedHosts = configured?.allowedHosts ?? localhostAllowedHostnames();
  const allowedOrigins =
    configured?.allowedOrigins ??
    (configured?.allowedHosts === undefined ? localhostAllowedOrigins() : allowedHosts);
  return {
    allowedHosts,
    allowedOrigins,
    ...(configured?.authenticate ? { authenticate: configured.authenticate } : {}),
  };
}
