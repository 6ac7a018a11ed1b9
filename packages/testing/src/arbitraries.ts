/**
 * fast-check arbitraries for the hostile inputs every adapter must survive:
 * argument values full of URL syntax, dot segments, control characters and
 * unicode (including lone surrogates), random route templates, and JSON
 * values whose keys are `__proto__`, `constructor` and `prototype`.
 */
import fc from 'fast-check';

/** Runs per property: the acceptance bar is 1 000 cases per property, in CI too. */
export const FUZZ_RUNS = 1000;

/** Pieces that break naive URL building: separators, escapes, dot segments, CR/LF, NUL, non-ASCII. */
const HOSTILE_FRAGMENTS = [
  '/',
  '//',
  '.',
  '..',
  '../',
  '%',
  '%2F',
  '%2f',
  '%25',
  '%2E%2E',
  '%00',
  '?',
  '#',
  '&',
  '=',
  '+',
  ';',
  ':',
  '@',
  '\\',
  ' ',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\u0000',
  '\u007f',
  '\u0085',
  '\u2028',
  'é',
  '日本',
  '😀',
  '\u{10FFFF}',
  '*',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  "'",
  '"',
  '<script>',
];

/** One UTF-16 code unit that is half of a surrogate pair: no URL can carry it alone. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));

/** A string built from hostile fragments, any code point, and the odd lone surrogate. */
const hostilePiece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: loneSurrogate },
);

/** A very long string (a few thousand code units), one of the inputs limits must survive. */
const longString = fc
  .tuple(fc.constantFrom('x', 'é', '%', '/', '😀', 'a/b'), fc.integer({ min: 500, max: 3000 }))
  .map(([piece, times]) => piece.repeat(times));

/** A non-empty argument value: usually hostile, sometimes very long. */
export const argumentValue: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.array(hostilePiece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: longString },
);

/** One path segment for a wildcard value: non-empty and without `/`. */
const wildcardSegment = argumentValue
  .map((value) => value.replaceAll('/', ''))
  .filter((value) => value.length > 0);

/** A wildcard value: `/`-separated segments (sometimes `.` or `..`). */
export const wildcardValue: fc.Arbitrary<string> = fc
  .array(
    fc.oneof({ weight: 8, arbitrary: wildcardSegment }, { weight: 1, arbitrary: fc.constantFrom('.', '..') }),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((segments) => segments.join('/'));

/** One piece of a route template, in no framework's syntax yet. */
export type TemplateSegment =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; name: string }
  | { kind: 'wildcard'; name: string };

/** A route of a generated app: `/r<id>` followed by random segments (a wildcard, if any, last). */
export interface GeneratedRoute {
  id: number;
  segments: TemplateSegment[];
}

const literalText = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/);

/**
 * Random route templates: literals and params in any order, optionally ending
 * in a wildcard. Param names are unique within a template. Every route starts
 * with its own `/r<id>` literal, so the route a request reaches tells which
 * template matched.
 */
export function generatedRoutes(options: { wildcards: boolean }): fc.Arbitrary<GeneratedRoute[]> {
  const segment = fc.oneof(
    { weight: 1, arbitrary: literalText.map((text): TemplateSegment => ({ kind: 'literal', text })) },
    { weight: 2, arbitrary: fc.constant<TemplateSegment>({ kind: 'param', name: '' }) },
  );
  const route = fc
    .tuple(
      fc.array(segment, { minLength: 1, maxLength: 4 }),
      options.wildcards ? fc.boolean() : fc.constant(false),
    )
    .map(([segments, wildcard]) => {
      // Unique, framework-neutral names: p0, p1, ... and rest for the wildcard.
      let index = 0;
      const named = segments.map(
        (piece): TemplateSegment => (piece.kind === 'param' ? { kind: 'param', name: `p${index++}` } : piece),
      );
      if (!named.some((piece) => piece.kind === 'param')) named.push({ kind: 'param', name: `p${index++}` });
      if (wildcard) named.push({ kind: 'wildcard', name: 'rest' });
      return named;
    });
  return fc
    .array(route, { minLength: 24, maxLength: 24 })
    .map((routes) => routes.map((segments, id) => ({ id, segments })));
}

/** The template in path-to-regexp v8 syntax (Express 5, @koa/router): `/r3/:p0/x/*rest`. */
export function v8Template(route: GeneratedRoute, wildcard = (name: string) => `*${name}`): string {
  return `/r${route.id}${route.segments
    .map((piece) =>
      piece.kind === 'literal'
        ? `/${piece.text}`
        : piece.kind === 'param'
          ? `/:${piece.name}`
          : `/${wildcard(piece.name)}`,
    )
    .join('')}`;
}

/** The value a route must see for each of its params when it is called with `values`. */
export type ParamValues = Record<string, string>;

/** A value for every param of the route (wildcards get `/`-separated values). */
export function valuesFor(route: GeneratedRoute): fc.Arbitrary<ParamValues> {
  const record: Record<string, fc.Arbitrary<string>> = {};
  for (const piece of route.segments) {
    if (piece.kind === 'param') record[piece.name] = argumentValue;
    if (piece.kind === 'wildcard') record[piece.name] = wildcardValue;
  }
  return fc.record(record);
}

/** Why core must refuse a path value, or undefined when it must reach the route intact. */
export function pathRefusal(
  value: string,
  kind: 'param' | 'wildcard',
): 'dot-segment' | 'surrogate' | undefined {
  const segments = kind === 'param' ? [value] : value.split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) return 'dot-segment';
  if (hasLoneSurrogate(value)) return 'surrogate';
  return undefined;
}

/** True when `text` holds a lone UTF-16 surrogate. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** A header value with at least one CR or LF somewhere in it. */
export const headerValueWithLineBreak: fc.Arbitrary<string> = fc
  .tuple(argumentValue, fc.constantFrom('\r', '\n', '\r\n', '\n\r'), argumentValue, fc.boolean())
  .map(([before, lineBreak, after, atStart]) =>
    atStart ? `${lineBreak}${before}` : `${before}${lineBreak}${after}`,
  );

/**
 * A header value HTTP allows and every framework hands over unchanged: visible
 * ASCII, Latin-1, inner spaces and tabs (HTTP trims them at the ends).
 */
export const allowedHeaderValue: fc.Arbitrary<string> = fc
  .string({
    unit: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)) },
      { weight: 2, arbitrary: fc.integer({ min: 0xa0, max: 0xff }).map((code) => String.fromCharCode(code)) },
      { weight: 1, arbitrary: fc.constantFrom(' ', '\t') },
    ),
    minLength: 1,
    maxLength: 64,
  })
  .map((value) => value.trim())
  .filter((value) => value.length > 0);

/** Keys that pollute prototypes when code merges untrusted objects carelessly. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const jsonKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...POLLUTING_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom('polluted', 'toString', 'valueOf', 'hasOwnProperty', 'isAdmin') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

const jsonLeaf = fc
  .oneof(
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant({ polluted: true }),
  )
  .map((value) => JSON.stringify(value));

/**
 * JSON text of objects keyed by `__proto__`, `constructor` and `prototype` at
 * any depth. Kept as text: only `JSON.parse` creates an own `__proto__` key,
 * the way a request body or an MCP message arrives.
 */
export const pollutingJson: fc.Arbitrary<string> = fc.letrec<{
  value: string;
  object: string;
  array: string;
}>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, jsonLeaf, tie('object'), tie('array')),
  object: fc
    .array(fc.tuple(jsonKey, tie('value')), { minLength: 1, maxLength: 4 })
    .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
  array: fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
})).object;
