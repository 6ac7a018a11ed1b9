import { type CallToolResult, ProtocolError, type ReadResourceResult } from '@modelcontextprotocol/server';
import type { Caller } from '../auth/caller.js';
import { type CallReporter, callTool, SILENT_REPORTER } from '../call-tool.js';
import { CookieJars } from '../cookie-jar.js';
import type { CallLimits } from '../limits.js';
import { redactText, redactValue, secretsOf } from '../redact.js';
import { SchemaValidator } from '../schema-validation.js';
import type { RouteSource } from '../server-options.js';
import { callCustomTool } from '../surface/call-custom-tool.js';
import { readRouteResource } from '../surface/read-route-resource.js';
import type { CatalogEntry } from '../tool-catalog.js';
import type { ToolSpec } from '../tool-spec.js';
import { resourceNotFound, scopesNotGranted } from './protocol-errors.js';
import type { SurfaceView } from './surface-view.js';

/** Who asks for one call, and how to reach them while it runs. */
export interface CallOrigin {
  signal: AbortSignal | undefined;
  /** Undefined for a direct `callTool()`: no headers forwarded, no cookie jar. */
  caller: Caller | undefined;
  reporter: CallReporter | undefined;
}

/** What the runner needs from the server's options. */
export interface CallRunnerOptions {
  source: RouteSource;
  surface: SurfaceView;
  limits: Required<CallLimits>;
  onWarning: (message: string) => void;
  /** The server's `headers`: injected into every dispatched request, redacted from every result. */
  headers?: Record<string, string>;
  /** One cookie jar per caller (`cookies: true`). */
  cookies?: boolean;
}

/**
 * Runs what a caller asked for against the app: a tool call (generated or
 * hand-written) or a resource read, with the caller's headers and cookies,
 * and with injected credentials redacted from what comes back. The same
 * runner serves every transport, so a direct `callTool` and a `tools/call`
 * cannot drift apart.
 */
export class CallRunner {
  private readonly validator = new SchemaValidator();
  private readonly cookieJars = new CookieJars();

  constructor(private readonly options: CallRunnerOptions) {}

  /** Runs a catalog entry: a route through dispatch, a hand-written tool through its handler. */
  runEntry(entry: CatalogEntry, args: Record<string, unknown>, call: CallOrigin): Promise<CallToolResult> {
    if (entry.tool) return this.runTool(entry.tool, args, call);
    return callCustomTool(
      entry.custom!,
      args,
      {
        timeoutMs: this.options.limits.timeoutMs,
        ...(call.signal ? { signal: call.signal } : {}),
        ...(call.caller?.auth ? { auth: call.caller.auth } : {}),
        ...(call.reporter ?? SILENT_REPORTER),
      },
      this.validator,
    );
  }

  /**
   * Reads a route or hand-written resource for a caller. Scopes guard resources
   * as they guard tools (over HTTP the request was already answered 403).
   */
  async readResource(uri: string, caller: Caller, signal: AbortSignal): Promise<ReadResourceResult> {
    const found = this.options.surface.findResource(uri);
    if (found?.route) {
      const { missing } = this.options.surface.scopesLacking(found.route.tool, caller.auth);
      if (missing.length > 0) throw scopesNotGranted(`Resource ${uri}`, missing, { uri });
      const { source, limits } = this.options;
      const headers = this.headersFor(caller);
      const read = readRouteResource(found.route, uri, found.variables, {
        dispatch: source.dispatch,
        ...(source.encodeRequest ? { encodeRequest: source.encodeRequest } : {}),
        timeoutMs: limits.timeoutMs,
        maxResponseBytes: limits.maxResponseBytes,
        maxUrlBytes: limits.maxUrlBytes,
        maxHeaderBytes: limits.maxHeaderBytes,
        signal,
        ...(source.reaches ? { reaches: source.reaches } : {}),
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
      });
      const secrets = this.injectedSecrets(caller);
      if (secrets.length === 0) return read;
      return read.then(
        (result) => redactValue(result, secrets),
        (error: unknown) => {
          // A failed read quotes the route's error body: redact it too.
          if (error instanceof ProtocolError) {
            throw new ProtocolError(error.code, redactText(error.message, secrets), error.data);
          }
          throw error;
        },
      );
    }
    if (found?.custom) {
      return found.custom.read(new URL(uri), found.variables, {
        signal,
        ...(caller.auth ? { auth: caller.auth } : {}),
        ...SILENT_REPORTER,
      });
    }
    throw resourceNotFound(uri);
  }

  /** Runs a generated tool for a caller. */
  private runTool(tool: ToolSpec, args: Record<string, unknown>, call: CallOrigin): Promise<CallToolResult> {
    const { source } = this.options;
    const headers = this.headersFor(call.caller);
    const cookies = this.options.cookies && call.caller ? this.cookieJars.jarFor(call.caller) : undefined;
    const called = callTool(tool, args, {
      dispatch: source.dispatch,
      ...(source.encodeRequest ? { encodeRequest: source.encodeRequest } : {}),
      validator: this.validator,
      limits: this.options.limits,
      onWarning: this.options.onWarning,
      ...(cookies ? { cookies } : {}),
      ...(source.reaches ? { reaches: source.reaches } : {}),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(call.signal ? { signal: call.signal } : {}),
      ...(call.caller?.auth ? { auth: call.caller.auth } : {}),
      ...(call.reporter ? { reporter: call.reporter } : {}),
    });
    // Injected credentials are for the app: a route that echoes its headers must not return them.
    const secrets = this.injectedSecrets(call.caller);
    return secrets.length === 0 ? called : called.then((result) => redactValue(result, secrets));
  }

  /**
   * Headers on the dispatched request, from lowest to highest precedence (tool
   * arguments lie below all of them): the caller's allow-listed headers, the
   * server's `headers`, headers granted by auth providers.
   */
  private headersFor(caller: Caller | undefined): Record<string, string> {
    return { ...caller?.forwardedHeaders, ...this.options.headers, ...caller?.grantedHeaders };
  }

  /** The values of the headers backend2mcp injects for this caller (`headers`, provider grants), to redact from results. */
  private injectedSecrets(caller: Caller | undefined): string[] {
    const granted = caller?.grantedHeaders ?? {};
    if (!this.options.headers && Object.keys(granted).length === 0) return [];
    return secretsOf({ ...this.options.headers, ...granted });
  }
}
