#!/usr/bin/env node
// Runs every workspace's vitest project in one vitest process, then prints one
// plain closing line ("N passed, N failed, N skipped") that CI tools can read.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'backend2mcp-tests-'));
const report = join(dir, 'vitest.json');
const run = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);

let summary = 'no test report was written';
try {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = result.numPendingTests + result.numTodoTests;
  summary = `${result.numPassedTests} passed, ${result.numFailedTests} failed, ${skipped} skipped`;
  if (result.numTotalTests === 0) run.status = 1;
} catch (error) {
  summary = `no test report: ${error.message}`;
  run.status ||= 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\ntests: ${summary}`);
process.exit(run.status ?? 1);
