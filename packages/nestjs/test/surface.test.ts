import { describeToolSurface } from '@backend2mcp/test-support';
import { nestSurfaceFixture } from './fixtures/surface-app.js';

describeToolSurface('nest (express platform)', nestSurfaceFixture('express'));
describeToolSurface('nest (fastify platform)', nestSurfaceFixture('fastify'));
