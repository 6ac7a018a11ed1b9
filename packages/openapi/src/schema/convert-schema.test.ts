import { SchemaValidator } from '@backend2mcp/core';
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../document/types.js';
import { SchemaConverter } from './convert-schema.js';

const documentWith = (schemas: Record<string, unknown>, openapi = '3.0.3') =>
  ({ openapi, paths: {}, components: { schemas } }) as unknown as OpenApiDocument;

describe('OpenAPI schemas as JSON Schema 2020-12', () => {
  it('turns 3.0 nullable into a type array, an enum with null, or anyOf with null', () => {
    const converter = new SchemaConverter(documentWith({ X: { type: 'object' } }));
    expect(converter.convert({ type: 'string', nullable: true }, 'input').schema).toEqual({
      type: ['string', 'null'],
    });
    expect(converter.convert({ type: 'string', enum: ['a'], nullable: true }, 'input').schema).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
    expect(converter.convert({ $ref: '#/components/schemas/X', nullable: true }, 'input').schema).toEqual({
      anyOf: [{ $ref: '#/$defs/X' }, { type: 'null' }],
    });
  });

  it('keeps 3.1 type arrays, and makes 3.0 boolean exclusive bounds numeric', () => {
    const converter = new SchemaConverter(documentWith({}, '3.1.0'));
    expect(converter.convert({ type: ['integer', 'null'] }, 'input').schema).toEqual({
      type: ['integer', 'null'],
    });
    expect(converter.convert({ type: 'number', minimum: 0, exclusiveMinimum: true }, 'input').schema).toEqual(
      {
        type: 'number',
        exclusiveMinimum: 0,
      },
    );
  });

  it('keeps recursive components as $defs, never expanding them', () => {
    const converter = new SchemaConverter(
      documentWith({
        Node: {
          type: 'object',
          properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
        },
      }),
    );
    const converted = converter.convertInlined({ $ref: '#/components/schemas/Node' }, 'output');
    expect(converted.schema).toEqual({
      type: 'object',
      properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } },
    });
    const defs = converter.defsFor(converted.refs, 'output');
    expect(Object.keys(defs ?? {})).toEqual(['Node']);
    const schema = { ...converted.schema, $defs: defs };
    const check = new SchemaValidator().check(schema, { children: [{ children: [] }] });
    expect(check.ok).toBe(true);
    expect(new SchemaValidator().check(schema, { children: [{ children: 'no' }] }).ok).toBe(false);
  });

  it('merges allOf of object schemas (and references to them) into one object', () => {
    const converter = new SchemaConverter(
      documentWith({
        Base: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
      }),
    );
    const merged = converter.convert(
      {
        allOf: [
          { $ref: '#/components/schemas/Base' },
          { type: 'object', properties: { name: { type: 'string' } } },
        ],
      },
      'output',
    );
    expect(merged.schema).toEqual({
      type: 'object',
      properties: { id: { type: 'integer' }, name: { type: 'string' } },
      required: ['id'],
    });
    expect([...merged.refs]).toEqual([]);
  });

  it('leaves allOf alone when a member is more than a plain object', () => {
    const converter = new SchemaConverter(documentWith({}));
    const schema = {
      allOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { oneOf: [{ required: ['a'] }] }],
    };
    expect(converter.convert(schema, 'input').schema).toEqual(schema);
  });

  it('turns oneOf with a discriminator into anyOf, so overlapping branches still validate', () => {
    const converter = new SchemaConverter(documentWith({}));
    const converted = converter.convert(
      {
        oneOf: [
          { type: 'object', properties: { kind: { type: 'string' } } },
          { type: 'object', properties: { kind: { type: 'string' }, size: { type: 'integer' } } },
        ],
        discriminator: { propertyName: 'kind' },
      },
      'input',
    );
    expect(converted.schema.oneOf).toBeUndefined();
    expect(converted.schema.discriminator).toBeUndefined();
    expect(new SchemaValidator().check(converted.schema, { kind: 'a' }).ok).toBe(true);
  });

  it('leaves readOnly properties out of inputs and writeOnly ones out of outputs', () => {
    const converter = new SchemaConverter(documentWith({}));
    const schema = {
      type: 'object',
      required: ['id', 'password'],
      properties: { id: { type: 'integer', readOnly: true }, password: { type: 'string', writeOnly: true } },
    };
    expect(converter.convert(schema, 'input').schema).toEqual({
      type: 'object',
      required: ['password'],
      properties: { password: { type: 'string', writeOnly: true } },
    });
    expect(converter.convert(schema, 'output').schema).toEqual({
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'integer', readOnly: true } },
    });
  });

  it('drops OpenAPI-only keywords and vendor extensions, keeping examples', () => {
    const converter = new SchemaConverter(documentWith({}));
    expect(
      converter.convert({ type: 'string', example: 'x', xml: { name: 'a' }, 'x-internal': true }, 'input')
        .schema,
    ).toEqual({ type: 'string', examples: ['x'] });
  });
});
