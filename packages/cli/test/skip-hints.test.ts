import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cliHint } from '../src/skip-hints.js';

interface App {
  (...args: unknown[]): void;
  get(path: string, handler: (req: unknown, res: { json(body: unknown): void }) => void): void;
  use(path: string, app: App): void;
}
const express = createRequire(import.meta.url)('express') as () => App;

// Built before @backend2mcp/express is imported below, so this express copy is not
// instrumented yet: the adapter reports the sub-app it cannot place, with its hint.
const app = express();
const admin = express();
admin.get('/stats', (_req, res) => {
  res.json({});
});
app.use('/admin', admin);

describe('skip reasons shown to CLI users', () => {
  it('replace the adapter hint that tells them to do what the CLI already does', async () => {
    const { extractRoutes } = await import('@backend2mcp/express');
    const { skipped } = extractRoutes(app as never);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.reason).toContain('import @backend2mcp/express before building the app');
    const shown = cliHint(skipped[0]!.reason);
    expect(shown).not.toContain('import @backend2mcp/express');
    expect(shown).not.toContain('--import');
    expect(shown).toContain('the CLI instruments every copy of express the app loads');
  });
});
