#!/usr/bin/env node
import { superviseCommand } from './supervise.js';

// `run` and `list` continue in a worker whose stdout is kept away from the protocol;
// this process only waits for it, so it loads nothing else.
if (!superviseCommand(process.argv)) {
  void import('./cli.js').then(({ main }) => main(process.argv, { exit: true }));
}
