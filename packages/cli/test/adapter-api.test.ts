/**
 * The adapters' public API is one table (docs/adapter-api.md): every package
 * exports exactly the values its column ticks, with the number of required
 * parameters the signature shows, and every `McpAdapter` implements core's
 * `McpServerAdapter` (checked by the type checker, below).
 */
import { readFileSync } from 'node:fs';
import type { AdapterDescriptor, McpServerAdapter } from '@backend2mcp/core/adapter';
import type * as Express from '@backend2mcp/express';
import type * as Fastify from '@backend2mcp/fastify';
import type * as Hono from '@backend2mcp/hono';
import type * as Koa from '@backend2mcp/koa';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ADAPTERS } from '../src/adapters.js';

const TABLE = new URL('../../../docs/adapter-api.md', import.meta.url);

interface Row {
  name: string;
  kind: 'class' | 'function' | 'object' | 'constant';
  /** Parameters without `?` and without `...` in the documented signature. */
  required: number | undefined;
  /** Adapter name -> exported or not. */
  exported: Record<string, boolean>;
}

/** The rows of the "Values" table, with its columns named by adapter. */
function documentedValues(): Row[] {
  const section = readFileSync(TABLE, 'utf8').split('## Values')[1]!.split('\n## ')[0]!;
  const lines = section.split('\n').filter((line) => line.startsWith('| '));
  const header = cells(lines[0]!);
  return lines.slice(2).map((line) => {
    const row = cells(line);
    const signature = row[0]!.replace(/`/g, '');
    const parameters = /\((.*)\)/.exec(signature)?.[1];
    return {
      name: signature.replace(/\(.*$/, ''),
      kind: row[1] as Row['kind'],
      required:
        parameters === undefined
          ? undefined
          : parameters
              .split(',')
              .map((parameter) => parameter.trim())
              .filter((parameter) => parameter !== '' && !parameter.endsWith('?')).length,
      exported: Object.fromEntries(
        header.slice(2, -1).map((adapter, index) => [adapter, row[index + 2] === '✓']),
      ),
    };
  });
}

function cells(line: string): string[] {
  return line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

function kindOf(value: unknown): Row['kind'] {
  if (typeof value === 'function')
    return /^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
  return typeof value === 'object' && value !== null ? 'object' : 'constant';
}

describe('the adapters’ public API (docs/adapter-api.md)', () => {
  const rows = documentedValues();

  it('has a column for every adapter the CLI serves, and no other', () => {
    expect(Object.keys(rows[0]!.exported).sort()).toEqual(ADAPTERS.map((adapter) => adapter.name).sort());
  });

  for (const descriptor of ADAPTERS) {
    describe(descriptor.packageName, () => {
      it('exports exactly the values its column ticks', async () => {
        const module = (await import(descriptor.packageName)) as Record<string, unknown>;
        const documented = rows.filter((row) => row.exported[descriptor.name]).map((row) => row.name);
        expect(Object.keys(module).sort()).toEqual(documented.sort());
      });

      it('gives each value the documented kind and number of required parameters', async () => {
        const module = (await import(descriptor.packageName)) as Record<string, unknown>;
        const actual = rows
          .filter((row) => row.exported[descriptor.name])
          .map((row) => {
            const value = module[row.name];
            return {
              name: row.name,
              kind: kindOf(value),
              required: typeof value === 'function' ? value.length : undefined,
            };
          });
        const expected = rows
          .filter((row) => row.exported[descriptor.name])
          .map(({ name, kind, required }) => ({ name, kind, required }));
        expect(actual).toEqual(expected);
      });

      it('exports as descriptor the one the CLI lists, named after the package', async () => {
        const module = (await import(descriptor.packageName)) as { descriptor: unknown };
        expect(module.descriptor).toBe(descriptor);
        expect(descriptor.packageName).toBe(`@backend2mcp/${descriptor.name}`);
      });

      it('gives every McpAdapter method the same number of required parameters as the other adapters', async () => {
        const { McpAdapter } = (await import(descriptor.packageName)) as {
          McpAdapter: { prototype: object };
        };
        const reference = (await import('@backend2mcp/express')) as unknown as {
          McpAdapter: { prototype: object };
        };
        expect(methodArities(McpAdapter.prototype)).toEqual(methodArities(reference.McpAdapter.prototype));
      });
    });
  }

  it('types every McpAdapter as core’s McpServerAdapter with its own MountOptions', () => {
    expectTypeOf<Express.McpAdapter>().toExtend<McpServerAdapter<Express.MountOptions>>();
    expectTypeOf<Fastify.McpAdapter>().toExtend<McpServerAdapter<Fastify.MountOptions>>();
    expectTypeOf<Hono.McpAdapter>().toExtend<McpServerAdapter<Hono.MountOptions>>();
    expectTypeOf<Koa.McpAdapter>().toExtend<McpServerAdapter<Koa.MountOptions>>();
    expectTypeOf<typeof Express.descriptor>().toExtend<
      AdapterDescriptor<Express.ExpressAppLike, 'express'>
    >();
    expectTypeOf<typeof Fastify.descriptor>().toExtend<
      AdapterDescriptor<Fastify.FastifyAppLike, 'fastify'>
    >();
    expectTypeOf<typeof Hono.descriptor>().toExtend<AdapterDescriptor<Hono.HonoAppLike, 'hono'>>();
    expectTypeOf<typeof Koa.descriptor>().toExtend<AdapterDescriptor<Koa.KoaAppLike, 'koa'>>();
    // The documented types exist in every package (a missing one fails the type check).
    expectTypeOf<
      [
        Express.McpAdapterOptions,
        Fastify.McpAdapterOptions,
        Hono.McpAdapterOptions,
        Koa.McpAdapterOptions,
        Express.McpRequestInfo,
        Fastify.McpRequestInfo,
        Hono.McpRequestInfo,
        Koa.McpRequestInfo,
      ]
    >().not.toBeNever();
  });
});

/** Method name -> `length`, over the prototype chain up to Object. */
function methodArities(prototype: object): Record<string, number> {
  const arities: Record<string, number> = {};
  for (let current = prototype; current !== Object.prototype; current = Object.getPrototypeOf(current)) {
    for (const name of Object.getOwnPropertyNames(current)) {
      const descriptor = Object.getOwnPropertyDescriptor(current, name)!;
      if (name !== 'constructor' && typeof descriptor.value === 'function' && !(name in arities))
        arities[name] = descriptor.value.length;
    }
  }
  return arities;
}
