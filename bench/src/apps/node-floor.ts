/**
 * The floor and the plain HTTP server of the bench apps that run on a Node
 * request listener (Express, Koa, NestJS on Express): written once, so the
 * three floors dispatch the very same requests the same way and differ only
 * in the listener they are given.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatchNodeListener, type NodeRequestListener } from '@backend2mcp/core/node';
import { NEW_USER, USER_ID } from '../business.js';
import { type BenchApp, expectStatus, type Framework, type HttpServerHandle } from './types.js';

const POST_BODY = new TextEncoder().encode(JSON.stringify(NEW_USER));

/**
 * `GET /users/1` and `POST /users` through `dispatchNodeListener` (a real
 * `IncomingMessage`/`ServerResponse` pair on an in-memory socket): what the
 * adapter itself uses, so the floor is exactly the app's share of a call.
 */
export function nodeListenerFloor(
  framework: Framework,
  listener: NodeRequestListener,
): Pick<BenchApp, 'floorGet' | 'floorPost'> {
  return {
    async floorGet() {
      const response = await dispatchNodeListener(listener, {
        method: 'GET',
        url: `/users/${USER_ID}`,
        headers: {},
      });
      expectStatus(framework, 'GET', response.status, 200);
    },
    async floorPost() {
      const response = await dispatchNodeListener(listener, {
        method: 'POST',
        url: '/users',
        headers: { 'content-type': 'application/json' },
        body: POST_BODY,
      });
      expectStatus(framework, 'POST', response.status, 201);
    },
  };
}

/** Waits until `server` listens on loopback and hands it over with a close that drops keep-alive connections. */
export async function loopbackHandle(server: Server): Promise<HttpServerHandle> {
  if (!server.listening) await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
