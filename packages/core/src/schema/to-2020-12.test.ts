import { describe, expect, it } from 'vitest';
import { separateDefs } from './merge-defs.js';
import { publishableInput, publishProblem } from './publishable.js';
import { anchorRootRefs } from './root-refs.js';
import { toDraft2020 } from './to-2020-12.js';

describe('toDraft2020', () => {
  it('lifts definitions into $defs, renaming one whose name $defs already holds, and follows the refs', () => {
    const schema = toDraft2020({
      type: 'object',
      properties: { a: { $ref: '#/definitions/Item' }, b: { $ref: '#/$defs/Item' } },
      $defs: { Item: { type: 'string' } },
      definitions: { Item: { type: 'integer' } },
    });
    expect(schema).toEqual({
      type: 'object',
      properties: { a: { $ref: '#/$defs/Item_2' }, b: { $ref: '#/$defs/Item' } },
      $defs: { Item: { type: 'string' }, Item_2: { type: 'integer' } },
    });
    expect(publishProblem(schema)).toBeUndefined();
  });

  it('translates dependencies, draft-04 exclusive bounds, tuple items and OpenAPI nullable', () => {
    expect(
      toDraft2020({
        id: 'http://example.com/order',
        type: 'object',
        properties: {
          qty: { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false },
          pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false },
          note: { type: 'string', nullable: true, enum: ['a', 'b'] },
          ref: { $ref: '#/definitions/X', nullable: true },
          // A property may be named like a keyword: it is data, not a keyword.
          nullable: { type: 'boolean' },
        },
        dependencies: { card: ['billing'], coupon: { required: ['code'] } },
        definitions: { X: { type: 'string' } },
      }),
    ).toEqual({
      type: 'object',
      properties: {
        qty: { type: 'integer', exclusiveMinimum: 0, maximum: 9 },
        pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false },
        note: { type: ['string', 'null'], enum: ['a', 'b', null] },
        ref: { anyOf: [{ $ref: '#/$defs/X' }, { type: 'null' }] },
        nullable: { type: 'boolean' },
      },
      dependentRequired: { card: ['billing'] },
      dependentSchemas: { coupon: { required: ['code'] } },
      $defs: { X: { type: 'string' } },
    });
  });
});

describe('separateDefs', () => {
  it('renames a later part’s definition that clashes with an earlier one, shares equal ones', () => {
    const [query, body] = separateDefs([
      {
        type: 'object',
        properties: { s: { $ref: '#/$defs/S' } },
        $defs: { S: { type: 'string' }, N: { type: 'number' } },
      },
      {
        type: 'object',
        properties: { s: { $ref: '#/$defs/S' }, n: { $ref: '#/$defs/N' } },
        $defs: { S: { type: 'object' }, N: { type: 'number' } },
      },
    ]);
    expect(query!.$defs).toEqual({ S: { type: 'string' }, N: { type: 'number' } });
    expect(body).toEqual({
      type: 'object',
      properties: { s: { $ref: '#/$defs/S_2' }, n: { $ref: '#/$defs/N' } },
      $defs: { S_2: { type: 'object' }, N: { type: 'number' } },
    });
  });
});

describe('anchorRootRefs', () => {
  it('moves a self-reference "#" to a $defs entry, so the schema can be nested or flattened', () => {
    expect(
      anchorRootRefs({ type: 'object', properties: { children: { type: 'array', items: { $ref: '#' } } } }),
    ).toEqual({
      type: 'object',
      properties: { children: { type: 'array', items: { $ref: '#/$defs/Root' } } },
      $defs: {
        Root: {
          type: 'object',
          properties: { children: { type: 'array', items: { $ref: '#/$defs/Root' } } },
        },
      },
    });
  });
});

describe('publishableInput', () => {
  it('keeps every argument of a schema a client cannot compile, loosening only what fails', () => {
    const loosened = publishableInput({
      type: 'object',
      properties: {
        ok: { type: 'string' },
        gone: { $ref: '#/$defs/Missing' },
        bad: { type: 'string', pattern: '(' },
      },
      required: ['ok'],
      additionalProperties: false,
    });
    expect(loosened.loosened).toHaveLength(1);
    expect(loosened.schema).toEqual({
      type: 'object',
      properties: { ok: { type: 'string' }, gone: {}, bad: {} },
      required: ['ok'],
      additionalProperties: false,
    });
    expect(publishProblem(loosened.schema)).toBeUndefined();
  });
});
