import {
  type CallToolResult,
  type CreateMessageResult,
  type GetPromptResult,
  type ListResourceTemplatesResult,
  ProtocolError,
  ProtocolErrorCode,
  type ReadResourceResult,
  type Resource,
  type Server,
  type ServerContext,
  type Tool,
} from '@modelcontextprotocol/server';
import type { AuthContext } from './auth/auth-provider.js';
import type { Caller } from './auth/caller.js';
import type { CallReporter } from './call-tool.js';
import { Backend2McpError } from './errors.js';
import type { CustomSurface, HandlerContext } from './surface/custom-surface.js';
import { paginate } from './surface/pagination.js';
import type { RouteResource } from './surface/route-resources.js';
import type { CatalogEntry, ToolCatalog } from './tool-catalog.js';

/** What the request handlers need from the backend server. */
export interface HandlerCore {
  prepare(): Promise<void>;
  readonly catalog: ToolCatalog;
  readonly custom: CustomSurface;
  readonly pageSize: number;
  /** What `tools/list` shows this caller: every tool whose scopes it holds. */
  visibleTools(auth: AuthContext | undefined): readonly Tool[];
  /** The scopes `entry` needs that the caller lacks. */
  lackingScopes(entry: CatalogEntry, auth: AuthContext | undefined): string[];
  /** The route resources (and templates) this caller holds the scopes for. */
  visibleResources(auth: AuthContext | undefined): readonly RouteResource[];
  runEntry(
    entry: CatalogEntry,
    args: Record<string, unknown>,
    call: { signal: AbortSignal; caller: Caller; reporter: CallReporter },
  ): Promise<CallToolResult>;
  readResource(uri: string, caller: Caller, signal: AbortSignal): Promise<ReadResourceResult>;
  /** True when `uri` names a resource this server can read (for `resources/subscribe`). */
  hasResource(uri: string): boolean;
}

/** Most completion values sent at once (the MCP limit). */
const MAX_COMPLETIONS = 100;

/**
 * Registers the MCP methods on one SDK server instance: tools (paginated,
 * filtered by the caller's scopes), resources and resource templates (from
 * routes and hand-written), and prompts.
 */
export function registerHandlers(
  server: Server,
  core: HandlerCore,
  // `ctx` lets a long-lived server (the HTTP fast path's) identify each request's caller; see http-fast/.
  caller: (ctx?: ServerContext) => Promise<Caller>,
  subscriptions: Set<string>,
): void {
  server.setRequestHandler('tools/list', async (request, ctx) => {
    await core.prepare();
    const { auth } = await caller(ctx);
    const { page, nextCursor } = paginate(
      core.visibleTools(auth),
      request.params?.cursor,
      core.pageSize,
      core.catalog.generation,
    );
    return { tools: page, ...(nextCursor ? { nextCursor } : {}) };
  });

  server.setRequestHandler('tools/call', async (request, ctx) => {
    await core.prepare();
    const who = await caller(ctx);
    const { name, arguments: args } = request.params;
    const entry = core.catalog.find(name);
    if (!entry) throw unknownTool(name);
    const missing = core.lackingScopes(entry, who.auth);
    if (missing.length > 0) {
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `Tool "${name}" needs the scope(s) ${missing.join(', ')}, which your credentials do not grant.`,
      );
    }
    const result = await core.runEntry(entry, args ?? {}, {
      signal: ctx.mcpReq.signal,
      caller: who,
      reporter: reporterFor(ctx),
    });
    return server.projectCallToolResult(result, entry.listed.outputSchema);
  });

  server.setRequestHandler('resources/list', async (request) => {
    await core.prepare();
    const { auth } = await caller();
    const resources: Resource[] = [
      ...core
        .visibleResources(auth)
        .filter((resource) => resource.kind === 'resource')
        .map(({ name, title, description, uri, mimeType }) => ({
          name,
          title,
          description,
          uri,
          ...(mimeType ? { mimeType } : {}),
        })),
      ...[...core.custom.resources.values()]
        .filter((resource) => !resource.template)
        .map(({ name, title, description, uri, mimeType }) => ({
          name,
          uri,
          ...(title ? { title } : {}),
          ...(description ? { description } : {}),
          ...(mimeType ? { mimeType } : {}),
        })),
    ];
    const { page, nextCursor } = paginate(
      resources,
      request.params?.cursor,
      core.pageSize,
      core.catalog.generation,
    );
    return { resources: page, ...(nextCursor ? { nextCursor } : {}) };
  });

  server.setRequestHandler('resources/templates/list', async (request) => {
    await core.prepare();
    const { auth } = await caller();
    const templates: ListResourceTemplatesResult['resourceTemplates'] = [
      ...core
        .visibleResources(auth)
        .filter((resource) => resource.kind === 'template')
        .map(({ name, title, description, uri, mimeType }) => ({
          name,
          title,
          description,
          uriTemplate: uri,
          ...(mimeType ? { mimeType } : {}),
        })),
      ...[...core.custom.resources.values()]
        .filter((resource) => resource.template)
        .map(({ name, title, description, uri, mimeType }) => ({
          name,
          uriTemplate: uri,
          ...(title ? { title } : {}),
          ...(description ? { description } : {}),
          ...(mimeType ? { mimeType } : {}),
        })),
    ];
    const { page, nextCursor } = paginate(
      templates,
      request.params?.cursor,
      core.pageSize,
      core.catalog.generation,
    );
    return { resourceTemplates: page, ...(nextCursor ? { nextCursor } : {}) };
  });

  server.setRequestHandler('resources/read', async (request, ctx) => {
    await core.prepare();
    return core.readResource(request.params.uri, await caller(), ctx.mcpReq.signal);
  });

  // 2025-era subscriptions, per connection; `resourceUpdated()` notifies the ones that asked.
  const subscribe = async (uri: string, add: boolean) => {
    await core.prepare();
    await caller();
    if (add && !core.hasResource(uri)) {
      throw new ProtocolError(-32002 as ProtocolErrorCode, `Resource not found: ${uri}`, { uri });
    }
    if (add) subscriptions.add(uri);
    else subscriptions.delete(uri);
    return {};
  };
  tryRegister(() =>
    server.setRequestHandler('resources/subscribe', (request) => subscribe(request.params.uri, true)),
  );
  tryRegister(() =>
    server.setRequestHandler('resources/unsubscribe', (request) => subscribe(request.params.uri, false)),
  );

  server.setRequestHandler('completion/complete', async (request) => {
    await core.prepare();
    await caller();
    const { ref, argument, context } = request.params;
    const completer =
      ref.type === 'ref/prompt'
        ? core.custom.prompts.get(ref.name)?.complete?.[argument.name]
        : [...core.custom.resources.values()].find((resource) => resource.uri === ref.uri)?.complete?.[
            argument.name
          ];
    const values = completer ? await completer(argument.value, { arguments: context?.arguments ?? {} }) : [];
    return {
      completion: {
        values: values.slice(0, MAX_COMPLETIONS),
        total: values.length,
        hasMore: values.length > MAX_COMPLETIONS,
      },
    };
  });

  server.setRequestHandler('prompts/list', async (request) => {
    await caller();
    const prompts = [...core.custom.prompts.values()].map(
      ({ name, title, description, arguments: args }) => ({
        name,
        ...(title ? { title } : {}),
        ...(description ? { description } : {}),
        ...(args ? { arguments: args } : {}),
      }),
    );
    const { page, nextCursor } = paginate(prompts, request.params?.cursor, core.pageSize, 0);
    return { prompts: page, ...(nextCursor ? { nextCursor } : {}) };
  });

  server.setRequestHandler('prompts/get', async (request, ctx): Promise<GetPromptResult> => {
    const who = await caller();
    const prompt = core.custom.prompts.get(request.params.name);
    if (!prompt) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown prompt "${request.params.name}".`);
    }
    const args = request.params.arguments ?? {};
    const missing = (prompt.arguments ?? []).filter((arg) => arg.required && args[arg.name] === undefined);
    if (missing.length > 0) {
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `Prompt "${prompt.name}" needs the argument(s) ${missing.map((arg) => arg.name).join(', ')}.`,
      );
    }
    return prompt.get(args, handlerContext(ctx, who));
  });
}

/** Registers a handler the negotiated protocol era may not know (the SDK refuses those); skipping it is right then. */
function tryRegister(register: () => void): void {
  try {
    register();
  } catch {
    // not part of this era's protocol
  }
}

/** The context hand-written handlers get. */
export function handlerContext(ctx: ServerContext, caller: Caller): HandlerContext {
  return { signal: ctx.mcpReq.signal, ...(caller.auth ? { auth: caller.auth } : {}), ...reporterFor(ctx) };
}

/** Progress goes out only for a caller that sent a progress token; both notifications are best-effort. */
export function reporterFor(ctx: ServerContext): CallReporter {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  return {
    reportProgress: async (progress, total, message) => {
      if (progressToken === undefined) return;
      await ctx.mcpReq
        .notify({
          method: 'notifications/progress',
          params: {
            progressToken,
            progress,
            ...(total === undefined ? {} : { total }),
            ...(message === undefined ? {} : { message }),
          },
        })
        .catch(() => {});
    },
    log: async (level, data, logger) => {
      await ctx.mcpReq.log(level, data, logger).catch(() => {});
    },
    elicit: (params) =>
      serverRequest('elicit()', () => ctx.mcpReq.elicitInput(params, { signal: ctx.mcpReq.signal })),
    sample: (params) =>
      serverRequest(
        'sample()',
        () =>
          ctx.mcpReq.requestSampling(params, { signal: ctx.mcpReq.signal }) as Promise<CreateMessageResult>,
      ),
  };
}

/**
 * Runs a server-to-client request, turning the SDK's refusal (2026-07-28 era,
 * a client without the capability, a transport that cannot carry it) into an
 * error whose message says what to do.
 */
async function serverRequest<T>(what: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Backend2McpError(
      'UNSUPPORTED_CONTEXT',
      `${what} could not reach the caller (${reason}). It works on stdio and in-process connections of the 2025-11-25 era with a client that declared the capability.`,
      { cause: error },
    );
  }
}

/** The JSON-RPC error for a tool that does not exist, or that this caller may not know about. */
export function unknownTool(name: string): ProtocolError {
  return new ProtocolError(
    ProtocolErrorCode.InvalidParams,
    `Unknown tool "${name}". Call tools/list for the available tools.`,
  );
}
