import { createRequire } from 'node:module';

// FRAMEWORK-SPECIFIC (issue 22: belongs in the Fastify adapter's descriptor).

type FastifyFactory = (options?: Record<string, unknown>) => {
  register(plugin: unknown, options?: unknown): unknown;
  ready(): PromiseLike<unknown>;
};

/**
 * A module in the fastify-cli / `@fastify/autoload` style exports a plugin
 * (`export default async function (fastify, opts)`, often wrapped in
 * `fastify-plugin`) and maybe `options` (the server options fastify-cli passes
 * to `Fastify()`). When the app's directory resolves `fastify`, such a function
 * is built into an instance the way `fastify start` builds it: `Fastify(options)`,
 * `register(plugin)`, `ready()`.
 *
 * @returns the ready instance, or undefined when the export is no plugin or fastify is not there.
 */
export async function buildFastifyPlugin(
  module: Record<string, unknown>,
  file: string,
  exportName?: string,
): Promise<unknown> {
  const plugin = exportName !== undefined ? module[exportName] : (module.default ?? module.app);
  if (typeof plugin !== 'function' || plugin.length > 3) return undefined;
  let fastify: FastifyFactory;
  try {
    const loaded = createRequire(file)('fastify') as unknown;
    fastify = (
      typeof loaded === 'function' ? loaded : (loaded as { default: unknown }).default
    ) as FastifyFactory;
  } catch {
    return undefined;
  }
  const options = module.options;
  const instance = fastify(options !== null && typeof options === 'object' ? { ...options } : {});
  instance.register(plugin);
  await instance.ready();
  return instance;
}
