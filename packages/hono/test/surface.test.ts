import { describeToolSurface } from '@backend2mcp/test-support';
import { honoSurfaceFixture } from './fixtures/surface-app.js';

describeToolSurface('hono', honoSurfaceFixture);
