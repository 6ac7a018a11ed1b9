import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  All,
  Controller,
  type DynamicModule,
  Inject,
  Module,
  NotFoundException,
  type OnApplicationBootstrap,
  type OnModuleInit,
  Req,
  Res,
  type Type,
} from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { McpAdapter, type McpAdapterOptions, type McpEndpointOptions } from './adapter.js';
import { McpExclude } from './decorators.js';
import { routePaths } from './discover/route-paths.js';
import { mountWellKnown, prepareExpressEndpoint, prepareFastifyEndpoint } from './endpoint-platform.js';
import type {
  NestApplicationConfig,
  NestAppView,
  NestHttpAdapter,
  NestModulesContainer,
} from './nest-internals.js';

/** Nest's `RequestMethod.ALL`, what `@All()` registers. */
const REQUEST_METHOD_ALL = 5;

/** Options for {@link McpModule.forRoot}: the adapter's options, plus where the endpoint goes. */
export interface McpModuleOptions extends McpAdapterOptions {
  /**
   * Path of the MCP endpoint, a controller of the app (so the global prefix,
   * global guards, interceptors and middleware apply to it like to any route).
   * `false` mounts none: use the adapter's `serve()` or `listen()` instead. Default `mcp`.
   */
  path?: string | false;
  /** Host/Origin checks of the endpoint (default: the adapter's `http` option). */
  endpoint?: McpEndpointOptions;
}

/**
 * Follows the app's start: prepares the platform for the endpoint before and
 * after Nest registers its routes, and resolves once the app has started
 * (`app.init()`/`listen()`), when every route is on the platform.
 */
class AppStarted implements OnModuleInit, OnApplicationBootstrap {
  /** Set by the module: what to do once Nest's body parser and routes are in place. */
  onRoutesRegistered?: () => void;

  private resolve!: () => void;
  readonly promise = new Promise<void>((resolve) => {
    this.resolve = resolve;
  });

  onModuleInit(): void {
    this.onRoutesRegistered?.();
  }

  onApplicationBootstrap(): void {
    this.resolve();
  }
}

/**
 * Nest's way in: `McpModule.forRoot({...})` in the root module's imports makes
 * the {@link McpAdapter} of the app injectable everywhere (`app.get(McpAdapter)`
 * for `serve()`/`listen()`) and mounts the MCP endpoint at `/mcp` as a route of
 * the app.
 *
 * @example
 * ```ts
 * @Module({ imports: [CatsModule, McpModule.forRoot({ name: 'cats', path: 'mcp' })] })
 * export class AppModule {}
 * ```
 */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: Nest's dynamic-module idiom is a module class with a static forRoot().
export class McpModule {
  static forRoot(options: McpModuleOptions = {}): DynamicModule {
    const { path = 'mcp', endpoint, ...adapterOptions } = options;
    return {
      module: McpModule,
      global: true,
      controllers: path === false ? [] : [endpointController(path, endpoint)],
      providers: [
        AppStarted,
        {
          provide: McpAdapter,
          inject: [ModulesContainer, ApplicationConfig, HttpAdapterHost, AppStarted],
          useFactory: (
            modules: NestModulesContainer,
            config: NestApplicationConfig,
            host: HttpAdapterHost,
            started: AppStarted,
          ) => {
            const adapter = new McpAdapter(viewOfModules(modules, config, host, started), adapterOptions);
            if (path !== false) {
              // The endpoint's full path, with the global prefix (set by the time routes are registered).
              const isEndpoint = (url: string) =>
                routePaths(
                  { ctrlPath: path, methodPath: '/', requestMethod: REQUEST_METHOD_ALL },
                  config,
                ).includes(url);
              const httpAdapter = host.httpAdapter as unknown as NestHttpAdapter;
              prepareFastifyEndpoint(httpAdapter, isEndpoint, adapter.maxMessageBytes);
              started.onRoutesRegistered = () => prepareExpressEndpoint(httpAdapter, isEndpoint);
              mountWellKnown(httpAdapter, adapter.wellKnownPaths, adapter.wellKnownHandler());
            }
            return adapter;
          },
        },
      ],
      exports: [McpAdapter],
    };
  }
}

function viewOfModules(
  modules: NestModulesContainer,
  config: NestApplicationConfig,
  host: HttpAdapterHost,
  started: AppStarted,
): NestAppView {
  const httpAdapter = () => host.httpAdapter as unknown as ReturnType<NestAppView['httpAdapter']>;
  return {
    modules: () => modules,
    config: () => config,
    httpAdapter,
    // What @nestjs/swagger reads of an application.
    application: () => ({ container: { getModules: () => modules }, config, getHttpAdapter: httpAdapter }),
    started: () => started.promise,
  };
}

/** A controller serving the MCP endpoint at `path`, itself never a tool. */
function endpointController(path: string, options: McpEndpointOptions | undefined): Type<unknown> {
  const exactPath = `/${path.replace(/^\/+|\/+$/g, '')}`;
  @McpExclude()
  @Controller(path)
  class McpEndpointController {
    private readonly handle: (req: IncomingMessage, res: ServerResponse, parsedBody: unknown) => void;

    constructor(@Inject(McpAdapter) adapter: McpAdapter) {
      this.handle = adapter.endpointHandler(options);
    }

    @All()
    serve(@Req() request: PlatformRequest, @Res() reply: PlatformReply): void {
      // Express matches routes case-insensitively and with a trailing slash: the endpoint is its exact path only.
      const raw = ('raw' in request ? request.raw : request) as IncomingMessage & { originalUrl?: string };
      const requested = (raw.originalUrl ?? raw.url ?? '/').split('?')[0]!;
      if (!requested.endsWith(exactPath)) throw new NotFoundException(`Cannot ${raw.method} ${requested}`);
      if ('raw' in request && 'hijack' in reply) {
        // Fastify platform: the endpoint writes the raw response itself.
        reply.hijack();
        this.handle(request.raw, reply.raw, request.body);
      } else {
        // Express platform: Node's own request and response; a body parser that ran has consumed the stream.
        const req = request as IncomingMessage & { body?: unknown; _body?: boolean };
        this.handle(
          req,
          reply as ServerResponse,
          req._body === true || req.readableEnded ? req.body : undefined,
        );
      }
    }
  }
  return McpEndpointController;
}

type PlatformRequest = IncomingMessage | { raw: IncomingMessage; body?: unknown };
type PlatformReply = ServerResponse | { raw: ServerResponse; hijack(): void };
