import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { INSPECTOR_PACKAGE, inspectorCommand } from '../src/inspect.js';
import { bin, userEnvironment } from './helpers/cli-process.js';

const fixture = fileURLToPath(new URL('./fixtures/express-app.ts', import.meta.url));
const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe('backend2mcp run --inspect', () => {
  it('runs the Inspector on a Node it supports, and the app on this one', () => {
    const node = { execPath: '/usr/bin/node', bin: '/cli/bin.js' };
    const server = ['/usr/bin/node', '/cli/bin.js', 'run', 'app.ts'];
    expect(inspectorCommand(['run', 'app.ts'], { ...node, version: 'v22.19.0' })).toEqual({
      command: 'npx',
      args: ['-y', INSPECTOR_PACKAGE, '--web', '--transport', 'stdio', ...server],
    });
    expect(inspectorCommand(['run', 'app.ts'], { ...node, version: 'v20.20.2' })).toEqual({
      command: 'npx',
      args: [
        '-y',
        '-p',
        'node@22',
        '-p',
        INSPECTOR_PACKAGE,
        'mcp-inspector',
        '--web',
        '--transport',
        'stdio',
        ...server,
      ],
    });
  });

  it('refuses --transport http, which the Inspector would not reach', async () => {
    const child = spawn(process.execPath, [bin, 'run', fixture, '--inspect', '--transport', 'http'], {
      env: userEnvironment(),
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('leave out --transport http');
  });

  // Fetches the Inspector (and a Node 22 for it) with npx on first use: slow the first time.
  it('serves the Inspector web UI for the app', { timeout: 300_000 }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'backend2mcp-inspect-'));
    const child = spawn(process.execPath, [bin, 'run', fixture, '--inspect'], {
      detached: true,
      env: userEnvironment({ HOME: home, MCP_AUTO_OPEN_ENABLED: 'false', BROWSER: 'none' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stops.push(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL'); // the Inspector and the app it started
      } catch {}
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk;
        const found = /http:\/\/127\.0\.0\.1:\d+\?MCP_INSPECTOR_API_TOKEN=[0-9a-f]+/.exec(output);
        if (found) resolve(found[0]);
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => reject(new Error(`exited ${code} before the UI was up:\n${output}`)));
    });
    expect(output).toContain(`starting the MCP Inspector (${INSPECTOR_PACKAGE}`);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });
});
