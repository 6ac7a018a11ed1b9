// FRAMEWORK-SPECIFIC (issue 22: a descriptor could carry its own hint for CLI users).

/**
 * The adapters' skip reasons address someone wiring backend2mcp into their own
 * code ("import @backend2mcp/express before building the app, or preload its
 * register entry"). The CLI already does both for every copy of express it sees
 * loaded, so its users get a hint they can act on instead.
 */
export function cliHint(reason: string): string {
  return reason.replace(
    /import @backend2mcp\/express before building the app, or run with `node --import @backend2mcp\/express\/register`/g,
    'the CLI instruments every copy of express the app loads through Node, so this copy came another way ' +
      '(bundled into the app, or created before loading); export an app built from a copy the app requires',
  );
}
