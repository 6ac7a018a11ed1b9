/**
 * `@backend2mcp/test-support` is the adapter kit's former name, private to this
 * repository; the kit is `@backend2mcp/testing`. Kept so tests written against
 * the old name keep working.
 */
export * from '@backend2mcp/testing';
