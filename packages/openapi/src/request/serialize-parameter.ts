import { Backend2McpError } from '@backend2mcp/core';
import type { ParameterPlan } from '../operations/operation-plan.js';

/**
 * OpenAPI parameter serialisation (`style` x `explode`, OpenAPI 3.1 section
 * 4.8.12.4), one function per location. Every name and value is
 * percent-encoded on its own, so a value can never add a delimiter, another
 * parameter or a path segment of its own.
 */

type Scalar = string | number | boolean | null;

/** One path parameter's text in the path (`simple`, `label`, `matrix`). */
export function serializePath(plan: ParameterPlan, value: unknown): string {
  const encode = (text: string) => encodePathValue(plan.name, text);
  if (plan.json) return encode(JSON.stringify(value));
  const name = encode(plan.name);
  const { items, pairs } = shape(value);
  if (plan.style === 'label') {
    if (pairs)
      return `.${pairs.map(([k, v]) => (plan.explode ? `${encode(k)}=${encode(v)}` : `${encode(k)},${encode(v)}`)).join(plan.explode ? '.' : ',')}`;
    return `.${items.map(encode).join(plan.explode ? '.' : ',')}`;
  }
  if (plan.style === 'matrix') {
    if (pairs) {
      return plan.explode
        ? pairs.map(([k, v]) => `;${encode(k)}=${encode(v)}`).join('')
        : `;${name}=${pairs.map(([k, v]) => `${encode(k)},${encode(v)}`).join(',')}`;
    }
    if (Array.isArray(value) && plan.explode) return items.map((item) => `;${name}=${encode(item)}`).join('');
    return `;${name}=${items.map(encode).join(',')}`;
  }
  if (pairs)
    return pairs
      .map(([k, v]) => (plan.explode ? `${encode(k)}=${encode(v)}` : `${encode(k)},${encode(v)}`))
      .join(',');
  return items.map(encode).join(',');
}

/** One query parameter's `key=value` pairs, already encoded (`form`, `spaceDelimited`, `pipeDelimited`, `deepObject`). */
export function serializeQuery(plan: ParameterPlan, value: unknown): string[] {
  const encode = (text: string) => encodeQueryValue(plan.name, text, plan.allowReserved);
  const name = encode(plan.name);
  if (plan.json) return [`${name}=${encode(JSON.stringify(value))}`];
  const { items, pairs } = shape(value);
  if (plan.style === 'deepObject' && pairs) {
    return pairs.map(([k, v]) => `${name}%5B${encode(k)}%5D=${encode(v)}`);
  }
  if (plan.style === 'spaceDelimited' || plan.style === 'pipeDelimited') {
    const separator = plan.style === 'spaceDelimited' ? '%20' : '|';
    const parts = pairs ? pairs.flat() : items;
    return [`${name}=${parts.map(encode).join(separator)}`];
  }
  if (pairs) {
    return plan.explode
      ? pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`)
      : [`${name}=${pairs.flat().map(encode).join(',')}`];
  }
  if (Array.isArray(value) && plan.explode) return items.map((item) => `${name}=${encode(item)}`);
  return [`${name}=${items.map(encode).join(',')}`];
}

/** A header parameter's value (`simple`). */
export function serializeHeader(plan: ParameterPlan, value: unknown): string {
  const text = plan.json
    ? JSON.stringify(value)
    : (() => {
        const { items, pairs } = shape(value);
        if (pairs) return pairs.map(([k, v]) => (plan.explode ? `${k}=${v}` : `${k},${v}`)).join(',');
        return items.join(',');
      })();
  return checkHeaderValue(plan.name, text);
}

/** A cookie parameter's `name=value` (`form`; values percent-encoded so `;` cannot add a cookie). */
export function serializeCookie(plan: ParameterPlan, value: unknown): string {
  const encode = (text: string) => encodeQueryValue(plan.name, text, false);
  if (plan.json) return `${encode(plan.name)}=${encode(JSON.stringify(value))}`;
  const { items, pairs } = shape(value);
  const text = pairs ? pairs.flat().map(encode).join(',') : items.map(encode).join(',');
  return `${encode(plan.name)}=${text}`;
}

/** A value as the list of its items (primitive: one) or, for an object, its key/value pairs. */
function shape(value: unknown): { items: string[]; pairs?: Array<[string, string]> } {
  if (Array.isArray(value)) return { items: value.map(scalarText) };
  if (value !== null && typeof value === 'object') {
    const pairs = Object.entries(value).map(([k, v]) => [k, scalarText(v)] as [string, string]);
    return { items: [], pairs };
  }
  return { items: [scalarText(value as Scalar)] };
}

/** Nested structures have no OpenAPI serialisation: they travel as JSON text. */
export function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function encodePathValue(name: string, text: string): string {
  if (text === '.' || text === '..') {
    throw new Backend2McpError(
      'INVALID_ARGUMENT',
      `Path parameter "${name}" cannot be "${text}": URL parsers resolve it, so the request would reach another path.`,
    );
  }
  return encodeWellFormed(name, text, encodeURIComponent);
}

/** RFC 3986 reserved characters a parameter with `allowReserved` keeps as they are (except the query's own `&`, `=`, `#`). */
const KEPT_RESERVED = /%(3A|2F|3F|5B|5D|40|21|24|27|28|29|2A|2B|2C|3B)/gi;

function encodeQueryValue(name: string, text: string, allowReserved: boolean): string {
  const encoded = encodeWellFormed(name, text, encodeURIComponent);
  return allowReserved ? encoded.replace(KEPT_RESERVED, (percent) => decodeURIComponent(percent)) : encoded;
}

function encodeWellFormed(name: string, text: string, encode: (text: string) => string): string {
  try {
    return encode(text);
  } catch {
    throw new Backend2McpError(
      'INVALID_ARGUMENT',
      `Parameter "${name}" is not well-formed Unicode: it contains a lone surrogate.`,
    );
  }
}

/** What HTTP allows in a field value (RFC 9110): tab, visible ASCII, space and obs-text. */
const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

/** Header values never carry CR, LF, NUL or other control characters (response splitting, smuggling). */
export function checkHeaderValue(name: string, text: string): string {
  if (INVALID_HEADER_CHAR.test(text)) {
    throw new Backend2McpError(
      'INVALID_HEADER_VALUE',
      `Header "${name}" may only contain visible ASCII, spaces, tabs and Latin-1 characters (no CR, LF or other control characters).`,
    );
  }
  return text;
}
