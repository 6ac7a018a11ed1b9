/**
 * `@backend2mcp/testing`: the adapter kit. The suites every backend2mcp adapter
 * runs against real apps of its framework (reliability and security, auth, the
 * tool surface, extraction, the adapter API), and what they need to drive an
 * adapter with the official SDK client: the two protocol eras, an in-memory
 * connection, cleanup, and the text of a result. A third-party adapter runs
 * the same suites (see docs/writing-an-adapter.md).
 *
 * @packageDocumentation
 */

export {
  ADAPTER_EXPORTS,
  ADAPTER_MEMBERS,
  type AdapterApiFixture,
  type DescriptorLike,
  describeAdapterApi,
} from './adapter-api-suite.js';
export * from './arbitraries.js';
export {
  type AuthFixture,
  type AuthProviderClasses,
  type AuthSuiteOptions,
  describeAuth,
} from './auth-suite.js';
export {
  type BoundaryAdapter,
  type BoundaryFixture,
  type BoundarySuiteOptions,
  describeRouteBoundary,
} from './boundary-suite.js';
export {
  Cleanups,
  type Connectable,
  connectInMemory,
  PROTOCOL_ERAS,
  textOf,
} from './connect.js';
export {
  describeExtraction,
  EXTRACTION_TOOLS,
  type ExtractionAdapter,
  type ExtractionFixture,
} from './extraction-suite.js';
export * from './http.js';
export { type ListedToolSchemas, listPublishableTools, type PublishableCheckOptions } from './publishable.js';
export * from './reliability.js';
export * from './resources.js';
export {
  describeToolSurface,
  SEARCH_OVERRIDE,
  type SurfaceAdapter,
  type SurfaceFixture,
  type SurfaceSuiteOptions,
} from './surface-suite.js';
export { startTestIssuer, type TestIssuer, type TestTokenClaims } from './test-issuer.js';
