/** The HTTP methods a Nest route can be served as a tool under (Nest's `RequestMethod` numbers). */
export type NestHttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

const BY_REQUEST_METHOD: Record<number, readonly NestHttpMethod[]> = {
  0: ['GET'],
  1: ['POST'],
  2: ['PUT'],
  3: ['DELETE'],
  4: ['PATCH'],
  // `@All()` stands for the methods a client would call it with, as Express's `app.all()` does here.
  5: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  6: ['OPTIONS'],
  7: ['HEAD'],
};

/** The methods `requestMethod` is served as, or undefined for WebDAV and other methods MCP tools do not cover. */
export function httpMethodsOf(requestMethod: number): readonly NestHttpMethod[] | undefined {
  return BY_REQUEST_METHOD[requestMethod];
}
