import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli-process.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/**
 * Each client's configuration file for a local (stdio) server, as its own
 * documentation describes it (2026): the top-level key, the fields an entry may
 * carry, and which are required. `additionalProperties: false` catches a key the
 * client would not read (e.g. VS Code's `servers` written as `mcpServers`).
 */
const stdioEntry = (extra: Record<string, unknown> = {}, required: string[] = ['command']) => ({
  type: 'object',
  properties: {
    command: { type: 'string', minLength: 1 },
    args: { type: 'array', items: { type: 'string' } },
    env: { type: 'object', additionalProperties: { type: 'string' } },
    ...extra,
  },
  required,
  additionalProperties: false,
});
const serversUnder = (key: string, entry: object) => ({
  type: 'object',
  properties: { [key]: { type: 'object', minProperties: 1, additionalProperties: entry } },
  required: [key],
  additionalProperties: false,
});

const DOCUMENTED_FORMATS: Record<string, object> = {
  // https://modelcontextprotocol.io/quickstart/user — claude_desktop_config.json
  'claude-desktop': serversUnder('mcpServers', stdioEntry()),
  // https://docs.anthropic.com/en/docs/claude-code/mcp — project-scoped .mcp.json
  'claude-code': serversUnder('mcpServers', stdioEntry({ type: { const: 'stdio' } })),
  // https://docs.cursor.com/context/model-context-protocol — .cursor/mcp.json
  cursor: serversUnder('mcpServers', stdioEntry({ type: { const: 'stdio' } })),
  // https://code.visualstudio.com/docs/copilot/chat/mcp-servers — .vscode/mcp.json
  vscode: serversUnder(
    'servers',
    stdioEntry({ type: { const: 'stdio' }, envFile: { type: 'string' } }, ['type', 'command']),
  ),
  // https://docs.windsurf.com/windsurf/cascade/mcp — ~/.codeium/windsurf/mcp_config.json
  windsurf: serversUnder('mcpServers', stdioEntry()),
};

const ajv = new Ajv2020({ strict: true });

describe('backend2mcp config: one snippet per client, in that client’s documented format', () => {
  const module = fixture('express-app.ts');
  const expectedArgs = ['-y', '@backend2mcp/cli', 'run', module, '--cwd', process.cwd()];

  for (const [client, schema] of Object.entries(DOCUMENTED_FORMATS)) {
    it(client, async () => {
      const result = await runCli(['config', client, module], { cwd: process.cwd() });
      expect(result.code).toBe(0);
      const snippet = JSON.parse(result.stdout);
      const validate = ajv.compile(schema);
      expect(validate(snippet), JSON.stringify(validate.errors)).toBe(true);
      const entries = Object.values(snippet)[0] as Record<string, { command: string; args: string[] }>;
      // The server is named after the module and started with npx -y (without -y npx asks, and a client has no terminal).
      expect(Object.keys(entries)).toEqual(['express-app']);
      expect(entries['express-app']).toMatchObject({ command: 'npx', args: expectedArgs });
      // Where it goes is said on stderr, so stdout can be redirected into the file as is.
      expect(result.stderr).toMatch(/^.+: add this to .+\.\n$/);
    });
  }

  it('accepts the short names claude and vs-code', async () => {
    const [claude, desktop, vsCode] = await Promise.all([
      runCli(['config', 'claude', module]),
      runCli(['config', 'claude-desktop', module]),
      runCli(['config', 'vs-code', module]),
    ]);
    expect(claude.stdout).toBe(desktop.stdout);
    expect(JSON.parse(vsCode.stdout)).toHaveProperty('servers.express-app.type', 'stdio');
  }, 60_000);

  it('refuses an unknown client, listing the supported ones', async () => {
    const result = await runCli(['config', 'zed', module]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('use claude-desktop, claude-code, cursor, vscode or windsurf.');
  });
});
