import {
  type GetPromptResult,
  type ListResourceTemplatesResult,
  ProtocolError,
  ProtocolErrorCode,
  type Resource,
  type Server,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { AuthContext } from '../auth/auth-provider.js';
import type { Caller } from '../auth/caller.js';
import { paginate } from '../surface/pagination.js';
import type { CallRunner } from './call-runner.js';
import { resourceNotFound, scopesNotGranted, unknownTool } from './protocol-errors.js';
import { handlerContext, reporterFor } from './reporter.js';
import type { SurfaceView } from './surface-view.js';

/**
 * What the request handlers use: the surface view to answer lists and look
 * names up, the runner to run calls and reads. Neither calls back into the
 * handlers, so a request flows one way: handler -> view/runner -> app.
 */
export interface HandlerParts {
  surface: SurfaceView;
  runner: CallRunner;
  /** Entries per list page. */
  pageSize: number;
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
  { surface, runner, pageSize }: HandlerParts,
  // `ctx` lets a long-lived server (the HTTP fast path's) identify each request's caller; see http-fast/.
  caller: (ctx?: ServerContext) => Promise<Caller>,
  subscriptions: Set<string>,
): void {
  const { catalog, custom } = surface;
  server.setRequestHandler('tools/list', async (request, ctx) => {
    await surface.prepare();
    const { auth } = await caller(ctx);
    const { page, nextCursor } = paginate(
      surface.visibleTools(auth),
      request.params?.cursor,
      pageSize,
      catalog.generation,
    );
    return { tools: page, ...(nextCursor ? { nextCursor } : {}) };
  });

  server.setRequestHandler('tools/call', async (request, ctx) => {
    await surface.prepare();
    const who = await caller(ctx);
    const { name, arguments: args } = request.params;
    const entry = catalog.find(name);
    if (!entry) throw unknownTool(name);
    const missing = surface.entryLacks(entry, who.auth);
    if (missing.length > 0) {
      throw scopesNotGranted(`Tool "${name}"`, missing);
    }
    const result = await runner.runEntry(entry, args ?? {}, {
      signal: ctx.mcpReq.signal,
      caller: who,
      reporter: reporterFor(ctx),
    });
    return server.projectCallToolResult(result, entry.listed.outputSchema);
  });

  server.setRequestHandler('resources/list', async (request) => {
    await surface.prepare();
    const { auth } = await caller();
    const resources = listedResources(surface, auth, 'uri') as Resource[];
    const { page, nextCursor } = paginate(resources, request.params?.cursor, pageSize, catalog.generation);
    return { resources: page, ...(nextCursor ? { nextCursor } : {}) };
  });

  server.setRequestHandler('resources/templates/list', async (request) => {
    await surface.prepare();
    const { auth } = await caller();
    const templates = listedResources(
      surface,
      auth,
      'uriTemplate',
    ) as ListResourceTemplatesResult['resourceTemplates'];
    const { page, nextCursor } = paginate(templates, request.params?.cursor, pageSize, catalog.generation);
    return { resourceTemplates: page, ...(nextCursor ? { nextCursor } : {}) };
  });

  server.setRequestHandler('resources/read', async (request, ctx) => {
    await surface.prepare();
    return runner.readResource(request.params.uri, await caller(), ctx.mcpReq.signal);
  });

  // 2025-era subscriptions, per connection; `resourceUpdated()` notifies the ones that asked.
  const subscribe = async (uri: string, add: boolean) => {
    await surface.prepare();
    await caller();
    if (add && surface.findResource(uri) === undefined) {
      throw resourceNotFound(uri);
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
    await surface.prepare();
    await caller();
    const { ref, argument, context } = request.params;
    const completer =
      ref.type === 'ref/prompt'
        ? custom.prompts.get(ref.name)?.complete?.[argument.name]
        : [...custom.resources.values()].find((resource) => resource.uri === ref.uri)?.complete?.[
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
    const prompts = [...custom.prompts.values()].map(({ name, title, description, arguments: args }) => ({
      name,
      ...(title ? { title } : {}),
      ...(description ? { description } : {}),
      ...(args ? { arguments: args } : {}),
    }));
    const { page, nextCursor } = paginate(prompts, request.params?.cursor, pageSize, 0);
    return { prompts: page, ...(nextCursor ? { nextCursor } : {}) };
  });

  server.setRequestHandler('prompts/get', async (request, ctx): Promise<GetPromptResult> => {
    const who = await caller();
    const prompt = custom.prompts.get(request.params.name);
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

/**
 * The entries of `resources/list` (`key` = `uri`: fixed URIs) or
 * `resources/templates/list` (`key` = `uriTemplate`: templates) this caller
 * sees: route resources first, in route order, then hand-written ones. Route
 * resources always carry a title and a description; hand-written ones only
 * when they were given.
 */
function listedResources(
  surface: SurfaceView,
  auth: AuthContext | undefined,
  key: 'uri' | 'uriTemplate',
): Array<Record<string, unknown>> {
  const templates = key === 'uriTemplate';
  return [
    ...surface
      .visibleResources(auth)
      .filter((resource) => (resource.kind === 'template') === templates)
      .map(({ name, title, description, uri, mimeType }) => ({
        name,
        title,
        description,
        [key]: uri,
        ...(mimeType ? { mimeType } : {}),
      })),
    ...[...surface.custom.resources.values()]
      .filter((resource) => (resource.template !== undefined) === templates)
      .map(({ name, title, description, uri, mimeType }) => ({
        name,
        [key]: uri,
        ...(title ? { title } : {}),
        ...(description ? { description } : {}),
        ...(mimeType ? { mimeType } : {}),
      })),
  ];
}

/** Registers a handler the negotiated protocol era may not know (the SDK refuses those); skipping it is right then. */
function tryRegister(register: () => void): void {
  try {
    register();
  } catch {
    // not part of this era's protocol
  }
}
