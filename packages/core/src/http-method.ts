// The methods on their own, so the route boundary and the request records can both name them
// without importing each other.

/** HTTP methods a route can be exposed under. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** Every method backend2mcp knows, in the order tools are listed. */
export const HTTP_METHODS: readonly HttpMethod[] = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
];
