import type { AnyAdapterDescriptor } from '@backend2mcp/core/adapter';
import { ADAPTERS } from './adapters.js';

/** The frameworks the CLI can serve: the names of its adapters' descriptors. */
export type Framework = (typeof ADAPTERS)[number]['name'];

export const FRAMEWORKS: readonly Framework[] = ADAPTERS.map((adapter) => adapter.name);

/**
 * Recognises a framework instance by its shape (never by `instanceof`, so
 * any copy or version of the framework is recognised): the first adapter whose
 * descriptor claims it.
 */
export function detectFramework(value: unknown): Framework | undefined {
  return ADAPTERS.find((adapter) => adapter.detect(value))?.name;
}

/** The descriptor of the adapter named `framework`. */
export function adapterFor(framework: Framework): AnyAdapterDescriptor {
  return ADAPTERS.find((adapter) => adapter.name === framework)!;
}

/** `an Express`, `a Fastify`: the framework as the CLI's messages name an app of it. */
export function anAppOf(framework: Framework): string {
  return withArticle(adapterFor(framework).displayName);
}

/** `an Express`, `a Koa`: `words` after the indefinite article that fits them. */
export function withArticle(words: string): string {
  return `${/^[AEIOU]/i.test(words) ? 'an' : 'a'} ${words}`;
}

/** `Express, Fastify, Hono or Koa`: every framework the CLI serves, for messages. */
export function frameworkList(): string {
  const names = ADAPTERS.map((adapter) => adapter.displayName);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('');
}
