import { describeToolSurface } from '@backend2mcp/test-support';
import { expressSurfaceFixture } from './fixtures/surface-app.js';

describeToolSurface('express', expressSurfaceFixture);
