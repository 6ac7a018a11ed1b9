import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { invalidDocument } from '../errors.js';
import { isObject, type JsonObject } from './types.js';

/** Where the API description comes from: a URL, a file path, or the parsed document itself. */
export type DocumentSource = string | URL | JsonObject;

/** Options for {@link loadDocument}. */
export interface LoadDocumentOptions {
  /** Headers sent when fetching a document over HTTP (e.g. a token for a protected docs endpoint). */
  headers?: Record<string, string>;
  /** Give up on a document URL after this many milliseconds. Default 15,000. */
  timeoutMs?: number;
  /** Largest document accepted, in bytes. Default 50 MiB. */
  maxBytes?: number;
}

/** A loaded document and where it came from (relative server URLs resolve against `url`). */
export interface LoadedDocument {
  document: JsonObject;
  /** The document's URL (`file:` for a file); undefined for an in-memory object. */
  url?: URL;
  /** The raw text, when it was read from somewhere (for change detection by `--watch`). */
  text?: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * Reads a document from a URL (http/https) or a file, JSON or YAML. It reads
 * exactly that one resource: nothing a document names (external `$ref`s) is fetched.
 */
export async function loadDocument(
  source: DocumentSource,
  options: LoadDocumentOptions = {},
): Promise<LoadedDocument> {
  // Read, never written: conversion builds new objects, so the caller's document needs no copy.
  if (isObject(source) && !(source instanceof URL)) return { document: source };
  const location = String(source);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (/^https?:\/\//i.test(location)) {
    const url = new URL(location);
    const text = await fetchText(url, options, maxBytes);
    return { document: parseText(text, location), url, text };
  }
  const path = location.startsWith('file:') ? new URL(location) : resolvePath(location);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw invalidDocument(`Cannot read the OpenAPI document ${location}: ${(error as Error).message}`, error);
  }
  if (Buffer.byteLength(text) > maxBytes) {
    throw invalidDocument(
      `The OpenAPI document ${location} is larger than ${maxBytes} bytes (option maxBytes).`,
    );
  }
  const url = typeof path === 'string' ? pathToFileURL(path) : path;
  return { document: parseText(text, location), url, text };
}

async function fetchText(url: URL, options: LoadDocumentOptions, maxBytes: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5', ...options.headers },
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      redirect: 'follow',
    });
  } catch (error) {
    throw invalidDocument(
      `Cannot fetch the OpenAPI document ${url.href}: ${(error as Error).message}. Is the backend running?`,
      error,
    );
  }
  if (!response.ok) {
    throw invalidDocument(`Fetching the OpenAPI document ${url.href} answered ${response.status}.`);
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw invalidDocument(
      `The OpenAPI document ${url.href} is larger than ${maxBytes} bytes (option maxBytes).`,
    );
  }
  const text = await response.text();
  if (Buffer.byteLength(text) > maxBytes) {
    throw invalidDocument(
      `The OpenAPI document ${url.href} is larger than ${maxBytes} bytes (option maxBytes).`,
    );
  }
  return text;
}

/** JSON first (fast, and most generators emit it), YAML otherwise; YAML aliases are capped (billion laughs). */
function parseText(text: string, location: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = /^\s*\{/.test(text) ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 1000 });
  } catch (error) {
    throw invalidDocument(
      `The OpenAPI document ${location} is neither JSON nor YAML: ${(error as Error).message}`,
      error,
    );
  }
  if (!isObject(parsed)) throw invalidDocument(`The OpenAPI document ${location} is not an object.`);
  return parsed;
}
