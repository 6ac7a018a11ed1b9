import { translateColonPath } from '@backend2mcp/core/adapter';

/** A Fastify URL translated into a path-to-regexp v8 template (the syntax core speaks). */
export type TranslatedFastifyPath =
  | { ok: true; template: string; paramPatterns?: Record<string, string> }
  | { ok: false; reason: string };

/**
 * Fastify URL -> template:
 *
 * | Fastify | template | notes |
 * | --- | --- | --- |
 * | `/users/:id` | `/users/:id` | |
 * | `/users/:id?` | `/users{/:id}` | optional last param |
 * | `/items/:id(^\\d+$)` | `/items/:id` | pattern kept in `paramPatterns` (`\\d+` makes it an integer) |
 * | `/files/*` | `/files/*wildcard` | the app reads it as `request.params['*']` |
 * | `/api/` (prefix + `/`) | `/api` | trailing slash dropped; Fastify serves both |
 */
export function translateFastifyPath(url: string): TranslatedFastifyPath {
  const translated = translateColonPath(url, '()');
  let template = translated.template;
  if (template.length > 1 && template.endsWith('/')) template = template.slice(0, -1);
  if (template === '') template = '/';
  return translated.paramPatterns
    ? { ok: true, template, paramPatterns: translated.paramPatterns }
    : { ok: true, template };
}
