#!/usr/bin/env node
import { inspectCommand } from './inspect.js';
import { superviseCommand } from './supervise.js';

// `run` and `list` continue in a worker whose stdout is kept away from the protocol;
// this process only waits for it, so it loads nothing else.
// `run --inspect` hands the app to the MCP Inspector, which starts `run` itself.
if (!inspectCommand(process.argv) && !superviseCommand(process.argv)) {
  void import('./cli.js').then(({ main }) => main(process.argv, { exit: true }));
}
