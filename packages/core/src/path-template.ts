import { parse, type Token } from 'path-to-regexp';
import { Backend2McpError } from './errors.js';

/** A path parameter as the template declares it. */
export interface TemplateParam {
  name: string;
  /** `segment` matches one path segment (`:id`); `wildcard` spans segments (`*path`). */
  kind: 'segment' | 'wildcard';
  /** True when the param sits inside an optional `{...}` group. */
  optional: boolean;
}

/** A parsed route template. */
export interface PathTemplate {
  /** The template as written, e.g. `/files/*path{.:ext}`. */
  source: string;
  tokens: Token[];
  params: TemplateParam[];
}

/**
 * Parses a path-to-regexp v8 template (Express 5 syntax). Throws `INVALID_ROUTE`
 * with the parser's reason when the template is not valid, so a bad route is
 * reported by name instead of failing later at call time.
 */
export function parsePathTemplate(path: string): PathTemplate {
  let tokens: Token[];
  try {
    tokens = parse(path).tokens;
  } catch (error) {
    throw new Backend2McpError(
      'INVALID_ROUTE',
      `Route path "${path}" is not a valid path template: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const params: TemplateParam[] = [];
  collectParams(tokens, false, params);
  return { source: path, tokens, params };
}

function collectParams(tokens: Token[], optional: boolean, into: TemplateParam[]): void {
  for (const token of tokens) {
    if (token.type === 'param') into.push({ name: token.name, kind: 'segment', optional });
    else if (token.type === 'wildcard') into.push({ name: token.name, kind: 'wildcard', optional });
    else if (token.type === 'group') collectParams(token.tokens, true, into);
  }
}

/**
 * Percent-encodes one path segment. Beyond `encodeURIComponent`, the dot segments
 * `.` and `..` are encoded too: a URL parser (WHATWG `new URL`, proxies, some
 * routers) would otherwise resolve them and route the request somewhere else.
 */
export function encodePathSegment(value: string): string {
  if (value === '.' || value === '..') return value.replace(/\./g, '%2E');
  return encodeURIComponent(value);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` has a lone UTF-16 surrogate, which no URL (or UTF-8) can carry. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * Encodes one segment of a path parameter's value, refusing what cannot reach
 * the route intact: `.` and `..` (the WHATWG URL parser behind `fetch`, Hono and
 * Fastify's `inject` resolves them even percent-encoded, so the request would
 * land on another route) and lone surrogates (no URL can carry them).
 */
function encodeParamSegment(name: string, segment: string): string {
  if (segment === '.' || segment === '..') {
    throw new Backend2McpError(
      'INVALID_ARGUMENT',
      `Path parameter "${name}" cannot be "${segment}" (or contain it as a path segment): URL parsers resolve it, so the request would reach another route.`,
    );
  }
  if (hasLoneSurrogate(segment)) {
    throw new Backend2McpError(
      'INVALID_ARGUMENT',
      `Path parameter "${name}" is not well-formed Unicode: it contains a lone surrogate.`,
    );
  }
  return encodePathSegment(segment);
}

/**
 * Fills a template with values. Segment params are encoded as one segment, so
 * `../admin` becomes `..%2Fadmin` and can never escape its segment. Wildcard
 * values keep their `/` separators but each segment is encoded on its own.
 * A value (or wildcard segment) that is `.` or `..`, or has a lone surrogate,
 * is refused with `INVALID_ARGUMENT` naming the parameter.
 * An optional group is written only when every param in it has a value.
 */
export function fillPathTemplate(template: PathTemplate, values: Record<string, string | string[]>): string {
  return fillTokens(template.tokens, values, template.source, true) ?? '';
}

function fillTokens(
  tokens: Token[],
  values: Record<string, string | string[]>,
  source: string,
  required: boolean,
): string | undefined {
  let out = '';
  for (const token of tokens) {
    if (token.type === 'text') {
      out += token.value;
    } else if (token.type === 'group') {
      out += fillTokens(token.tokens, values, source, false) ?? '';
    } else {
      const value = Object.hasOwn(values, token.name) ? values[token.name] : undefined;
      if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
        if (!required) return undefined;
        throw new Backend2McpError(
          'INVALID_ARGUMENT',
          `Missing value for path parameter "${token.name}" of ${source}.`,
        );
      }
      if (token.type === 'param') {
        out += encodeParamSegment(token.name, Array.isArray(value) ? value.join('/') : value);
      } else {
        const segments = Array.isArray(value) ? value : value.split('/');
        out += segments.map((segment) => encodeParamSegment(token.name, segment)).join('/');
      }
    }
  }
  return out;
}
