import type { McpHttpHandler, Server } from '@modelcontextprotocol/server';

/** A list clients are told has changed. */
export type ListKind = 'tools' | 'resources' | 'prompts';

/**
 * Everyone listening for changes: stdio and in-process connections (one SDK
 * server each, with the URIs it subscribed to) and the HTTP handler's
 * 2026-07-28 listeners. The fronts register here; the facade announces
 * through here, so announcing never reaches back into a front.
 */
export class Connections {
  private readonly local = new Map<Server, Set<string>>();
  private http?: McpHttpHandler;

  /** True when someone could be listening: a local connection is open or the HTTP handler exists. */
  get anyone(): boolean {
    return this.local.size > 0 || this.http !== undefined;
  }

  /** Keeps a long-lived connection's server until it closes; `subscriptions` are the URIs it subscribed to. */
  track(server: Server, subscriptions: Set<string>): void {
    this.local.set(server, subscriptions);
    const previous = server.onclose;
    server.onclose = () => {
      this.local.delete(server);
      previous?.();
    };
  }

  /** The HTTP handler whose listeners are told too (undefined once it is closed). */
  attachHttp(handler: McpHttpHandler | undefined): void {
    this.http = handler;
  }

  /** Sends `notifications/<kind>/list_changed` to every listener. */
  announce(kind: ListKind): void {
    for (const server of this.local.keys()) {
      const sent =
        kind === 'tools'
          ? server.sendToolListChanged()
          : kind === 'resources'
            ? server.sendResourceListChanged()
            : server.sendPromptListChanged();
      Promise.resolve(sent).catch(() => {}); // a connection that is closing just misses it
    }
    if (kind === 'tools') this.http?.notify.toolsChanged();
    else if (kind === 'resources') this.http?.notify.resourcesChanged();
    else this.http?.notify.promptsChanged();
  }

  /** Sends `notifications/resources/updated` to the connections subscribed to `uri` and to HTTP listeners. */
  resourceUpdated(uri: string): void {
    for (const [server, subscriptions] of this.local) {
      if (subscriptions.has(uri)) server.sendResourceUpdated({ uri }).catch(() => {});
    }
    this.http?.notify.resourceUpdated(uri);
  }
}
