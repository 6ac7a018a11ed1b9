import { compileErrors, validate } from '@readme/openapi-parser';
import { invalidDocument } from '../errors.js';
import { type DocumentSource, type LoadDocumentOptions, loadDocument } from './load-document.js';
import { swagger2ToOpenApi3 } from './swagger2.js';
import { isObject, type JsonObject, type OpenApiDocument } from './types.js';

/** Options for {@link readDocument}. */
export interface ReadDocumentOptions extends LoadDocumentOptions {
  /**
   * Check the document against the OpenAPI/Swagger specification first
   * (`@readme/openapi-parser`). Problems are warnings unless `strict` is set:
   * many generated documents have small ones that do not stop their tools from working.
   * Default true.
   */
  validate?: boolean;
  /** Refuse a document that does not validate. Default false. */
  strict?: boolean;
  /** Where validation warnings go. */
  onWarning?: (message: string) => void;
  /** The text of the last read: when the document is still exactly that, reading stops early (`unchanged`). */
  previousText?: string;
}

/** A document ready to become tools: OpenAPI 3.x shape, and where it came from. */
export interface ReadDocument {
  document: OpenApiDocument;
  /** The version the document declared (`2.0`, `3.0.3`, `3.1.0`). */
  declaredVersion: string;
  url?: URL;
  text?: string;
  /** True when the document's text equals `previousText`: nothing was checked or converted again. */
  unchanged?: boolean;
}

/**
 * Loads, checks and normalises an API description: Swagger 2.0 becomes
 * OpenAPI 3.0; 3.0 and 3.1 stay as they are (schemas are converted per
 * operation later). External `$ref`s (another file or URL) are refused: a
 * document must not make this process read files or fetch URLs it names.
 */
export async function readDocument(
  source: DocumentSource,
  options: ReadDocumentOptions = {},
): Promise<ReadDocument> {
  const loaded = await loadDocument(source, options);
  if (options.previousText !== undefined && loaded.text === options.previousText) {
    return { document: {} as OpenApiDocument, declaredVersion: '', text: loaded.text, unchanged: true };
  }
  const raw = loaded.document;
  const declaredVersion = String(raw.openapi ?? raw.swagger ?? '');
  if (!/^(2\.0|3\.[01])(\.|$)/.test(declaredVersion)) {
    throw invalidDocument(
      `${describe(loaded.url)} is not an OpenAPI 3.0/3.1 or Swagger 2.0 document (it declares ${declaredVersion ? `version "${declaredVersion}"` : 'no "openapi" or "swagger" version'}).`,
    );
  }
  const external = firstExternalRef(raw);
  if (external) {
    throw invalidDocument(
      `${describe(loaded.url)} has an external $ref "${external}". External references are not followed (a document must not make this server read files or fetch URLs); bundle the document into one file first (e.g. \`redocly bundle\`).`,
    );
  }
  if (options.validate !== false) {
    const result = await validate(structuredClone(raw) as never, {
      resolve: { external: false, file: false },
      dereference: { circular: 'ignore' },
    });
    if (!result.valid) {
      const message = `${describe(loaded.url)} does not validate against the ${declaredVersion.startsWith('2') ? 'Swagger 2.0' : `OpenAPI ${declaredVersion}`} specification: ${compileErrors(result)}`;
      if (options.strict) throw invalidDocument(message);
      options.onWarning?.(`backend2mcp: ${message}`);
    }
  }
  const document = (declaredVersion.startsWith('2')
    ? swagger2ToOpenApi3(raw, loaded.url)
    : raw) as unknown as OpenApiDocument;
  return {
    document,
    declaredVersion,
    ...(loaded.url ? { url: loaded.url } : {}),
    ...(loaded.text !== undefined ? { text: loaded.text } : {}),
  };
}

function describe(url: URL | undefined): string {
  return url ? `The document ${url.href}` : 'The document';
}

/** The first `$ref` that points outside the document, if any. */
function firstExternalRef(node: unknown): string | undefined {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      stack.push(...current);
    } else if (isObject(current)) {
      for (const [key, value] of Object.entries(current as JsonObject)) {
        if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) return value;
        if (typeof value === 'object' && value !== null) stack.push(value);
      }
    }
  }
  return undefined;
}
