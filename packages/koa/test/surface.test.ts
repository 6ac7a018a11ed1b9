import { describeToolSurface } from '@backend2mcp/test-support';
import { koaSurfaceFixture } from './fixtures/surface-app.js';

describeToolSurface('koa', koaSurfaceFixture);
