/**
 * Placeholder for the `backend2mcp` command line (`run`, `list`, `config`), built in its own issue.
 * Until then the package only reserves the name and the layout.
 */
export const CLI_STATUS = 'not yet implemented' as const;
