/**
 * `@backend2mcp/cli`: the `backend2mcp` command (`run`, `list`, `config`) and
 * its building blocks, for programs that want the same loading and detection.
 *
 * @packageDocumentation
 */

export { createProgram, DEFAULT_HTTP_PORT, type MainOptions, main } from './cli.js';
export { detectFramework, FRAMEWORKS, type Framework } from './detect-framework.js';
export { CliError } from './errors.js';
export { type FoundApp, findApp } from './find-app.js';
export type { LoadedApp } from './find-loaded-app.js';
export { type LoadOptions, loadApp, parseModuleSpec } from './load-app.js';
