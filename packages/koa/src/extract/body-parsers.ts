import type { BodyEncoding } from '@backend2mcp/core';
import { dispatchNodeListener, type NodeRequestListener } from '@backend2mcp/core/node';
import type { KoaAppLike, KoaMiddleware } from './koa-internals.js';

/** A body encoding a parser reads. */
type ParsedEncoding = 'json' | 'form' | 'multipart';

/**
 * True for the body parsers this adapter knows: koa-bodyparser 4 and
 * @koa/bodyparser 5-6 (both return `bodyParser`); koa-body, whose middleware
 * is anonymous but reads its documented `patchKoa` and `jsonStrict` options;
 * and @koa/multer 3-4, whose anonymous middleware moves multer's `req.file(s)`
 * onto `ctx.request` (property names survive bundling and minifying).
 * Only these are probed: running any other middleware out of turn could log,
 * count or write.
 */
export function isBodyParser(middleware: KoaMiddleware): boolean {
  if (middleware.name === 'bodyParser') return true;
  if (middleware.name !== '') return false;
  const source = Function.prototype.toString.call(middleware);
  return (
    (source.includes('patchKoa') && source.includes('jsonStrict')) ||
    (source.includes('.request.files') && source.includes('.req.file'))
  );
}

/** What each probed parser reads. Filled before routes are read (see {@link probeBodyParsers}). */
const probed = new WeakMap<KoaMiddleware, ReadonlySet<ParsedEncoding>>();

const FIELD = 'backend2mcp';
const VALUE = 'probe';
const BOUNDARY = '----backend2mcp-probe';
const SAMPLES: ReadonlyArray<{ encoding: ParsedEncoding; type: string; body: string }> = [
  { encoding: 'json', type: 'application/json', body: JSON.stringify({ [FIELD]: VALUE }) },
  { encoding: 'form', type: 'application/x-www-form-urlencoded', body: `${FIELD}=${VALUE}` },
  {
    encoding: 'multipart',
    type: `multipart/form-data; boundary=${BOUNDARY}`,
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${FIELD}"\r\n\r\n${VALUE}\r\n--${BOUNDARY}--\r\n`,
  },
];

/**
 * Finds out which encodings each body parser of the app reads, by handing it
 * one small POST of each kind in a context of the app's own (`app.createContext`)
 * and looking at `ctx.request.body` when it calls `next()`. Koa keeps a
 * parser's options (`enableTypes: ['form']`, `json: false`, `multipart: true`)
 * in a closure, so asking the parser is the only way to see them. Nothing but
 * the parser runs; a parser probed once is not probed again.
 */
export async function probeBodyParsers(app: KoaAppLike, parsers: readonly KoaMiddleware[]): Promise<void> {
  const createContext = app.createContext?.bind(app);
  if (!createContext) return;
  for (const parser of new Set(parsers)) {
    if (probed.has(parser)) continue;
    const reads = new Set<ParsedEncoding>();
    for (const sample of SAMPLES) {
      if (await parses(createContext, parser, sample)) reads.add(sample.encoding);
    }
    probed.set(parser, reads);
  }
}

async function parses(
  createContext: NonNullable<KoaAppLike['createContext']>,
  parser: KoaMiddleware,
  sample: (typeof SAMPLES)[number],
): Promise<boolean> {
  let parsed: unknown;
  const listener: NodeRequestListener = async (req, res) => {
    const ctx = createContext(req, res) as { request: { body?: unknown }; req: { body?: unknown } };
    try {
      await (parser as (ctx: unknown, next: () => Promise<void>) => unknown)(ctx, async () => {
        parsed = ctx.request.body ?? ctx.req.body;
      });
    } catch {
      // A parser that refuses the encoding (415, 400) does not read it.
    }
    res.end();
  };
  const body = new TextEncoder().encode(sample.body);
  try {
    await dispatchNodeListener(
      listener,
      {
        method: 'POST',
        url: '/',
        headers: { 'content-type': sample.type, 'content-length': String(body.byteLength) },
        body,
      },
      { signal: AbortSignal.timeout(5_000) },
    );
  } catch {
    return false;
  }
  return (parsed as Record<string, unknown> | undefined)?.[FIELD] === VALUE;
}

/**
 * The body encoding of a route behind `parsers` (app, router and route
 * middleware, in order): `form` when they read forms and no JSON, `multipart`
 * when they read only multipart, else undefined (JSON, the default). A parser
 * not probed yet counts as reading JSON, its libraries' default.
 */
export function bodyEncodingOf(parsers: readonly KoaMiddleware[]): BodyEncoding | undefined {
  if (parsers.length === 0) return undefined;
  const reads = new Set<ParsedEncoding>();
  for (const parser of parsers) {
    for (const encoding of probed.get(parser) ?? ['json']) reads.add(encoding);
  }
  if (reads.has('json')) return undefined;
  if (reads.has('form')) return 'form';
  return reads.has('multipart') ? 'multipart' : undefined;
}
