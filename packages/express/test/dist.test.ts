import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// These run the published build (dist/, through the package's exports map), not the sources:
// they catch what only bundling can break (a dropped side-effect import, a CJS shim).
const run = (script: string) =>
  JSON.parse(
    execFileSync(process.execPath, [fileURLToPath(new URL(`./fixtures/built/${script}`, import.meta.url))], {
      encoding: 'utf8',
    }),
  );

describe('the built package', () => {
  it.each(['import-first.mjs', 'require-first.cjs'])(
    '%s: importing it instruments express, so a sub-app is found',
    (script) => {
      expect(run(script)).toEqual({ tools: ['get_admin_stats'], result: { users: 2 } });
    },
  );
});
