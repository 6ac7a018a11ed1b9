import type { PathTemplate } from '@backend2mcp/core/adapter';

type Token = PathTemplate['tokens'][number];

/**
 * A key equal for two routes exactly when they match the same requests:
 * parameter names do not matter (`/users/:id` and `/users/:userId` are the
 * same URLs), their patterns do (Express 4 `/items/:id(\\d+)` does not shadow
 * `/items/:slug`). Express dispatches to the first route that matches, so only
 * the first route of a key can answer.
 */
export function urlSpaceKey(
  method: string,
  template: PathTemplate,
  paramPatterns: Record<string, string> | undefined,
): string {
  return `${method} ${tokensKey(template.tokens, paramPatterns ?? {})}`;
}

function tokensKey(tokens: Token[], patterns: Record<string, string>): string {
  return tokens
    .map((token) => {
      if (token.type === 'text') return JSON.stringify(token.value);
      if (token.type === 'group') return `{${tokensKey(token.tokens, patterns)}}`;
      if (token.type === 'param') return `:(${patterns[token.name] ?? ''})`;
      return '*';
    })
    .join('');
}
