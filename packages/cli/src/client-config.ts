/**
 * The MCP clients `backend2mcp config` writes a snippet for, each in the shape
 * its own documentation gives for a local (stdio) server. Clients differ in the
 * top-level key (`mcpServers` vs VS Code's `servers`) and in whether the entry
 * names its transport (`type: "stdio"`), so one table keeps them side by side.
 */

/** How a client starts the server: the command and its arguments. */
export interface StdioLaunch {
  command: string;
  args: string[];
}

/** One client target of `backend2mcp config`. */
export interface ClientTarget {
  /** The name users type (`backend2mcp config <id>`). */
  id: string;
  /** Other names accepted for it. */
  aliases: readonly string[];
  /** Shown in help and in the hint. */
  title: string;
  /** Where the snippet goes, printed on stderr so stdout stays pure JSON. */
  where: string;
  /** The snippet: the whole configuration file for one server. */
  snippet(name: string, launch: StdioLaunch): Record<string, unknown>;
}

const mcpServers = (name: string, entry: Record<string, unknown>) => ({ mcpServers: { [name]: entry } });

/** Every supported client, in the order help lists them. */
export const CLIENT_TARGETS: readonly ClientTarget[] = [
  {
    id: 'claude-desktop',
    aliases: ['claude'],
    title: 'Claude Desktop',
    where:
      'claude_desktop_config.json (macOS: ~/Library/Application Support/Claude/, Windows: %APPDATA%\\Claude\\), then restart Claude Desktop',
    snippet: (name, launch) => mcpServers(name, { command: launch.command, args: launch.args }),
  },
  {
    id: 'claude-code',
    aliases: [],
    title: 'Claude Code',
    where: '.mcp.json at the project root (project scope), or pass it to `claude mcp add-json <name> <json>`',
    snippet: (name, launch) =>
      mcpServers(name, { type: 'stdio', command: launch.command, args: launch.args, env: {} }),
  },
  {
    id: 'cursor',
    aliases: [],
    title: 'Cursor',
    where: '.cursor/mcp.json in the project, or ~/.cursor/mcp.json for every project',
    snippet: (name, launch) => mcpServers(name, { command: launch.command, args: launch.args }),
  },
  {
    id: 'vscode',
    aliases: ['vs-code'],
    title: 'VS Code',
    where: '.vscode/mcp.json in the workspace (or the user configuration via "MCP: Open User Configuration")',
    snippet: (name, launch) =>
      ({ servers: { [name]: { type: 'stdio', command: launch.command, args: launch.args } } }) as Record<
        string,
        unknown
      >,
  },
  {
    id: 'windsurf',
    aliases: [],
    title: 'Windsurf',
    where: '~/.codeium/windsurf/mcp_config.json, then refresh the MCP servers in the Cascade panel',
    snippet: (name, launch) => mcpServers(name, { command: launch.command, args: launch.args }),
  },
];

/** The target a user-typed client name means (case-insensitive), or undefined. */
export function findClientTarget(client: string): ClientTarget | undefined {
  const wanted = client.toLowerCase();
  return CLIENT_TARGETS.find((target) => target.id === wanted || target.aliases.includes(wanted));
}

/** `claude-desktop, claude-code, cursor, vscode or windsurf`, for help and errors. */
export function clientList(): string {
  const ids = CLIENT_TARGETS.map((target) => target.id);
  return `${ids.slice(0, -1).join(', ')} or ${ids.at(-1)}`;
}
